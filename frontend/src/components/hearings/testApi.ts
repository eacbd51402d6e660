// Test helper (imported only by *.test.tsx): claims-api's hearings and notify's messages and reminder rules as the
// hearings page sees them. The stand-in keeps the hearings and answers an Idempotency-Key it has seen with the
// first hearing; notify's messages for a new hearing appear only after `notifyAfter` reads of them (notify needs
// a moment), as a notice to each consenting claimant and the reminders of the rule. It records every request.
import { caseRecord, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'
import type { Hearing, Message, ReminderRule } from './hearings'

const stamp = '2026-11-20T01:30:00Z'

export function hearing(id: number, proceedingId: number, startsAt: string, overrides: Partial<Hearing> = {}): Hearing {
  return {
    id,
    proceeding_id: proceedingId,
    kind: 'mediation_session',
    starts_at: startsAt,
    place: '大阪地方裁判所 調停室',
    online_url: null,
    note: '',
    status: 'scheduled',
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  }
}

/** A message of notify (MessageRead); a notice queued now unless overridden. */
export function message(id: number, overrides: Partial<Message> = {}): Message {
  return {
    id,
    kind: 'hearing_notice',
    channel: 'email',
    event_id: 'ev-1',
    hearing_id: 5,
    claimant_id: 7,
    campaign_id: null,
    recipient_id: null,
    to_name: '架空 太郎',
    to_address: `sr${overrides.claimant_id ?? 7}@example.com`,
    subject: '【期日のお知らせ】第2次調停 調停期日（2026年12月21日 10:00）',
    message_id: `<m${id}@bengodan.example>`,
    status: 'queued',
    due_at: stamp,
    attempts: 0,
    last_error: null,
    sent_at: null,
    delivered_at: null,
    bounced_at: null,
    cancel_key: 'hearing:5',
    created_at: stamp,
    ...overrides,
  }
}

/** The messages notify makes for a hearing: a notice to each claimant (due at `noticeAt`) and the reminders. */
export function scheduleOf(
  hearingId: number,
  startsAtJstDay: string,
  claimants: number[],
  { days = [14, 7, 1], noticeAt = stamp, firstId = 1000, eventId = 'ev-1', noticeStatus = 'queued' as Message['status'] } = {},
): Message[] {
  const out: Message[] = []
  let id = firstId
  for (const claimantId of claimants) {
    out.push(message(id++, { hearing_id: hearingId, claimant_id: claimantId, event_id: eventId, due_at: noticeAt, status: noticeStatus }))
    for (const n of days) {
      const day = new Date(Date.parse(`${startsAtJstDay}T09:00:00+09:00`) - n * 86_400_000).toISOString()
      out.push(
        message(id++, {
          kind: 'hearing_reminder',
          hearing_id: hearingId,
          claimant_id: claimantId,
          event_id: eventId,
          due_at: day,
          subject: `【期日のリマインド】${n}日後に期日があります`,
        }),
      )
    }
  }
  return out
}

export function rule(kind: ReminderRule['hearing_kind'], overrides: Partial<ReminderRule> = {}): ReminderRule {
  const defaults: Record<ReminderRule['hearing_kind'], [string, number[]]> = {
    mediation_session: ['調停期日', [14, 7, 1]],
    oral_argument: ['口頭弁論期日', [14, 7, 1]],
    preparatory: ['弁論準備手続期日', [7, 1]],
    deadline: ['提出期限', [7, 3, 1]],
  }
  return {
    hearing_kind: kind,
    label: defaults[kind][0],
    days_before: defaults[kind][1],
    hour_jst: 9,
    is_default: true,
    updated_by: null,
    updated_at: null,
    ...overrides,
  }
}

export const defaultRules = (): ReminderRule[] => (['mediation_session', 'oral_argument', 'preparatory', 'deadline'] as const).map((k) => rule(k))

export function standInProceedings() {
  return [
    proceeding(1, 'mediation', '第1次調停', { member_count: 130 }),
    proceeding(2, 'mediation', '第2次調停', { member_count: 21 }),
    proceeding(3, 'lawsuit', '本訴訟', { court: '大阪地方裁判所民事部', member_count: 151 }),
  ]
}

export interface HearingsApiOptions {
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  hearings?: Hearing[]
  /** the messages notify holds, by hearing */
  messages?: Record<number, Message[]>
  rules?: ReminderRule[]
  /** reads of a new hearing's messages that still find none */
  notifyAfter?: number
  /** the claimants notify writes to for a new hearing (none: notify never makes its messages) */
  recipients?: number[]
  handlers?: Record<string, Handler>
}

export function hearingsApi({
  role = 'staff',
  hearings = [],
  messages = {},
  rules = defaultRules(),
  notifyAfter = 1,
  recipients = [131, 132, 133],
  handlers = {},
}: HearingsApiOptions = {}) {
  const state = {
    hearings: [...hearings],
    messages: { ...messages } as Record<number, Message[]>,
    rules: [...rules],
    nextId: Math.max(50, ...hearings.map((h) => h.id + 1)),
    keys: new Map<string, number>(),
    reads: new Map<number, number>(),
    pending: new Map<number, Message[]>(),
  }
  const etag = (h: Hearing) => `"h${h.id}-${h.status}"`

  const fixed: Record<string, Handler> = {
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json(standInProceedings()),
    'GET /claims-api/api/v1/hearings': () => json([...state.hearings].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))),
    'POST /claims-api/api/v1/hearings': async (req) => {
      const body = (await req.json()) as Record<string, unknown>
      const key = req.headers.get('Idempotency-Key')
      const seen = key ? state.keys.get(key) : undefined
      if (seen !== undefined) return json(state.hearings.find((h) => h.id === seen), 201)
      const made = hearing(state.nextId++, Number(body.proceeding_id), String(body.starts_at), {
        kind: body.kind as Hearing['kind'],
        place: String(body.place),
        online_url: (body.online_url as string | undefined) ?? null,
        note: String(body.note ?? ''),
        created_at: new Date().toISOString(),
      })
      state.hearings.push(made)
      if (key) state.keys.set(key, made.id)
      if (recipients.length > 0) {
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(made.starts_at))
        state.pending.set(made.id, scheduleOf(made.id, day, recipients, { noticeAt: new Date().toISOString(), eventId: `ev-${made.id}` }))
      }
      return json(made, 201)
    },
    'GET /notify/api/v1/messages': (_req, url) => {
      const hearingId = Number(url.searchParams.get('hearing_id'))
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const reads = (state.reads.get(hearingId) ?? 0) + 1
      state.reads.set(hearingId, reads)
      const pending = state.pending.get(hearingId)
      if (pending && reads > notifyAfter) {
        state.messages[hearingId] = pending
        state.pending.delete(hearingId)
      }
      const all = [...(state.messages[hearingId] ?? [])].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id)
      return json(page(all.slice(offset, offset + limit), all.length, limit, offset))
    },
    'GET /notify/api/v1/reminder-rules': () => json(state.rules),
    ...handlers,
  }

  const routes = new Proxy(fixed, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      let match = /^GET \/claims-api\/api\/v1\/hearings\/(\d+)$/.exec(key)
      if (match) {
        const id = Number(match[1])
        return (): Response => {
          const h = state.hearings.find((x) => x.id === id)
          if (!h) return problem(404, 'Not Found', `hearing ${id} not found`)
          return new Response(JSON.stringify(h), { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag(h) } })
        }
      }
      match = /^POST \/claims-api\/api\/v1\/hearings\/(\d+)\/cancel$/.exec(key)
      if (match) {
        const id = Number(match[1])
        return (req: Request): Response => {
          const h = state.hearings.find((x) => x.id === id)
          if (!h) return problem(404, 'Not Found', `hearing ${id} not found`)
          const ifMatch = req.headers.get('If-Match')
          if (ifMatch && ifMatch !== etag(h)) return problem(412, 'Precondition Failed', 'the hearing changed since it was read')
          h.status = 'cancelled'
          const mine = state.messages[id] ?? []
          for (const m of mine) if (m.status === 'queued') m.status = 'cancelled'
          const notified = [...new Set(mine.filter((m) => m.kind === 'hearing_notice').map((m) => m.claimant_id))]
          state.pending.set(
            id,
            [...mine, ...notified.map((c, i) => message(5000 + i, { kind: 'hearing_cancellation', hearing_id: id, claimant_id: c, event_id: `ev-cancel-${id}`, due_at: new Date().toISOString(), subject: '【期日取消しのお知らせ】' }))],
          )
          state.reads.set(id, 0)
          return new Response(JSON.stringify(h), { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag(h) } })
        }
      }
      return undefined
    },
  })

  const { spy, requests } = mockApi(routes)
  const posts = (path: string) => requests.filter((r) => r.method !== 'GET' && new URL(r.url).pathname === path)
  return { spy, requests, state, posts }
}
