import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import { fieldError } from '../claimant/useClaimantWrite'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { useRotateSecret, type useRevokeClient } from './partnerQueries'
import { DEFAULT_GRACE_HOURS, graceHours, MAX_GRACE_HOURS, type Client, type ClientSecretRotated } from './partners'

/**
 * 「シークレットを再発行」: how long the replaced secret keeps working (hours, 0–168), then a confirmation; the new
 * secret goes to the page's panel (`onRotated`), and the mutation keeps no copy of it.
 */
export function RotateSecret({ client, onRotated }: { client: Client; onRotated: (rotated: ClientSecretRotated) => void }) {
  const { t } = useI18n()
  const id = useId()
  const rotate = useRotateSecret()
  const [hours, setHours] = useState(String(DEFAULT_GRACE_HOURS))
  const [confirming, setConfirming] = useState(false)

  function ask(event: FormEvent) {
    event.preventDefault()
    rotate.reset()
    setConfirming(true)
  }

  function confirm() {
    rotate.mutate(
      { clientId: client.client_id, graceHours: graceHours(hours) },
      {
        onSuccess: (rotated) => {
          setConfirming(false)
          setHours(String(DEFAULT_GRACE_HOURS))
          onRotated(rotated)
          rotate.reset()
        },
        onError: () => setConfirming(false),
      },
    )
  }

  const sent = graceHours(hours)
  return (
    <form className="partner-form rotate-secret" onSubmit={ask} noValidate aria-labelledby={`${id}-title`} aria-busy={rotate.isPending || undefined}>
      <h3 id={`${id}-title`}>{t('partners.rotate.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-hours`}>{t('partners.rotate.grace')}</label>
        <span className="input-unit">
          <input
            id={`${id}-hours`}
            type="text"
            inputMode="numeric"
            size={5}
            value={hours}
            aria-invalid={fieldError(rotate.error, 'grace_hours') || undefined}
            aria-describedby={`${id}-hours-hint`}
            onChange={(e) => {
              setHours(e.target.value)
              setConfirming(false)
              if (rotate.isError) rotate.reset()
            }}
          />
          <span aria-hidden="true">{t('partners.rotate.unit')}</span>
        </span>
        <span id={`${id}-hours-hint`} className="hint">
          {t('partners.rotate.graceHint', { max: MAX_GRACE_HOURS })}
        </span>
      </div>
      <ConfirmInline
        trigger={t('partners.rotate.button')}
        triggerType="submit"
        triggerClassName=""
        question={
          typeof sent === 'number' && sent === 0
            ? t('partners.rotate.confirmNow', { name: client.name })
            : t('partners.rotate.confirm', { name: client.name, hours: String(sent) })
        }
        confirmLabel={t('partners.rotate.yes')}
        cancelLabel={t('partners.confirm.no')}
        danger
        pending={rotate.isPending}
        open={confirming}
        onOpenChange={setConfirming}
        onConfirm={confirm}
      />
      <p role="status" className="write-status">
        {rotate.isPending ? t('partners.rotate.pending') : ''}
      </p>
      {rotate.isError && <ErrorAlert error={rotate.error} />}
    </form>
  )
}

/**
 * 「失効させる」 and its confirmation. The mutation is the panel's (`revoke`): a revoked client has no such button, so
 * this goes from the page as soon as the list shows the client revoked, and the panel says what came of it.
 */
export function RevokeClient({ client, revoke }: { client: Client; revoke: ReturnType<typeof useRevokeClient> }) {
  const { t } = useI18n()
  const id = useId()
  const [confirming, setConfirming] = useState(false)

  function confirm() {
    revoke.mutate({ clientId: client.client_id }, { onError: () => setConfirming(false) })
  }

  return (
    <div className="revoke-client">
      <h3 id={`${id}-title`}>{t('partners.revoke.title')}</h3>
      <p className="hint">{t('partners.revoke.hint')}</p>
      <ConfirmInline
        trigger={
          <>
            {t('partners.revoke.button')}
            <span className="visually-hidden">{t('partners.which', { name: client.name })}</span>
          </>
        }
        question={t('partners.revoke.confirm', { name: client.name, id: client.client_id })}
        confirmLabel={t('partners.revoke.yes')}
        cancelLabel={t('partners.confirm.no')}
        danger
        pending={revoke.isPending}
        open={confirming}
        onOpenChange={(open) => {
          if (open) revoke.reset()
          setConfirming(open)
        }}
        onConfirm={confirm}
      />
      <p role="status" className="write-status">
        {revoke.isPending ? t('partners.revoke.pending') : ''}
      </p>
      {revoke.isError && <ErrorAlert error={revoke.error} />}
    </div>
  )
}
