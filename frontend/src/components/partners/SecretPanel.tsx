import { useEffect, useId, useRef, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { IssuedSecret } from './partners'

/**
 * A secret as issued, shown this once: a non-modal dialog that takes the focus, the secret in a read-only field (all
 * of it selected on focus), a copy button and the warning that it is never shown again. Closing it forgets the
 * secret (the page keeps it nowhere else).
 */
export function SecretPanel({ issued, onClose }: { issued: IssuedSecret; onClose: () => void }) {
  const { t } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [issued])

  async function copy() {
    if (!issued.secret) return
    try {
      await navigator.clipboard.writeText(issued.secret)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }

  const title = issued.how === 'created' ? 'partners.secret.titleCreated' : 'partners.secret.titleRotated'
  return (
    <section role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} aria-describedby={`${id}-warning`} className="secret-panel">
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t(title, { name: issued.name })}
      </h2>
      {issued.secret === null ? (
        <p id={`${id}-warning`} className="notice">
          {t('partners.secret.replayed')}
        </p>
      ) : (
        <>
          <p id={`${id}-warning`} className="warning">
            <strong>{t('partners.secret.warning')}</strong> {t('partners.secret.warningHint')}
          </p>
          <dl className="profile secret-values">
            <div className="dl-row">
              <dt>{t('partners.col.clientId')}</dt>
              <dd>
                <code>{issued.clientId}</code>
              </dd>
            </div>
          </dl>
          <div className="field">
            <label htmlFor={`${id}-secret`}>{t('partners.secret.label')}</label>
            <span className="secret-value">
              <input id={`${id}-secret`} type="text" readOnly value={issued.secret} spellCheck={false} autoComplete="off" onFocus={(e) => e.target.select()} />
              <button type="button" onClick={() => void copy()}>
                {t('partners.secret.copy')}
              </button>
            </span>
          </div>
          <p role="status" className="write-status">
            {copied === 'yes' ? t('partners.secret.copied') : copied === 'failed' ? t('partners.secret.copyFailed') : ''}
          </p>
        </>
      )}
      {issued.how === 'rotated' && (
        <p>
          {issued.previousExpiresAt
            ? t('partners.secret.previousUntil', { at: formatDateTime(issued.previousExpiresAt) })
            : t('partners.secret.previousGone')}
        </p>
      )}
      <button type="button" className="secondary" onClick={onClose}>
        {t('partners.secret.close')}
      </button>
    </section>
  )
}
