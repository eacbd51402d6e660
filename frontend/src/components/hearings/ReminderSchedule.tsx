import { useEffect, useId, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { groupSchedule, hearingKindKey, messageKindKey, messageStatusKey, statusTotals, type MessageStatus, type Proceeding, type ScheduleGroup } from './hearings'
import { useCancelHearing, useHearing, useHearingMessages, WAIT_FOR_NOTIFY_MS } from './hearingQueries'

/** What the page waits for after a write: more messages than `baseline` from notify, from `since` (local clock). */
export interface Expectation {
  hearingId: number
  baseline: number
  since: number
}

interface Props {
  hearingId: number
  proceedings: Proceeding[]
  /** hearings:write: the hearing may be cancelled */
  canCancel: boolean
  expectation: Expectation | null
  onExpect: (expectation: Expectation) => void
  onClose: () => void
}

/**
 * The selected hearing and the e-mails notify made for it, as a schedule: the notice (at once), each reminder
 * (N days before), the cancellation notice — each with how many claimants it goes to and where the messages stand.
 * Right after the hearing was set (or cancelled) notify needs a moment: 「通知を準備しています」 until its messages
 * appear, and after WAIT_FOR_NOTIFY_MS a message that they have not. Asked again every few seconds while messages
 * are being sent or awaited.
 */
export function ReminderSchedule({ hearingId, proceedings, canCancel, expectation, onExpect, onClose }: Props) {
  const { t, label } = useI18n()
  const id = useId()
  const hearing = useHearing(hearingId)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [mountedAt] = useState(() => Date.now())
  const [clock, setClock] = useState(mountedAt)
  const h = hearing.data?.hearing

  // Waiting for notify: after a write of this page, or for a hearing made moments before it was opened (a reload).
  const created = h ? Date.parse(h.created_at) : NaN
  const mine = expectation?.hearingId === hearingId ? expectation : null
  const since = mine?.since ?? (h?.status === 'scheduled' && mountedAt - created < WAIT_FOR_NOTIFY_MS ? created : null)
  const baseline = mine?.baseline ?? 0
  const expired = since !== null && clock - since >= WAIT_FOR_NOTIFY_MS
  const messages = useHearingMessages(hearingId, since !== null && !expired ? baseline : null)
  const arrived = messages.data !== undefined && messages.data.length > baseline
  const waiting = since !== null && !arrived && !expired
  const timedOut = since !== null && !arrived && expired && messages.data !== undefined

  useEffect(() => {
    if (!waiting || since === null) return
    const timer = setTimeout(() => setClock(Date.now()), Math.max(0, since + WAIT_FOR_NOTIFY_MS - Date.now()))
    return () => clearTimeout(timer)
  }, [waiting, since])

  const proceeding = h ? proceedings.find((p) => p.id === h.proceeding_id) : undefined
  const none = t('common.none')

  return (
    <section aria-labelledby={`${id}-title`} className="reminder-schedule">
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('hearings.schedule.title')}
      </h2>
      {hearing.isError && <ErrorAlert error={hearing.error} onRetry={() => void hearing.refetch()} />}
      {hearing.isPending && <p role="status">{t('common.loading')}</p>}
      {h && (
        <>
          <dl className="profile hearing-summary">
            <div className="dl-row">
              <dt>{t('hearings.col.startsAt')}</dt>
              <dd>
                <time dateTime={h.starts_at}>{formatDateTime(h.starts_at)}</time>
              </dd>
            </div>
            <div className="dl-row">
              <dt>{t('hearings.col.kind')}</dt>
              <dd>{t(hearingKindKey(h.kind))}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('hearings.col.proceeding')}</dt>
              <dd>{proceeding?.name ?? t('hearings.schedule.proceedingNo', { id: h.proceeding_id })}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('hearings.col.place')}</dt>
              <dd>{h.place}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('hearings.online')}</dt>
              <dd>{h.online_url ?? none}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('hearings.col.status')}</dt>
              <dd>{label('hearings.status', h.status)}</dd>
            </div>
            {h.note && (
              <div className="dl-row">
                <dt>{t('hearings.form.note')}</dt>
                <dd className="pre">{h.note}</dd>
              </div>
            )}
          </dl>

          <h3>{t('hearings.schedule.messages')}</h3>
          {messages.isError && <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />}
          {messages.isPending && !waiting && <p role="status">{t('common.loading')}</p>}
          <p role="status" className="schedule-status">
            {waiting ? t('hearings.schedule.preparing') : ''}
          </p>
          {timedOut && (
            <div role="alert" className="notice">
              <p>{t('hearings.schedule.timeout', { seconds: WAIT_FOR_NOTIFY_MS / 1000 })}</p>
              <button
                type="button"
                onClick={() => {
                  void messages.refetch()
                }}
              >
                {t('hearings.schedule.checkAgain')}
              </button>
            </div>
          )}
          {messages.data && messages.data.length === 0 && since === null && <p>{t('hearings.schedule.none')}</p>}
          {messages.data && messages.data.length > 0 && (
            <>
              <ScheduleTable groups={groupSchedule(messages.data, h.starts_at)} totals={statusTotals(messages.data)} busy={messages.isFetching} />
              <p className="hint">{t('hearings.schedule.hint')}</p>
            </>
          )}

          {canCancel && (
            <CancelHearing
              hearingId={hearingId}
              scheduled={h.status === 'scheduled'}
              etag={hearing.data?.etag ?? null}
              onCancelled={() => {
                // the cancel button goes away with the hearing's status: keep the keyboard in this part of the page
                headingRef.current?.focus()
                const count = messages.data?.length ?? 0
                // notify writes the cancellation to those it wrote the notice to; none written to, none awaited
                if (count > 0) onExpect({ hearingId, baseline: count, since: Date.now() })
              }}
            />
          )}
        </>
      )}
      <button type="button" className="secondary" onClick={onClose}>
        {t('hearings.schedule.close')}
      </button>
    </section>
  )
}

