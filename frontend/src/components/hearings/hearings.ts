// Hearings (claims-api) and the e-mails notify makes for them: the kinds and their labels, the date and time
// of the form as an ISO timestamp in Japan time, the reminder schedule of one hearing grouped by due time, and
// the reminder rules' "days before" as typed by a user.
import type { components as ClaimsComponents } from '../../api/claims-api'
import type { components as NotifyComponents } from '../../api/notify'
import { dayInTokyo, daysBetween } from '../../dates'
import type { MessageKey } from '../../i18n/messages'

type Claims = ClaimsComponents['schemas']
type Notify = NotifyComponents['schemas']
export type Hearing = Claims['HearingRead']
export type HearingCreate = Claims['HearingCreate']
export type HearingKind = Claims['HearingKind']
export type Proceeding = Claims['ProceedingRead']
export type Message = Notify['MessageRead']
export type MessageDetail = Notify['MessageDetail']
export type MessageKind = Message['kind']
export type MessageStatus = Message['status']
export type ReminderRule = Notify['ReminderRuleRead']
export type ReminderRuleWrite = Notify['ReminderRuleWrite']
export type RuleKind = ReminderRule['hearing_kind']

// The Records make a kind or status new in either API a type error here until it has a label.
const HEARING_KIND_LABELS: Record<HearingKind & RuleKind, MessageKey> = {
  mediation_session: 'hearings.kind.mediation_session',
  oral_argument: 'hearings.kind.oral_argument',
  preparatory: 'hearings.kind.preparatory',
  deadline: 'hearings.kind.deadline',
}
/** The kinds in the order the form offers them. */
export const HEARING_KINDS = Object.keys(HEARING_KIND_LABELS) as HearingKind[]
export const hearingKindKey = (kind: HearingKind): MessageKey => HEARING_KIND_LABELS[kind]

const MESSAGE_KIND_LABELS: Record<MessageKind, MessageKey> = {
  hearing_notice: 'messages.kind.hearing_notice',
  hearing_reminder: 'messages.kind.hearing_reminder',
  hearing_cancellation: 'messages.kind.hearing_cancellation',
  intake_reminder: 'messages.kind.intake_reminder',
  breach_notice: 'messages.kind.breach_notice',
}
export const messageKindKey = (kind: MessageKind): MessageKey => MESSAGE_KIND_LABELS[kind]

// Also the order in which counts are listed: what is still to come, then what happened, then what did not.
const MESSAGE_STATUS_LABELS: Record<MessageStatus, MessageKey> = {
  queued: 'messages.status.queued',
  sending: 'messages.status.sending',
  sent: 'messages.status.sent',
  delivered: 'messages.status.delivered',
  bounced: 'messages.status.bounced',
  failed: 'messages.status.failed',
  cancelled: 'messages.status.cancelled',
}
export const MESSAGE_STATUSES = Object.keys(MESSAGE_STATUS_LABELS) as MessageStatus[]
export const messageStatusKey = (status: MessageStatus): MessageKey => MESSAGE_STATUS_LABELS[status]
/** A message that did not reach its recipient: the status is shown with its last error. */
export const isProblem = (status: MessageStatus): boolean => status === 'failed' || status === 'bounced'

/** A proceeding's usual kind of hearing: a mediation has 調停期日, a lawsuit 口頭弁論期日. */
export function defaultKind(proceedingKind: Proceeding['kind'] | undefined): HearingKind {
  return proceedingKind === 'mediation' ? 'mediation_session' : 'oral_argument'
}

/** The form's date (YYYY-MM-DD) and time (HH:MM) in Japan time as the API's ISO 8601 with offset. */
export function startsAtJst(date: string, time: string): string {
  const hhmmss = /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time
  return `${date}T${hhmmss}+09:00`
}

/** One line of a hearing's reminder schedule: the e-mails of one kind made by one event for one due day. */
export interface ScheduleGroup {
  key: string
  kind: MessageKind
  /** reminders: how many days before the hearing's day (Japan time) they are due; null for notices */
  daysBefore: number | null
  /** the earliest due time of the group */
  dueAt: string
  /** the claimants written to */
  recipients: number
  /** messages by status, in MESSAGE_STATUSES order, only the statuses present */
  counts: [MessageStatus, number][]
  total: number
}

