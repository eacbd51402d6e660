import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { formatCount as n } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { useCanWriteNotify } from '../messages/messageQueries'
import { REMINDER_CHUNK, sendReminders, type ReminderSendResult, type Target } from './bulk'
import { ResultsTable } from './ResultsTable'

interface Sent {
  names: Map<number, string>
  total: number
  /** notify's answers so far, one per claimant, in the order sent */
  results: ReminderSendResult[]
  /** stopped by the user before every claimant was sent */
  cancelled: boolean
}

/**
 * 「リマインドを送る」 (notify:write): the intake reminder, now, to the selected claimants, after a confirmation that
 * names how many. notify answers per claimant: queued (the e-mail's id), or the reason none was sent (no address,
 * opted out, checklist complete, stopped by staff, already sent today); the list shows each. More claimants than
 * notify takes at once go in turn, with the progress and a way to stop; an error stops the rest, and what was
 * answered before it is listed.
 */
export function RemindAction({ targets, disabled = false }: { targets: Target[]; disabled?: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const canWrite = useCanWriteNotify()
  const [confirming, setConfirming] = useState(false)
  const [sent, setSent] = useState<Sent | null>(null)
  const stop = useRef(false)
  // stable places for the focus when the control that had it goes away (中止, 結果を閉じる)
  const titleRef = useRef<HTMLParagraphElement>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)
  // stopped: the stop button is gone, the focus goes to what was sent
  const cancelled = sent?.cancelled ?? false
  useEffect(() => {
    if (cancelled) statusRef.current?.focus()
  }, [cancelled])
  // 送る was pressed: once the question closes, the focus has somewhere to go
  const pressed = useRef(false)
  useEffect(
    () => () => {
      stop.current = true // leaving the page sends no more
    },
    [],
  )
  const send = useMutation({
    mutationFn: async (picked: Target[]) => {
      stop.current = false
      setSent({ names: new Map(picked.map((c) => [c.id, c.name])), total: picked.length, results: [], cancelled: false })
      for (let start = 0; start < picked.length; start += REMINDER_CHUNK) {
        if (stop.current) {
          setSent((prev) => prev && { ...prev, cancelled: true })
          return
        }
        // One key per request: a retry of the same request is answered from notify's record of it.
        const chunk = picked.slice(start, start + REMINDER_CHUNK).map((c) => c.id)
        const answer = await sendReminders(chunk, crypto.randomUUID())
        setSent((prev) => prev && { ...prev, results: [...prev.results, ...answer.results] })
      }
    },
    onSuccess: () => setConfirming(false),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['messages'] }),
        queryClient.invalidateQueries({ queryKey: ['intake-reminders'] }),
      ]),
  })
  // sent: the question (or the stop button) that had the focus is gone, the focus goes to what was sent
  const sending = send.isPending
  useEffect(() => {
    if (sending || confirming || !pressed.current) return // after an error the question stays open, with the focus
    pressed.current = false
    if (document.activeElement === document.body) statusRef.current?.focus()
  }, [sending, confirming])
  if (!canWrite) return null
  const count = targets.length
  const answered = sent?.results.length ?? 0
  const inTurns = (sent?.total ?? 0) > REMINDER_CHUNK
  const showResults = sent !== null && !send.isPending && (send.isSuccess || answered > 0)
  // One live region, there (empty) from the start, whose text changes: the progress, then the summary. Many screen
  // readers say nothing of a region mounted with its text already in it.
  let status = ''
  let statusClass = 'visually-hidden'
  if (sent && send.isPending && inTurns) {
    status = t('claimantList.remind.progress', { done: n(answered), total: n(sent.total) })
    statusClass = ''
  } else if (sent && showResults) {
    const queued = sent.results.filter((r) => r.status === 'queued').length
    const left = sent.total - answered
    status = t('claimantList.remind.summary', { queued: n(queued), skipped: n(answered - queued) })
    if (left > 0) status += ` ${t(send.isError ? 'claimantList.remind.interrupted' : 'claimantList.remind.cancelled', { left: n(left) })}`
    statusClass = left > 0 ? 'bulk-summary has-failures' : 'bulk-summary'
  }

  return (
    <div className="bulk-remind" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="bulk-remind-title" ref={titleRef} tabIndex={-1}>
        {t('claimantList.remind.title')}
      </p>
      <ConfirmInline
        trigger={t('claimantList.remind.submit', { count: n(count) })}
        question={t('claimantList.remind.confirm', { count: n(count) })}
        confirmLabel={t('claimantList.remind.confirmYes')}
        cancelLabel={t('claimantList.remind.confirmNo')}
        pendingLabel={t('claimantList.remind.sending')}
        pending={send.isPending}
        disabled={disabled || count === 0}
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open)
          if (open) send.reset()
          else if (send.isPending) stop.current = true // closing the question while sending in turns stops the rest
        }}
        onConfirm={() => {
          pressed.current = true
          send.mutate(targets)
        }}
      >
        <p className="hint">{t('claimantList.remind.rules')}</p>
      </ConfirmInline>
      <p role="status" ref={statusRef} tabIndex={-1} className={statusClass || undefined}>
        {status}
      </p>
      {send.isPending && sent && inTurns && (
        <div className="job-progress">
          <progress aria-label={t('claimantList.remind.title')} value={answered} max={sent.total} />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              stop.current = true
            }}
          >
            {t('claimantList.bulk.cancel')}
          </button>
        </div>
      )}
      {send.isError && <ErrorAlert error={send.error} />}
      {sent && showResults && (
        <RemindResults
          sent={sent}
          onClose={() => {
            setSent(null)
            titleRef.current?.focus()
          }}
        />
      )}
    </div>
  )
}

function RemindResults({ sent, onClose }: { sent: Sent; onClose: () => void }) {
  const { t } = useI18n()
  const { results, names } = sent
  return (
    <div className="bulk-results">
      <ResultsTable
        caption={t('claimantList.remind.caption')}
        rows={results.map((r) => ({
          id: r.claimant_id,
          name: names.get(r.claimant_id) ?? '',
          ok: r.status === 'queued',
          text:
            r.status === 'queued'
              ? t('claimantList.remind.queued', { id: r.message_id ?? '' })
              : t('claimantList.remind.skipped', {
                  // notify names the reason; an answer without one is said to be unknown, not guessed
                  reason: r.reason ? t(`claimantList.remind.reason.${r.reason}`) : t('claimantList.remind.reasonUnknown'),
                }),
        }))}
        notOk="skipped"
        linkClaimants={false}
      />
      <button type="button" className="secondary" onClick={onClose}>
        {t('claimantList.bulk.close')}
      </button>
    </div>
  )
}