function groupName(group: ScheduleGroup, t: ReturnType<typeof useI18n>['t']): string {
  if (group.kind === 'hearing_notice') return t('hearings.schedule.notice')
  if (group.kind === 'hearing_cancellation') return t('hearings.schedule.cancellation')
  if (group.kind === 'hearing_reminder' && group.daysBefore !== null) {
    if (group.daysBefore === 0) return t('hearings.schedule.reminderSameDay')
    if (group.daysBefore === 1) return t('hearings.schedule.reminderOneDay')
    return t('hearings.schedule.reminder', { days: group.daysBefore })
  }
  return t(messageKindKey(group.kind))
}

function StatusCounts({ counts }: { counts: [MessageStatus, number][] }) {
  const { t } = useI18n()
  return (
    <ul className="status-counts">
      {counts.map(([status, n]) => (
        <li key={status} className={`status-${status}`}>
          {t('hearings.schedule.count', { status: t(messageStatusKey(status)), count: n })}
        </li>
      ))}
    </ul>
  )
}

function ScheduleTable({ groups, totals, busy }: { groups: ScheduleGroup[]; totals: [MessageStatus, number][]; busy: boolean }) {
  const { t } = useI18n()
  const total = totals.reduce((sum, [, n]) => sum + n, 0)
  return (
    <div className="table-wrap">
      <table className="data schedule" aria-busy={busy}>
        <caption>{t('hearings.schedule.caption', { total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hearings.schedule.col.what')}</th>
            <th scope="col">{t('hearings.schedule.col.due')}</th>
            <th scope="col" className="num">
              {t('hearings.schedule.col.recipients')}
            </th>
            <th scope="col">{t('hearings.schedule.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{groupName(g, t)}</th>
              <td>
                <time dateTime={g.dueAt}>{formatDateTime(g.dueAt)}</time>
              </td>
              <td className="num">{t('hearings.schedule.people', { count: g.recipients })}</td>
              <td>
                <StatusCounts counts={g.counts} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('hearings.schedule.total')}</th>
            <td />
            <td />
            <td>
              <StatusCounts counts={totals} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/** 「この期日を取り消す」 and its confirmation, for a scheduled hearing; what came of it stays shown afterwards. */
function CancelHearing({
  hearingId,
  scheduled,
  etag,
  onCancelled,
}: {
  hearingId: number
  scheduled: boolean
  etag: string | null
  onCancelled: () => void
}) {
  const { t } = useI18n()
  const cancel = useCancelHearing()
  const [confirming, setConfirming] = useState(false)
  const stale = cancel.error instanceof ApiError && cancel.error.status === 412

  function confirm() {
    cancel.mutate(
      { id: hearingId, etag },
      {
        onSuccess: () => {
          setConfirming(false)
          onCancelled()
        },
      },
    )
  }

  return (
    <div className="cancel-hearing">
      {scheduled && (
        <ConfirmInline
          trigger={t('hearings.cancel.button')}
          question={t('hearings.cancel.confirm')}
          confirmLabel={t('hearings.cancel.yes')}
          cancelLabel={t('hearings.cancel.no')}
          danger
          pending={cancel.isPending}
          open={confirming}
          onOpenChange={setConfirming}
          onConfirm={confirm}
        />
      )}
      <p role="status" className="write-status">
        {cancel.isPending ? t('write.saving') : cancel.isSuccess ? t('hearings.cancel.done') : ''}
      </p>
      {cancel.isError &&
        (stale ? (
          <div role="alert" className="notice">
            <p>{t('hearings.cancel.stale')}</p>
          </div>
        ) : (
          <ErrorAlert error={cancel.error} />
        ))}
    </div>
  )
}
