import { useEffect, useId, useRef, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { AccessLog } from './AccessLog'
import { RevokeClient, RotateSecret } from './ClientActions'
import { useRevokeClient } from './partnerQueries'
import { isActive, type Client, type ClientSecretRotated } from './partners'

/**
 * The client selected in the table: its secret rotated or the client revoked (while active), and its access log.
 * Takes the focus when shown (unless `takeFocus` is false: a secret shown at the same time keeps it).
 */
export function ClientPanel({
  client,
  takeFocus,
  onRotated,
  onClose,
}: {
  client: Client
  takeFocus: boolean
  onRotated: (rotated: ClientSecretRotated) => void
  onClose: () => void
}) {
  const { t } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  // the panel's, not the button's: the button goes away with the revocation, the outcome stays shown here
  const revoke = useRevokeClient()
  const active = isActive(client)

  // once, when the panel is shown (it is keyed by the client)
  const [focusFirst] = useState(takeFocus)
  useEffect(() => {
    if (focusFirst) headingRef.current?.focus()
  }, [focusFirst])
  // the revoke button and its confirmation are gone: the keyboard stays in this panel
  useEffect(() => {
    if (revoke.isSuccess) headingRef.current?.focus()
  }, [revoke.isSuccess])

  return (
    <section aria-labelledby={`${id}-title`} className="client-panel">
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('partners.panel.title', { name: client.name, id: client.client_id })}
      </h2>
      <p role="status" className="write-status">
        {revoke.isSuccess ? t('partners.revoke.done', { name: client.name }) : ''}
      </p>
      {active ? (
        <div className="client-actions">
          <RotateSecret client={client} onRotated={onRotated} />
          <RevokeClient client={client} revoke={revoke} />
        </div>
      ) : (
        <p className="notice">{t('partners.panel.revoked', { at: formatDateTime(client.revoked_at) })}</p>
      )}
      <AccessLog client={client} />
      <button type="button" className="secondary" onClick={onClose}>
        {t('partners.panel.close')}
      </button>
    </section>
  )
}