/**
 * A hearing's messages as its schedule: the notice (sent at once), each reminder day (N days before), and the
 * cancellation notice. Grouped by the event that made them (a hearing moved gets a new notice and reminders, the
 * old ones cancelled) and, for reminders, the day they are due in Japan — not the exact time, which a retry
 * moves on. Earliest first.
 */
export function groupSchedule(messages: readonly Message[], startsAt: string): ScheduleGroup[] {
  const hearingDay = dayInTokyo(startsAt)
  const groups = new Map<string, { group: ScheduleGroup; claimants: Set<number>; counts: Map<MessageStatus, number> }>()
  for (const m of messages) {
    const reminderDay = m.kind === 'hearing_reminder' ? dayInTokyo(m.due_at) : ''
    const key = `${m.event_id}|${m.kind}|${reminderDay}`
    let entry = groups.get(key)
    if (!entry) {
      entry = {
        group: {
          key,
          kind: m.kind,
          daysBefore: reminderDay ? daysBetween(reminderDay, hearingDay) : null,
          dueAt: m.due_at,
          recipients: 0,
          counts: [],
          total: 0,
        },
        claimants: new Set(),
        counts: new Map(),
      }
      groups.set(key, entry)
    }
    if (Date.parse(m.due_at) < Date.parse(entry.group.dueAt)) entry.group.dueAt = m.due_at
    if (m.claimant_id !== null) entry.claimants.add(m.claimant_id)
    entry.counts.set(m.status, (entry.counts.get(m.status) ?? 0) + 1)
    entry.group.total += 1
  }
  return [...groups.values()]
    .map(({ group, claimants, counts }) => ({
      ...group,
      recipients: claimants.size,
      counts: MESSAGE_STATUSES.filter((s) => counts.has(s)).map((s): [MessageStatus, number] => [s, counts.get(s)!]),
    }))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.key.localeCompare(b.key))
}

/** Messages by status over the whole schedule, in MESSAGE_STATUSES order, only the statuses present. */
export function statusTotals(messages: readonly Message[]): [MessageStatus, number][] {
  const counts = new Map<MessageStatus, number>()
  for (const m of messages) counts.set(m.status, (counts.get(m.status) ?? 0) + 1)
  return MESSAGE_STATUSES.filter((s) => counts.has(s)).map((s): [MessageStatus, number] => [s, counts.get(s)!])
}

/**
 * True while some message is about to change: being sent, or queued and already due (a notice, a retry). A
 * reminder queued for a later day changes nothing until then, so it is not waited on.
 */
export function isSettling(messages: readonly Message[], now: number = Date.now(), aheadMs = 5_000): boolean {
  return messages.some((m) => m.status === 'sending' || (m.status === 'queued' && Date.parse(m.due_at) <= now + aheadMs))
}

// --- the reminder rules' days --------------------------------------------------------------------------------

export const MAX_DAYS_BEFORE = 90
export const MAX_REMINDERS = 10

export type DaysProblem =
  | { problem: 'notNumber'; value: string }
  | { problem: 'range'; value: string }
  | { problem: 'duplicate'; value: string }
  | { problem: 'tooMany'; count: number }

/**
 * The days typed into the rule's field: whole numbers 0..90 separated by commas, 、 or spaces (full-width digits
 * and commas too), each once, at most 10. Empty means no reminders. Returns them latest first (as the API does).
 */
export function parseDays(text: string): { days: number[] } | DaysProblem {
  const tokens = text
    .normalize('NFKC')
    .split(/[\s,、，]+/)
    .filter((s) => s !== '')
  const days: number[] = []
  for (const token of tokens) {
    if (!/^\d+$/.test(token)) return { problem: 'notNumber', value: token }
    const n = Number(token)
    if (n > MAX_DAYS_BEFORE) return { problem: 'range', value: token }
    if (days.includes(n)) return { problem: 'duplicate', value: String(n) }
    days.push(n)
  }
  if (days.length > MAX_REMINDERS) return { problem: 'tooMany', count: days.length }
  return { days: days.sort((a, b) => b - a) }
}

/** The days as the field shows them: "14, 7, 1". */
export const daysText = (days: readonly number[]): string => days.join(', ')
