import { Link } from 'react-router-dom'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { hearingKindKey, type Hearing, type Proceeding } from './hearings'
import { useHearings } from './hearingQueries'

/**
 * The hearings of the case's proceedings, by start time: when, what kind, which proceeding, where (or online),
 * and their status. The date links to the hearing's reminder schedule (?hearing=), so it is one Tab and Enter away.
 */
export function HearingTable({ proceedings, selectedId }: { proceedings: Proceeding[]; selectedId: number | null }) {
  const { t, label } = useI18n()
  const hearings = useHearings()
  const byId = new Map(proceedings.map((p) => [p.id, p]))
  const mine = (hearings.data ?? []).filter((h) => byId.has(h.proceeding_id))

  return (
    <section aria-labelledby="hearing-list-title" className="hearing-list">
      <h2 id="hearing-list-title">{t('hearings.list.title')}</h2>
      {hearings.isError && <ErrorAlert error={hearings.error} onRetry={() => void hearings.refetch()} />}
      {hearings.isPending && <p role="status">{t('common.loading')}</p>}
      {hearings.data &&
        (mine.length === 0 ? (
          <p>{t('hearings.list.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-busy={hearings.isFetching}>
              <caption>{t('hearings.list.caption', { total: mine.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hearings.col.startsAt')}</th>
                  <th scope="col">{t('hearings.col.kind')}</th>
                  <th scope="col">{t('hearings.col.proceeding')}</th>
                  <th scope="col">{t('hearings.col.place')}</th>
                  <th scope="col">{t('hearings.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((h) => (
                  <HearingRow
                    key={h.id}
                    hearing={h}
                    proceeding={byId.get(h.proceeding_id)!}
                    selected={h.id === selectedId}
                    statusText={label('hearings.status', h.status)}
                    kindText={t(hearingKindKey(h.kind))}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}

function HearingRow({
  hearing,
  proceeding,
  selected,
  statusText,
  kindText,
}: {
  hearing: Hearing
  proceeding: Proceeding
  selected: boolean
  statusText: string
  kindText: string
}) {
  const { t } = useI18n()
  return (
    <tr className={selected ? 'selected' : undefined} aria-current={selected ? 'true' : undefined}>
      <th scope="row">
        <Link to={{ search: `?hearing=${hearing.id}` }}>
          <time dateTime={hearing.starts_at}>{formatDateTime(hearing.starts_at)}</time>
        </Link>
        {selected && <span className="visually-hidden">{t('hearings.list.selected')}</span>}
      </th>
      <td>{kindText}</td>
      <td>{proceeding.name}</td>
      <td>
        {hearing.place}
        {hearing.online_url && (
          <span className="online">
            {t('hearings.online')}:{' '}
            <a href={hearing.online_url} target="_blank" rel="noreferrer noopener">
              {hearing.online_url}
            </a>
          </span>
        )}
      </td>
      <td className={`hearing-status hearing-${hearing.status}`}>{statusText}</td>
    </tr>
  )
}
