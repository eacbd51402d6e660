import { useId } from 'react'
import { Link } from 'react-router-dom'
import { formatDate, formatDateTime, formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useAccessLog } from './partnerQueries'
import { claimantOf, fieldsOf, settlementOf, type AuditEvent, type Client } from './partners'

/**
 * What a client did, from the audit log (actor client:<id>), newest first: when (Japan time), what (the partner's
 * reads of claims and changes, payments it recorded, its logins), which claimant (a link to the claimant's page) and
 * which parts of the claim it received. 「さらに表示」 reads the next, older page.
 */
export function AccessLog({ client }: { client: Client }) {
  const { t } = useI18n()
  const id = useId()
  const log = useAccessLog(client.client_id)
  const events = log.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section aria-labelledby={`${id}-title`} className="access-log">
      <h3 id={`${id}-title`}>{t('partners.log.title')}</h3>
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.data &&
        (events.length === 0 ? (
          <p>{t('partners.log.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data access-log-table" aria-busy={log.isFetching}>
              <caption>{t(log.hasNextPage ? 'partners.log.captionMore' : 'partners.log.caption', { name: client.name, count: events.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partners.log.at')}</th>
                  <th scope="col">{t('partners.log.action')}</th>
                  <th scope="col">{t('partners.log.claimant')}</th>
                  <th scope="col">{t('partners.log.fields')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <LogRow key={e.id} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {log.isFetchNextPageError && <ErrorAlert error={log.error} />}
      {log.hasNextPage && (
        <button type="button" className="secondary more" aria-disabled={log.isFetchingNextPage || undefined} onClick={() => !log.isFetchingNextPage && void log.fetchNextPage()}>
          {log.isFetchingNextPage ? t('common.loading') : t('partners.log.more')}
        </button>
      )}
    </section>
  )
}

function LogRow({ event }: { event: AuditEvent }) {
  const { t, label } = useI18n()
  const none = t('common.none')
  const claimantId = claimantOf(event)
  const fields = fieldsOf(event)
  const settlement = settlementOf(event)
  const previousSecret = event.action === 'login' && event.detail.secret === 'previous'
  return (
    <tr className={event.action === 'login.failed' ? 'log-failed' : undefined}>
      <th scope="row">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </th>
      <td>
        {label('partnerAction', event.action)}
        {previousSecret && <span className="hint log-note">{t('partners.log.previousSecret')}</span>}
      </td>
      <td>{claimantId === null ? none : <Link to={`/claimants/${claimantId}`}>{t('partners.log.claimantNo', { id: claimantId })}</Link>}</td>
      <td>
        {settlement ? (
          t('partners.log.settlement', {
            head: settlement.head ? label('head', settlement.head) : none,
            amount: formatYen(settlement.paidAmount),
            date: formatDate(settlement.paidOn),
          })
        ) : fields.length === 0 ? (
          none
        ) : (
          fields.map((f) => label('partnerField', f)).join('、')
        )}
      </td>
    </tr>
  )
}
