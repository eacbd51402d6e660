import { Link } from 'react-router-dom'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { isWorking, useImportHistory } from './importQueries'

const n = (value: number) => value.toLocaleString('ja-JP')

/** The case's recent imports, newest first, each a link back to its page (an import can be left and returned to). */
export function ImportHistory({ caseId, current }: { caseId: number; current: number | null }) {
  const { t } = useI18n()
  const history = useImportHistory(caseId)
  return (
    <section aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('claimantImport.history.title')}</h2>
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isPending && <p role="status">{t('common.loading')}</p>}
      {history.data?.length === 0 && <p>{t('claimantImport.history.empty')}</p>}
      {history.data && history.data.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">{t('claimantImport.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('claimantImport.history.col.created')}</th>
              <th scope="col">{t('claimantImport.job.file')}</th>
              <th scope="col">{t('claimantImport.history.col.status')}</th>
              <th scope="col">{t('claimantImport.history.col.rows')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((job) => (
              <tr key={job.id} aria-current={job.id === current ? 'page' : undefined}>
                <td>
                  <Link to={`/claimants/import/${job.id}`}>{formatDateTime(job.created_at)}</Link>
                </td>
                <td>{job.file_name ?? t('common.none')}</td>
                <td>
                  {t(`claimantImport.status.${job.status}`)}
                  {isWorking(job) && job.progress_total > 0 && (
                    <span className="hint"> {t('claimantImport.job.count', { done: n(job.progress_done), total: n(job.progress_total) })}</span>
                  )}
                </td>
                <td>
                  {job.counts
                    ? t('claimantImport.history.counts', {
                        read: n(job.counts.rows_read),
                        valid: n(job.counts.rows_valid),
                        errors: n(job.counts.error_count),
                        imported: n(job.counts.rows_imported),
                      })
                    : t('common.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
