// Test helper (imported only by *.test.tsx): claims-api's clients and audit log as the 保険会社連携 page sees them. The
// stand-in keeps the clients, checks a new one as claims-api does (422 naming the field, 409 for a taken client ID),
// answers an Idempotency-Key it has seen with the stored answer (no secret), rotates and revokes, pages the audit log by
// cursor (newest first) and lists the claimants (for the insurers). It records every request.
import { claimant, page, principal } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'
import type { AuditEvent, Client } from './partners'

const stamp = '2026-11-20T01:30:00Z'

export function client(clientId: string, overrides: Partial<Client> = {}): Client {
  return {
    client_id: clientId,
    name: `${clientId} の接続`,
    kind: 'partner',
    insurer: 'デモ損害保険株式会社',
    scopes: ['partner:claims.read'],
    is_active: true,
    created_at: stamp,
    secret_rotated_at: null,
    previous_secret_expires_at: null,
    revoked_at: null,
    ...overrides,
  }
}

/** An audit entry of a partner's read (entity claimant), as claims-api records it. */
export function partnerRead(id: number, clientId: string, claimantId: number | null, at: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at,
    actor: `client:${clientId}`,
    action: 'partner.claims.read',
    entity: 'claimant',
    entity_id: claimantId === null ? null : String(claimantId),
    detail: { client_id: clientId, fields: ['id', 'updated_at', 'claimant', 'damage_items', 'totals'] },
    request_id: `req-${id}`,
    prev_hash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    ...overrides,
  }
}

const CLIENT_ID = /^[a-z0-9-]+$/
const PARTNER_SCOPES = ['partner:claims.read', 'partner:settlements.write']
const invalid = (field: string, reason: string) =>
  problem(422, 'Invalid input', `${field}: ${reason}`, { type: 'validation-error', errors: [{ field, reason }], request_id: 'req-422' })

export interface PartnersApiOptions {
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  clients?: Client[]
  /** the audit log, any order (served newest first, by id) */
  events?: AuditEvent[]
  /** the secrets the stand-in issues, in turn */
  secrets?: string[]
  handlers?: Record<string, Handler>
}

export function partnersApi({ role = 'admin', clients = [], events = [], secrets = ['s3cr3t-first-AbCdEf', 's3cr3t-second-GhIjKl'], handlers = {} }: PartnersApiOptions = {}) {
  const state = { clients: [...clients], events: [...events].sort((a, b) => b.id - a.id), secrets: [...secrets], keys: new Map<string, Client>() }
  const nextSecret = () => state.secrets.shift() ?? `secret-${Math.random().toString(36).slice(2)}`
  const find = (id: string) => state.clients.find((c) => c.client_id === id)
  const replace = (next: Client) => {
    state.clients = state.clients.map((c) => (c.client_id === next.client_id ? next : c))
    return next
  }

  const fixed: Record<string, Handler> = {
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/clients': () => json([...state.clients].sort((a, b) => a.client_id.localeCompare(b.client_id))),
    'POST /claims-api/api/v1/clients': async (req) => {
      const body = (await req.json()) as { client_id: string; name: string; kind?: string; insurer?: string | null; scopes: string[] }
      const key = req.headers.get('Idempotency-Key')
      const seen = key ? state.keys.get(key) : undefined
      if (seen) return json({ ...seen, client_secret: null }, 201)
      if (!CLIENT_ID.test(body.client_id) || body.client_id.length < 3) return invalid('client_id', "String should match pattern '^[a-z0-9-]+$'")
      if (!body.name) return invalid('name', 'String should have at least 1 character')
      if (body.scopes.length === 0) return invalid('scopes', 'at least one scope is required')
      const unknown = body.scopes.filter((s) => !PARTNER_SCOPES.includes(s))
      if (unknown.length) return invalid('scopes', `not allowed for a partner client: ${unknown.join(' ')}`)
      if (!body.insurer) return invalid('insurer', 'required for a partner client')
      if (find(body.client_id)) return problem(409, 'Conflict', `client ${body.client_id} exists`)
      const made = client(body.client_id, { name: body.name, insurer: body.insurer, scopes: [...body.scopes].sort(), created_at: new Date().toISOString() })
      state.clients.push(made)
      if (key) state.keys.set(key, made)
      return json({ ...made, client_secret: nextSecret() }, 201)
    },
    'GET /claims-api/api/v1/audit-events': (_req, url) => {
      const actor = url.searchParams.get('actor')
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const cursor = url.searchParams.get('cursor')
      const mine = state.events.filter((e) => !actor || e.actor === actor).filter((e) => cursor === null || e.id < Number(cursor))
      const items = mine.slice(0, limit)
      return json({ items, next_cursor: mine.length > limit ? items[items.length - 1].id : null })
    },
    'GET /claims-api/api/v1/claimants': () =>
      json(
        page(
          [
            claimant(7, '堺 三郎'),
            claimant(8, '難波 花子', { insurer: 'さくら海上火災保険株式会社' }),
            claimant(9, '天満 次郎', { insured: false, insurer: null }),
          ],
          3,
          500,
        ),
      ),
    ...handlers,
  }

  const routes = new Proxy(fixed, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      let match = /^POST \/claims-api\/api\/v1\/clients\/([^/]+)\/rotate-secret$/.exec(key)
      if (match) {
        const id = decodeURIComponent(match[1])
        return async (req: Request): Promise<Response> => {
          const c = find(id)
          if (!c) return problem(404, 'Not Found', `client ${id} not found`)
          if (!c.is_active) return problem(409, 'Conflict', `client ${id} is revoked; register a new client instead`)
          const text = await req.text()
          const hours = text ? (JSON.parse(text) as { grace_hours?: unknown }).grace_hours ?? 24 : 24
          if (typeof hours !== 'number' || !Number.isInteger(hours)) return invalid('grace_hours', 'Input should be a valid integer')
          if (hours < 0 || hours > 168) return invalid('grace_hours', 'Input should be less than or equal to 168')
          const now = Date.now()
          const next = replace({
            ...c,
            secret_rotated_at: new Date(now).toISOString(),
            previous_secret_expires_at: hours > 0 ? new Date(now + hours * 3_600_000).toISOString() : null,
          })
          return json({ ...next, client_secret: nextSecret() })
        }
      }
      match = /^POST \/claims-api\/api\/v1\/clients\/([^/]+)\/revoke$/.exec(key)
      if (match) {
        const id = decodeURIComponent(match[1])
        return (): Response => {
          const c = find(id)
          if (!c) return problem(404, 'Not Found', `client ${id} not found`)
          if (c.revoked_at) return json(c)
          return json(replace({ ...c, is_active: false, revoked_at: new Date().toISOString(), previous_secret_expires_at: null }))
        }
      }
      return undefined
    },
  })

  const { spy, requests } = mockApi(routes)
  const sent = (method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === `/claims-api/api/v1${path}`)
  return { spy, requests, state, sent }
}
