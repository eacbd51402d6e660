import { Link } from 'react-router-dom'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { changes, claimantOf, otherDetail, showValue, type AuditEvent } from './admin'

/** The audit entries, newest first: when, who, what, on which record, and the detail (before/after side by side). */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useI18n()
  return (
    <div className="table-wrap">
      <table className="data audit">
        <caption>{t('admin.audit.caption', { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.at')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.entity')}</th>
            <th scope="col">{t('admin.audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <AuditRow key={e.id} event={e} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useI18n()
  const claimantId = claimantOf(event)
  const diff = changes(event.detail)
  const rest = otherDetail(event.detail)
  return (
    <tr className={event.action.endsWith('.failed') ? 'log-failed' : undefined}>
      <th scope="row">
        {formatDateTime(event.at)}
        <span className="hint"> #{event.id}</span>
      </th>
      <td>
        <code>{event.actor}</code>
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>
        {claimantId !== null ? (
          <Link to={`/claimants/${claimantId}`}>{t('admin.audit.claimant', { id: claimantId })}</Link>
        ) : (
          <>
            {event.entity}
            {event.entity_id !== null && <> {event.entity_id}</>}
          </>
        )}
      </td>
      <td>
        <details>
          <summary>
            {diff ? t('admin.audit.changes', { count: diff.length }) : t('admin.audit.show')}
            <span className="visually-hidden">{t('admin.audit.ofEntry', { id: event.id })}</span>
          </summary>
          {diff && diff.length > 0 && (
            <table className="changes">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.field')}</th>
                  <th scope="col">{t('admin.audit.before')}</th>
                  <th scope="col">{t('admin.audit.after')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field || t('common.none')}</th>
                    <td className="before">{showValue(c.before)}</td>
                    <td className="after">{showValue(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {diff && diff.length === 0 && <p>{t('admin.audit.noChange')}</p>}
          {rest.length > 0 && (
            <dl className="audit-detail">
              {rest.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{showValue(v)}</dd>
                </div>
              ))}
            </dl>
          )}
          <p className="hint">
            {event.request_id && <>{t('admin.audit.requestId', { id: event.request_id })} · </>}
            {t('admin.audit.hash')} <code>{event.hash}</code>
          </p>
        </details>
      </td>
    </tr>
  )
}
