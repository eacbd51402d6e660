import { useId, useRef, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { ErrorAlert } from '../ErrorAlert'
import { useCanWriteNotify, useIntakeReminders, useStopIntake, type IntakeReminders } from './messageQueries'

function stateKey(r: IntakeReminders): MessageKey {
  if (r.completed_at) return 'messages.intake.state.completed'
  if (r.stopped_at) return 'messages.intake.state.stopped'
  return 'messages.intake.state.active'
}

/**
 * The automatic e-mails asking for missing intake documents: when the next is due, how many went out, who stopped
 * them and when, or that the checklist is complete. Nothing yet until notify's round has seen the claimant (its
 * 404). Staff stop and resume them.
 */
export function IntakeReminderPanel({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  const id = useId()
  const intake = useIntakeReminders(claimantId)
  const canWrite = useCanWriteNotify()
  const change = useStopIntake(claimantId)
  const [done, setDone] = useState('')
  const headingRef = useRef<HTMLHeadingElement>(null)
  const r = intake.data
  const none = t('common.none')

  function set(stop: boolean) {
    if (change.isPending) return
    setDone('')
    change.mutate(stop, {
      onSuccess: () => {
        setDone(t(stop ? 'messages.intake.stoppedDone' : 'messages.intake.resumedDone'))
        headingRef.current?.focus()
      },
    })
  }

  return (
    <div className="intake-reminders">
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('messages.intake.title')}
      </h3>
      {intake.isError && <ErrorAlert error={intake.error} onRetry={() => void intake.refetch()} />}
      {intake.isPending && <p role="status">{t('common.loading')}</p>}
      {r === null && <p>{t('messages.intake.none')}</p>}
      {r && (
        <>
          <dl className="profile intake-reminder-state">
            <div className="dl-row">
              <dt>{t('messages.intake.state')}</dt>
              <dd>{t(stateKey(r))}</dd>
            </div>
            {r.active && (
              <div className="dl-row">
                <dt>{t('messages.intake.next')}</dt>
                <dd>{formatDateTime(r.next_due_at)}</dd>
              </div>
            )}
            <div className="dl-row">
              <dt>{t('messages.intake.sent')}</dt>
              <dd>{t('messages.intake.sentCount', { count: r.sent_count })}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('messages.intake.lastSent')}</dt>
              <dd>{r.last_sent_at ? formatDateTime(r.last_sent_at) : none}</dd>
            </div>
            {r.stopped_at && (
              <div className="dl-row">
                <dt>{t('messages.intake.stoppedAt')}</dt>
                <dd>
                  {formatDateTime(r.stopped_at)}
                  {r.stopped_by && ` ${t('messages.intake.by', { who: r.stopped_by })}`}
                </dd>
              </div>
            )}
            {r.completed_at && (
              <div className="dl-row">
                <dt>{t('messages.intake.completedAt')}</dt>
                <dd>{formatDateTime(r.completed_at)}</dd>
              </div>
            )}
          </dl>
          {canWrite && !r.completed_at && (
            <button
              type="button"
              className={r.stopped_at ? undefined : 'secondary'}
              aria-disabled={change.isPending || undefined}
              onClick={() => set(r.stopped_at === null)}
            >
              {t(r.stopped_at ? 'messages.intake.resume' : 'messages.intake.stop')}
            </button>
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
