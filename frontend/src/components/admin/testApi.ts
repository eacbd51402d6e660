// Test helper (imported only by *.test.tsx): claims-api as 設定 and the audit log see it. The stand-in keeps the case,
// the proceedings and their members, the filing settings and the users; it answers ETags and refuses a stale If-Match
// with 412, checks writes as claims-api does (422 naming the field, 409 for the last admin, 403 without the scope),
// pages the audit log by cursor (newest first) and records every request.
import { caseRecord, claimant, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'
import { hearing } from '../hearings/testApi'
import type { AuditEvent, Case, FilingSettings, Hearing, Proceeding, Role, User } from './admin'

// The hearing fixture is the 期日 page's own.
export { hearing }

type RoleName = 'viewer' | 'staff' | 'lawyer' | 'admin'
const stamp = '2026-11-20T01:30:00Z'

export function user(id: number, name: string, role: Role, overrides: Partial<User> = {}): User {
  return { id, email: `${role}${id}@example.com`, name, role, is_active: true, created_at: stamp, ...overrides }
}

export function auditEvent(id: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at: '2026-11-20T01:30:00Z',
    actor: 'user:1',
    action: 'claimant.update',
    entity: 'claimant',
    entity_id: '7',
    detail: { before: { phone: '06-0000-0000' }, after: { phone: '06-1111-2222' } },
    request_id: `req-${id}`,
    prev_hash: '0'.repeat(64),
    hash: String(id % 10).repeat(64),
    ...overrides,
  }
}

export function filingSettings(overrides: Partial<FilingSettings> = {}): FilingSettings {
  return {
    case_id: 1,
    office: { name: 'みなと総合法律事務所', postal_code: '530-0001', address: '大阪府大阪市北区梅田一丁目1番1号', phone: '06-1234-5678', fax: '' },
    counsel: [
      { name: '弁護士 山田', title: '弁護士' },
      { name: '弁護士 川口', title: '弁護士' },
    ],
    texts: {
      complaint_cause: '1 当事者\n被告{defendant_name}は…',
      related_facts: '',
      mediation_dispute: '',
      mediation_resolution_items: ['相当額の支払'],
    },
    updated_at: stamp,
    ...overrides,
  }
}

const invalid = (field: string, reason: string) =>
  problem(422, 'Invalid input', `${field}: ${reason}`, { type: 'validation-error', errors: [{ field, reason }], request_id: 'req-422' })
const forbidden = (scope: string) => problem(403, 'Forbidden', `Missing scope: ${scope}`)

export interface AdminApiOptions {
  role?: RoleName
  /** the signed-in user's id (their sub is user:<id>) */
  meId?: number
  proceedings?: Proceeding[]
  members?: Record<number, number[]>
  hearings?: Hearing[]
  users?: User[]
  events?: AuditEvent[]
  handlers?: Record<string, Handler>
}

