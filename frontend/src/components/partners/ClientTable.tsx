import { Link } from 'react-router-dom'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { isActive, PARTNER_SCOPES, scopeKey, type Client } from './partners'

/**
 * The insurers' clients: name and client ID (a link selecting the client, ?client=, for its actions and access log),
 * the insurer, what it may do, whether it is active, when it was registered and its secret last rotated, and until when
 * the secret replaced by that rotation still works. Clients of the other services are not listed here.
 */
export function ClientTable({ clients, selectedId, now }: { clients: Client[]; selectedId: string | null; now: number }) {
  const { t } = useI18n()
  if (clients.length === 0) return <p>{t('partners.list.empty')}</p>
  return (
    <div className="table-wrap">
      <table className="data clients">
        <caption>{t('partners.list.caption', { total: clients.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partners.col.name')}</th>
            <th scope="col">{t('partners.col.insurer')}</th>
            <th scope="col">{t('partners.col.scopes')}</th>
            <th scope="col">{t('partners.col.status')}</th>
            <th scope="col">{t('partners.col.createdAt')}</th>
            <th scope="col">{t('partners.col.rotatedAt')}</th>
            <th scope="col">{t('partners.col.graceUntil')}</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((c) => (
            <ClientRow key={c.client_id} client={c} selected={c.client_id === selectedId} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ClientRow({ client, selected, now }: { client: Client; selected: boolean; now: number }) {
  const { t } = useI18n()
  const none = t('common.none')
  const active = isActive(client)
  const known = PARTNER_SCOPES.filter((s) => client.scopes.includes(s))
  const other = client.scopes.filter((s) => !(PARTNER_SCOPES as readonly string[]).includes(s))
  const grace = client.previous_secret_expires_at
  return (
    <tr className={selected ? 'selected' : undefined} aria-current={selected ? 'true' : undefined}>
      <th scope="row">
        <Link to={{ search: `?client=${encodeURIComponent(client.client_id)}` }}>{client.name}</Link>
        <code className="client-id">{client.client_id}</code>
        {selected && <span className="visually-hidden">{t('partners.list.selected')}</span>}
      </th>
      <td>{client.insurer ?? none}</td>
      <td>
        <ul className="plain scopes">
          {known.map((s) => (
            <li key={s}>{t(scopeKey(s))}</li>
          ))}
          {other.map((s) => (
            <li key={s}>
              <code>{s}</code>
            </li>
          ))}
        </ul>
      </td>
      <td className={active ? 'client-active' : 'client-revoked'}>
        {active ? t('partners.status.active') : t('partners.status.revoked')}
        {client.revoked_at && <span className="hint status-at">{formatDateTime(client.revoked_at)}</span>}
      </td>
      <td>{formatDateTime(client.created_at)}</td>
      <td>{client.secret_rotated_at ? formatDateTime(client.secret_rotated_at) : none}</td>
      <td>
        {grace === null
          ? none
          : Date.parse(grace) > now
            ? formatDateTime(grace)
            : t('partners.graceEnded', { at: formatDateTime(grace) })}
      </td>
    </tr>
  )
}
