// 設定 (case settings, users and roles) and the audit log: the API shapes, the labels of their enums, the month grid
// of the hearings calendar, the placeholders of the filing texts and the before/after of an audit entry.
import type { components } from '../../api/claims-api'
import { dayInTokyo } from '../../dates'
import type { MessageKey } from '../../i18n/messages'

type Schemas = components['schemas']
export type Case = Schemas['CaseRead']
export type CaseWrite = Schemas['CaseCreate']
export type Proceeding = Schemas['ProceedingRead']
export type ProceedingCreate = Schemas['ProceedingCreate']
export type ProceedingUpdate = Schemas['ProceedingUpdate']
export type ProceedingKind = Proceeding['kind']
export type ProceedingStatus = NonNullable<Proceeding['status']>
export type FilingSettings = Schemas['FilingSettingsRead']
export type FilingSettingsWrite = Schemas['FilingSettingsUpdate']
export type Counsel = Schemas['Counsel']
export type User = Schemas['UserRead']
export type UserCreate = Schemas['UserCreate']
export type UserUpdate = Schemas['UserUpdate']
export type Role = Schemas['Role']
export type AuditEvent = Schemas['AuditEventRead']
export type AuditPage = Schemas['AuditEventPage']
export type AuditVerification = Schemas['AuditVerification']
export type Hearing = Schemas['HearingRead']

/** The scopes the pages ask for (the API enforces them anyway: 403). */
export const CASES_WRITE = 'cases:write'
export const CLAIMS_WRITE = 'claims:write'
export const USERS_ADMIN = 'users:admin'
export const AUDIT_READ = 'audit:read'

// Records: a value new in the API is a type error here until it has a label.
const KIND_LABELS: Record<ProceedingKind, MessageKey> = {
  mediation: 'admin.proceedingKind.mediation',
  lawsuit: 'admin.proceedingKind.lawsuit',
}
export const PROCEEDING_KINDS = Object.keys(KIND_LABELS) as ProceedingKind[]
export const proceedingKindKey = (kind: ProceedingKind): MessageKey => KIND_LABELS[kind]

const STATUS_LABELS: Record<ProceedingStatus, MessageKey> = {
  preparing: 'admin.proceedingStatus.preparing',
  filed: 'admin.proceedingStatus.filed',
  pending: 'admin.proceedingStatus.pending',
  failed: 'admin.proceedingStatus.failed',
  settled: 'admin.proceedingStatus.settled',
  closed: 'admin.proceedingStatus.closed',
}
export const PROCEEDING_STATUSES = Object.keys(STATUS_LABELS) as ProceedingStatus[]
export const proceedingStatusKey = (status: ProceedingStatus): MessageKey => STATUS_LABELS[status]

const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: 'admin.role.admin',
  lawyer: 'admin.role.lawyer',
  staff: 'admin.role.staff',
  viewer: 'admin.role.viewer',
}
export const ROLES = Object.keys(ROLE_LABELS) as Role[]
export const roleKey = (role: Role): MessageKey => ROLE_LABELS[role]

/** claims-api's password rule for a new user (UserCreate.password). */
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 200

/** The placeholders docs-render fills in the filing texts, with what each becomes. */
export const PLACEHOLDERS: readonly [string, MessageKey][] = [
  ['{defendant_name}', 'admin.filing.ph.defendant_name'],
  ['{incident_date}', 'admin.filing.ph.incident_date'],
  ['{plaintiff_count}', 'admin.filing.ph.plaintiff_count'],
  ['{reputation_amount}', 'admin.filing.ph.reputation_amount'],
  ['{total}', 'admin.filing.ph.total'],
]
const KNOWN = new Set(PLACEHOLDERS.map(([p]) => p))

/** Placeholders written in a text that docs-render does not know (a typo would be printed as is). */
export function unknownPlaceholders(text: string): string[] {
  const found = text.match(/\{[a-z_]+\}/g) ?? []
  return [...new Set(found.filter((p) => !KNOWN.has(p)))]
}