export function adminApi({
  role = 'admin',
  meId = 1,
  proceedings = [
    proceeding(1, 'mediation', '第1次調停', { member_count: 2, filed_on: '2024-05-23', status: 'pending' }) as Proceeding,
    proceeding(3, 'lawsuit', '本訴', { member_count: 0 }) as Proceeding,
  ],
  members = { 1: [7, 8], 3: [] },
  hearings = [hearing(11, 1, '2027-01-14T01:30:00Z')],
  users = [user(1, '管理 太郎', 'admin'), user(2, '弁護士 山田', 'lawyer'), user(3, '事務 花子', 'staff', { is_active: false })],
  events = [],
  handlers = {},
}: AdminApiOptions = {}) {
  const scopes = principal(role).scopes
  const can = (scope: string) => scopes.includes(scope)
  const claimants = [claimant(7, '堺 三郎'), claimant(8, '難波 花子'), claimant(9, '天満 次郎')]
  const state = {
    case: caseRecord() as Case,
    caseVersion: 1,
    proceedings: proceedings.map((p) => ({ ...p })),
    versions: new Map<number, number>(),
    members: Object.fromEntries(Object.entries(members).map(([k, v]) => [Number(k), [...v]])) as Record<number, number[]>,
    filing: filingSettings(),
    filingVersion: 1,
    users: users.map((u) => ({ ...u })),
    events: [...events].sort((a, b) => b.id - a.id),
  }
  const version = (id: number) => state.versions.get(id) ?? 1
  const bump = (id: number) => state.versions.set(id, version(id) + 1)
  const withEtag = (body: unknown, etag: string) => {
    const response = json(body)
    response.headers.set('ETag', etag)
    return response
  }
  const proceedingOf = (id: number) => {
    const p = state.proceedings.find((x) => x.id === id)
    return p ? { ...p, member_count: state.members[id]?.length ?? 0 } : undefined
  }

  const fixed: Record<string, Handler> = {
    'GET /claims-api/api/v1/auth/me': () => json({ ...principal(role), sub: `user:${meId}` }),
    'GET /claims-api/api/v1/cases': () => json([state.case]),
    'GET /claims-api/api/v1/cases/1': () => withEtag(state.case, `"case-${state.caseVersion}"`),
    'PUT /claims-api/api/v1/cases/1': async (req) => {
      if (!can('cases:write')) return forbidden('cases:write')
      const ifMatch = req.headers.get('If-Match')
      if (ifMatch && ifMatch !== `"case-${state.caseVersion}"`) return problem(412, 'Precondition Failed', 'the case changed since it was read')
      const body = (await req.json()) as Case
      if (!body.defendant_name) return invalid('defendant_name', 'String should have at least 1 character')
      state.case = { ...state.case, ...body }
      state.caseVersion += 1
      return withEtag(state.case, `"case-${state.caseVersion}"`)
    },
    'GET /claims-api/api/v1/cases/1/proceedings': () => json(state.proceedings.map((p) => proceedingOf(p.id))),
    'POST /claims-api/api/v1/cases/1/proceedings': async (req) => {
      if (!can('cases:write')) return forbidden('cases:write')
      const body = (await req.json()) as Proceeding
      if (!body.name) return invalid('name', 'String should have at least 1 character')
      const made = { ...(proceeding(10 + state.proceedings.length, body.kind, body.name) as Proceeding), ...body, member_count: 0 }
      state.proceedings.push(made)
      state.members[made.id] = []
      return json(made, 201)
    },
    'GET /claims-api/api/v1/cases/1/parties': (_req, url) => {
      const id = Number(url.searchParams.get('proceeding_id'))
      const ids = state.members[id] ?? []
      return json({
        case: state.case,
        proceeding: proceedingOf(id),
        plaintiffs: ids.map((cid, i) => {
          const c = claimants.find((x) => x.id === cid)!
          return { number: i + 1, claimant_id: cid, kind: c.kind, name: c.name, representative: null, office_name: c.office_name, postal_code: null, address: null }
        }),
      })
    },
    'GET /claims-api/api/v1/claimants': (_req, url) => {
      const q = url.searchParams.get('q') ?? ''
      const found = claimants.filter((c) => c.name.includes(q))
      return json(page(found, found.length, 20))
    },
    'GET /claims-api/api/v1/hearings': () => json(hearings),
    'GET /claims-api/api/v1/cases/1/filing-settings': () => withEtag(state.filing, `"filing-${state.filingVersion}"`),
    'PUT /claims-api/api/v1/cases/1/filing-settings': async (req) => {
      if (!can('cases:write')) return forbidden('cases:write')
      const ifMatch = req.headers.get('If-Match')
      if (ifMatch && ifMatch !== `"filing-${state.filingVersion}"`) return problem(412, 'Precondition Failed', 'changed')
      const body = (await req.json()) as FilingSettings
      const bad = body.counsel.findIndex((c) => !c.name)
      if (bad >= 0) return invalid(`counsel.${bad}.name`, 'String should have at least 1 character')
      state.filing = { ...state.filing, ...body, updated_at: new Date().toISOString() }
      state.filingVersion += 1
      return withEtag(state.filing, `"filing-${state.filingVersion}"`)
    },
    'GET /claims-api/api/v1/users': () => (can('users:admin') ? json(state.users) : forbidden('users:admin')),
    'POST /claims-api/api/v1/users': async (req) => {
      if (!can('users:admin')) return forbidden('users:admin')
      const body = (await req.json()) as User & { password: string }
      if (!body.email.includes('@')) return invalid('email', 'value is not a valid email address')
      if (body.password.length < 12) return invalid('password', 'String should have at least 12 characters')
      if (state.users.some((u) => u.email === body.email)) return problem(409, 'Conflict', `a user with e-mail ${body.email} exists`)
      const made = user(state.users.length + 1, body.name, body.role, { email: body.email })
      state.users.push(made)
      return json(made, 201)
    },
    'GET /claims-api/api/v1/audit-events': (_req, url) => {
      if (!can('audit:read')) return forbidden('audit:read')
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const cursor = url.searchParams.get('cursor')
      const match = (name: 'actor' | 'action' | 'entity' | 'entity_id') => (e: AuditEvent) => !url.searchParams.get(name) || e[name] === url.searchParams.get(name)
      const mine = state.events
        .filter(match('actor'))
        .filter(match('action'))
        .filter(match('entity'))
        .filter(match('entity_id'))
        .filter((e) => cursor === null || e.id < Number(cursor))
      const items = mine.slice(0, limit)
      return json({ items, next_cursor: mine.length > limit ? items[items.length - 1].id : null })
    },
    'GET /claims-api/api/v1/audit-events/verify': () =>
      json({ ok: true, entries_checked: state.events.length, first_bad_id: null, reason: null, last_id: state.events[0]?.id ?? null, last_hash: state.events[0]?.hash ?? null }),
    ...handlers,
  }

  const routes = new Proxy(fixed, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      let m = /^(GET|PATCH) \/claims-api\/api\/v1\/proceedings\/(\d+)$/.exec(key)
      if (m) {
        const id = Number(m[2])
        return async (req: Request): Promise<Response> => {
          const p = proceedingOf(id)
          if (!p) return problem(404, 'Not Found', `proceeding ${id} does not exist`)
          if (req.method === 'GET') return withEtag(p, `"p${id}-${version(id)}"`)
          if (!can('cases:write')) return forbidden('cases:write')
          const ifMatch = req.headers.get('If-Match')
          if (ifMatch && ifMatch !== `"p${id}-${version(id)}"`) return problem(412, 'Precondition Failed', 'changed')
          const body = (await req.json()) as Partial<Proceeding>
          if (body.name === '') return invalid('name', 'String should have at least 1 character')
          state.proceedings = state.proceedings.map((x) => (x.id === id ? { ...x, ...body } : x))
          bump(id)
          return withEtag(proceedingOf(id), `"p${id}-${version(id)}"`)
        }
      }
      m = /^POST \/claims-api\/api\/v1\/proceedings\/(\d+)\/members$/.exec(key)
      if (m) {
        const id = Number(m[1])
        return async (req: Request): Promise<Response> => {
          if (!can('claims:write')) return forbidden('claims:write')
          const body = (await req.json()) as { claimant_id: number }
          const list = state.members[id] ?? []
          if (list.includes(body.claimant_id)) return problem(409, 'Conflict', 'already a member')
          list.push(body.claimant_id)
          state.members[id] = list
          bump(id)
          return json({ proceeding_id: id, claimant_id: body.claimant_id, number: list.length }, 201)
        }
      }
      m = /^DELETE \/claims-api\/api\/v1\/proceedings\/(\d+)\/members\/(\d+)$/.exec(key)
      if (m) {
        const id = Number(m[1])
        const cid = Number(m[2])
        return (req: Request): Response => {
          if (!can('claims:write')) return forbidden('claims:write')
          const ifMatch = req.headers.get('If-Match')
          if (ifMatch && ifMatch !== `"p${id}-${version(id)}"`) return problem(412, 'Precondition Failed', 'changed')
          state.members[id] = (state.members[id] ?? []).filter((x) => x !== cid)
          bump(id)
          return new Response(null, { status: 204 })
        }
      }
      m = /^PATCH \/claims-api\/api\/v1\/users\/(\d+)$/.exec(key)
      if (m) {
        const id = Number(m[1])
        return async (req: Request): Promise<Response> => {
          if (!can('users:admin')) return forbidden('users:admin')
          const u = state.users.find((x) => x.id === id)
          if (!u) return problem(404, 'Not Found', `user ${id} does not exist`)
          const body = (await req.json()) as Partial<User>
          if (id === meId && body.is_active === false) return invalid('is_active', 'you cannot deactivate yourself')
          const losesAdmin = u.role === 'admin' && u.is_active && ((body.role && body.role !== 'admin') || body.is_active === false)
          if (losesAdmin && !state.users.some((x) => x.id !== id && x.role === 'admin' && x.is_active))
            return problem(409, 'Conflict', 'this is the last active admin: make another user admin first')
          const next = { ...u, ...body }
          state.users = state.users.map((x) => (x.id === id ? next : x))
          return json(next)
        }
      }
      return undefined
    },
  })

  const { spy, requests } = mockApi(routes)
  const sent = (method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === `/claims-api/api/v1${path}`)
  return { spy, requests, state, sent }
}
