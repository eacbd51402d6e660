import { useId, useRef, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { useClaimant } from '../claimant/claimantQueries'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { useCanWriteNotify, useOptOut, useSetOptOut } from './messageQueries'

/**
 * Whether the claimant gets reminders (hearing notices and reminders, intake reminders): stopped by the link in an
 * e-mail, by staff, or by a spam complaint. Staff stop them on the claimant's behalf (after confirming: the queued
 * reminders are cancelled) or send them again.
 */
export function OptOutControl({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const id = useId()
  const optOut = useOptOut(claimantId)
  const consent = useClaimant(claimantId).data?.claimant.reminder_consent
  const canWrite = useCanWriteNotify()
  const change = useSetOptOut(claimantId)
  const [confirming, setConfirming] = useState(false)
  const [done, setDone] = useState('')
  const headingRef = useRef<HTMLHeadingElement>(null)
  const state = optOut.data

  function set(stop: boolean) {
    if (change.isPending) return
    setDone('')
    change.mutate(stop, {
      onSuccess: () => {
        setConfirming(false)
        setDone(t(stop ? 'messages.optOut.stopped' : 'messages.optOut.resumed'))
        // the button pressed goes away with the change: keep the keyboard here
        headingRef.current?.focus()
      },
    })
  }

  return (
    <div className="opt-out">
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('messages.optOut.title')}
      </h3>
      {optOut.isError && <ErrorAlert error={optOut.error} onRetry={() => void optOut.refetch()} />}
      {optOut.isPending && <p role="status">{t('common.loading')}</p>}
      {state && (
        <>
          {state.opted_out ? (
            <p className="opted-out">
              <strong>{t('messages.optOut.isStopped')}</strong>{' '}
              {t('messages.optOut.how', {
                source: label('messages.optOut.source', state.source ?? '', state.source ?? t('common.none')),
                at: formatDateTime(state.created_at),
              })}
              {state.recorded_by && ` ${t('messages.optOut.by', { who: state.recorded_by })}`}
            </p>
          ) : (
            <p>{t('messages.optOut.isSending')}</p>
          )}
          {consent === false && <p className="hint">{t('messages.optOut.noConsent')}</p>}
          {canWrite && state.opted_out && (
            <button type="button" aria-disabled={change.isPending || undefined} onClick={() => set(false)}>
              {t('messages.optOut.resume')}
            </button>
          )}
          {canWrite && !state.opted_out && (
            <ConfirmInline
              trigger={t('messages.optOut.stop')}
              question={t('messages.optOut.confirm')}
              confirmLabel={t('messages.optOut.confirmYes')}
              cancelLabel={t('messages.optOut.confirmNo')}
              danger
              pending={change.isPending}
              open={confirming}
              onOpenChange={setConfirming}
              onConfirm={() => set(true)}
            />
          )}
        </>
      )}
      {canWrite && (
        <p role="status" className="write-status">
          {change.isPending ? t('write.saving') : done}
        </p>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
    </div>
  )
}
