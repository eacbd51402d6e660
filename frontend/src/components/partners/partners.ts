// The 保険会社連携 page's shapes and the small rules it shows: the partner's scopes, whether a client is active, and what an
// audit entry of a partner's access says (which claimant, which parts of the claim).
import type { components } from '../../api/claims-api'
import type { MessageKey } from '../../i18n/messages'

type Schemas = components['schemas']
export type Client = Schemas['ClientRead']
export type ClientCreate = Schemas['ClientCreate']
export type ClientCreated = Schemas['ClientCreated']
export type ClientSecretRotated = Schemas['ClientSecretRotated']
export type AuditEvent = Schemas['AuditEventRead']
export type AuditEventPage = Schemas['AuditEventPage']

/** The scopes a partner client may hold (claims-api's PARTNER_SCOPES), in the order offered. */
export const PARTNER_SCOPES = ['partner:claims.read', 'partner:settlements.write'] as const
export type PartnerScope = (typeof PARTNER_SCOPES)[number]
export const scopeKey = (scope: PartnerScope): MessageKey => `partnerScope.${scope}`

/** The grace period of a rotated secret, in hours (claims-api's SecretRotate). */
export const DEFAULT_GRACE_HOURS = 24
export const MAX_GRACE_HOURS = 168

/** Entries of the access log read at a time. */
export const LOG_PAGE = 50

/** The scope the page needs (admins hold it); the access log needs audit:read as well. */
export const ADMIN_SCOPE = 'clients:admin'

export function isActive(client: Client): boolean {
  return client.is_active && client.revoked_at === null
}

/** A secret as issued: held by the page (never in a query cache) until the user closes the panel. */
export interface IssuedSecret {
  clientId: string
  name: string
  /** null when claims-api replayed a create (same Idempotency-Key): the secret was in the first answer only */
  secret: string | null
  how: 'created' | 'rotated'
  /** after a rotation: until when the replaced secret still works (null: not at all) */
  previousExpiresAt: string | null
}

/** The claimant an entry is about, when it is one (partner reads and settlements: entity claimant). */
export function claimantOf(event: AuditEvent): number | null {
  return event.entity === 'claimant' && event.entity_id && /^\d+$/.test(event.entity_id) ? Number(event.entity_id) : null
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** The parts of the claim the partner received (`detail.fields`). */
export function fieldsOf(event: AuditEvent): string[] {
  return strings(event.detail.fields)
}

/** What a settlement entry recorded: the head and the payment (`detail.head`, `detail.after`). */
export function settlementOf(event: AuditEvent): { head: string | null; paidAmount: number | null; paidOn: string | null } | null {
  if (event.action !== 'partner.settlement.create') return null
  const after = (event.detail.after ?? {}) as Record<string, unknown>
  return {
    head: typeof event.detail.head === 'string' ? event.detail.head : null,
    paidAmount: typeof after.paid_amount === 'number' ? after.paid_amount : null,
    paidOn: typeof after.paid_on === 'string' ? after.paid_on : null,
  }
}

/** The value as sent for grace_hours: a whole number as a number, anything else as typed (the API names it). */
export function graceHours(value: string): number {
  const trimmed = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed) as number
}
