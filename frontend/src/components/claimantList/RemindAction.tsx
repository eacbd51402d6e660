import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useI18n } from '../../i18n/i18n'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { useCanWriteNotify } from '../messages/messageQueries'
import { sendReminders, type ReminderSend, type Target } from './bulk'

interface Sent {
  names: Map<number, string>
  answer: ReminderSend
}

/**
 * 「リマインドを送る」 (notify:write): the intake reminder, now, to the selected claimants, after a confirmation that
 * names how many. notify answers per claimant: queued (the e-mail's id), or the reason none was sent (no address,
 * opted out, checklist complete, stopped by staff, already sent today); the list shows each.
 */
export function RemindAction({ targets, disabled = false }: { targets: Target[]; disabled?: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const canWrite = useCanWriteNotify()
  const [confirming, setConfirming] = useState(false)
  const [sent, setSent] = useState<Sent | null>(null)
  const send = useMutation({
    // One key per press: a retry of the same request is answered from notify's record of it.
    mutationFn: (picked: Target[]) => sendReminders(picked.map((c) => c.id), crypto.randomUUID()),
    onSuccess: (answer, picked) => {
      setConfirming(false)
      setSent({ names: new Map(picked.map((c) => [c.id, c.name])), answer })
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['messages'] }),
        queryClient.invalidateQueries({ queryKey: ['intake-reminders'] }),
      ]),
  })
  if (!canWrite) return null
  const count = targets.length

  return (
    <div className="bulk-remind" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="bulk-remind-title">
        {t('claimantList.remind.title')}
      </p>
      <ConfirmInline
        trigger={t('claimantList.remind.submit', { count: count.toLocaleString('ja-JP') })}
        question={t('claimantList.remind.confirm', { count: count.toLocaleString('ja-JP') })}
        confirmLabel={t('claimantList.remind.confirmYes')}
        cancelLabel={t('claimantList.remind.confirmNo')}
        pendingLabel={t('claimantList.remind.sending')}
        pending={send.isPending}
        disabled={disabled || count === 0}
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open)
          if (open) send.reset()
        }}
        onConfirm={() => send.mutate(targets)}
      >
        <p className="hint">{t('claimantList.remind.rules')}</p>
      </ConfirmInline>
      {send.isError && <ErrorAlert error={send.error} />}
      {sent && <RemindResults sent={sent} onClose={() => setSent(null)} />}
    </div>
  )
}

function RemindResults({ sent, onClose }: { sent: Sent; onClose: () => void }) {
  const { t } = useI18n()
  const { answer, names } = sent
  return (
    <div className="bulk-results">
      <p role="status" className="bulk-summary">
        {t('claimantList.remind.summary', {
          queued: answer.queued.toLocaleString('ja-JP'),
          skipped: answer.skipped.toLocaleString('ja-JP'),
        })}
      </p>
      <table className="data bulk-table">
        <caption>{t('claimantList.remind.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('claimantList.bulk.claimant')}</th>
            <th scope="col">{t('claimantList.bulk.result')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.results.map((r) => (
            <tr key={r.claimant_id} className={r.status === 'queued' ? undefined : 'skipped'}>
              <th scope="row">
                {names.get(r.claimant_id) ?? ''} <span className="hint">#{r.claimant_id}</span>
              </th>
              <td>
                {r.status === 'queued'
                  ? t('claimantList.remind.queued', { id: r.message_id ?? '' })
                  : t('claimantList.remind.skipped', { reason: t(`claimantList.remind.reason.${r.reason ?? 'nothing_missing'}`) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="secondary" onClick={onClose}>
        {t('claimantList.bulk.close')}
      </button>
    </div>
  )
}