// --- the month grid of the hearings calendar -------------------------------------------------------------

/** A calendar day as YYYY-MM-DD. */
export type Day = string

const pad = (n: number) => String(n).padStart(2, '0')
export const dayOf = (year: number, month: number, day: number): Day => `${year}-${pad(month)}-${pad(day)}`

/** The day `n` days after `day` (negative: before). */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = day.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return dayOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Same day of the month `n` months away, clamped to that month's last day. */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = day.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1 + n, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return dayOf(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last))
}

export const monthOf = (day: Day): string => day.slice(0, 7)

/** Weeks (Sunday first) covering the month of `day`; days of the neighbouring months fill the first and last week. */
export function monthWeeks(day: Day): Day[][] {
  const [y, m] = day.split('-').map(Number)
  const first = dayOf(y, m, 1)
  const weekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay()
  let cursor = addDays(first, -weekday)
  const weeks: Day[][] = []
  do {
    const week: Day[] = []
    for (let i = 0; i < 7; i++) {
      week.push(cursor)
      cursor = addDays(cursor, 1)
    }
    weeks.push(week)
  } while (monthOf(cursor) === monthOf(first))
  return weeks
}

/** The hearings by the day (in Japan) they start on, each day's by time. */
export function hearingsByDay(hearings: readonly Hearing[]): Map<Day, Hearing[]> {
  const byDay = new Map<Day, Hearing[]>()
  for (const h of [...hearings].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))) {
    const day = dayInTokyo(h.starts_at)
    byDay.set(day, [...(byDay.get(day) ?? []), h])
  }
  return byDay
}

/** The month to open: that of the next scheduled hearing from today, else today's. */
export function initialDay(hearings: readonly Hearing[], today: Day): Day {
  const next = hearings
    .filter((h) => h.status !== 'cancelled' && dayInTokyo(h.starts_at) >= today)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))[0]
  return next ? dayInTokyo(next.starts_at) : today
}

// --- the audit log ---------------------------------------------------------------------------------------

export interface AuditFilters {
  actor: string
  action: string
  entity: string
  entity_id: string
  /** YYYY-MM-DD (a day in Japan), inclusive */
  from: string
  /** YYYY-MM-DD (a day in Japan), inclusive */
  to: string
}
export const NO_FILTERS: AuditFilters = { actor: '', action: '', entity: '', entity_id: '', from: '', to: '' }
export const FILTER_NAMES = Object.keys(NO_FILTERS) as (keyof AuditFilters)[]

/** The API's query for the filters: days become Japan-time instants (`to` takes the whole day). */
export function auditQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {}
  for (const name of ['actor', 'action', 'entity', 'entity_id'] as const) {
    const value = filters[name].trim()
    if (value) query[name] = value
  }
  if (filters.from) query.from = `${filters.from}T00:00:00+09:00`
  if (filters.to) query.to = `${addDays(filters.to, 1)}T00:00:00+09:00`
  return query
}

export interface Change {
  field: string
  before: unknown
  after: unknown
}

/** The fields a before/after entry changed (every field when only one side is there). */
export function changes(detail: Record<string, unknown>): Change[] | null {
  const before = detail.before
  const after = detail.after
  if (before === undefined && after === undefined) return null
  const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null)
  const b = obj(before)
  const a = obj(after)
  if (!b && !a) return [{ field: '', before, after }]
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  return fields
    .map((field) => ({ field, before: b?.[field], after: a?.[field] }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
}

/** A JSON value as one readable line. */
export function showValue(value: unknown): string {
  if (value === undefined) return '—'
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** The rest of an entry's detail (without before/after). */
export function otherDetail(detail: Record<string, unknown>): [string, unknown][] {
  return Object.entries(detail).filter(([k]) => k !== 'before' && k !== 'after')
}

/** The claimant an entry is about, for a link (entity claimant and a numeric id). */
export function claimantOf(event: AuditEvent): number | null {
  if (event.entity !== 'claimant' || !event.entity_id || !/^\d+$/.test(event.entity_id)) return null
  return Number(event.entity_id)
}
