import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useStageHistory } from './claimantQueries'

/** Every stage change of the claimant, oldest first: when, from, to, who, and the note. */
export function StageHistory({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const history = useStageHistory(claimantId)
  const none = t('common.none')

  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
  if (history.isLoading) return <p role="status">{t('common.loading')}</p>
  if (!history.data) return null
  if (history.data.length === 0) return <p>{t('history.empty')}</p>
  return (
    <div className="table-wrap">
      <table className="data stage-history">
        <caption>{t('history.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.at')}</th>
            <th scope="col">{t('history.from')}</th>
            <th scope="col">{t('history.to')}</th>
            <th scope="col">{t('history.actor')}</th>
            <th scope="col">{t('history.note')}</th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((change) => (
            <tr key={change.id}>
              <th scope="row">
                <time dateTime={change.at}>{formatDateTime(change.at)}</time>
              </th>
              <td>{change.from_stage ? label('stage', change.from_stage) : t('history.created')}</td>
              <td>{label('stage', change.to_stage)}</td>
              <td>{change.actor}</td>
              <td className="pre">{change.note || none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
