// Test helper (imported only by *.test.tsx): a claims-api stand-in for the damage section. It keeps the items,
// gives each version an ETag, computes staff cost the way claims-api does (hours × rate × premium, floored per
// line) and records every request. Other heads get a simple stand-in computation. It lists the exhibits the
// claimant may cite and, as claims-api does, refuses (422 on exhibit_ids) a save citing any other. A PATCH changes
// where an item is claimed (claimed_from), refused with 409 once the insurer has paid the item; the summary leaves
// the items claimed from the insurer out of the totals.
import { claimant, damageItem, damageSummary, exhibit, exhibitFile, principal } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'
import { versioned } from '../claimant/testing'

type Item = ReturnType<typeof damageItem>
type Exhibit = ReturnType<typeof exhibit>
type Body = { head: string; inputs: Record<string, unknown>; declared_amount?: number | null; facts?: string; exhibit_ids?: number[] }
type Line = Record<string, unknown>

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const BASE = '/claims-api/api/v1/claimants/7'

/**
 * The exhibits claimant 7 (甲第3号証 and its branches) may cite, in label order as claims-api lists them: three
 * common exhibits of the case and four of its own (two in the staff cost slot の2).
 */
export function standInExhibits(): Exhibit[] {
  return [
    exhibit(11, null, 1, 1, 'ネットde社労夢契約書', { author: '被告', current_version: exhibitFile('netde_contract.pdf') }),
    exhibit(12, null, 1, 2, '社労夢ハウス利用契約書', { author: '被告' }),
    exhibit(13, null, 2, null, '被告のお知らせ「個人情報保護委員会への報告について」', { made_on: '2023-06-08', author: '被告' }),
    exhibit(30, 7, 3, 1, '利用申込書', { current_version: exhibitFile('application.pdf') }),
    exhibit(31, 7, 3, 2, '賃金台帳（2023年6月分）', { current_version: exhibitFile('payroll_2023-06.pdf') }),
    exhibit(32, 7, 3, 3, 'オンプレ版の請求書'),
    exhibit(37, 7, 3, 7, 'タイムカード（2023年6月）', { slot: 2, original_or_copy: 'original' }),
  ]
}

/** The amount and 計算式 of a body, as the stand-in computes them. */
export function computeStandIn(body: Body): { amount: number; formula: string } {
  if (body.head === 'staff_cost') {
    const lines = (body.inputs.lines as Line[]).map((line) => {
      if (line.kind === 'outsourcing') return { amount: Number(line.amount), text: `外注費 ${String(line.vendor)}: ${yen(Number(line.amount))}` }
      const amount = Math.floor(Number(line.hours) * Number(line.hourly_rate) * Number(line.premium_rate))
      return {
        amount,
        text: `${String(line.person)}: ${String(line.hours)}時間 × 時給${yen(Number(line.hourly_rate))} × 割増率${String(line.premium_rate)} = ${yen(amount)}`,
      }
    })
    const total = lines.reduce((sum, l) => sum + l.amount, 0)
    return { amount: total, formula: [...lines.map((l) => l.text), `合計 ${yen(total)}（各行の円未満切捨て）`].join('\n') }
  }
  if (body.head === 'fee_difference') {
    const fee = Number(body.inputs.monthly_fee)
    const amount = Math.floor((fee * 2) / 31)
    return { amount, formula: `令和5年7月分: 月額${yen(fee)} × 2日 ÷ 31日 = ${yen(amount)}\n合計 ${yen(amount)}` }
  }
  if (body.head === 'reputation') return { amount: 1000000, formula: '1人あたり 1,000,000円' }
  const lines = (body.inputs.lines as Line[] | undefined) ?? []
  const total = lines.reduce((sum, l) => sum + Number(l.amount), 0)
  return { amount: total, formula: `合計 ${yen(total)}` }
}

export interface StandInOptions {
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  items?: Item[]
  /** extra or overriding handlers ("METHOD /path") */
  handlers?: Record<string, Handler>
  /** problems the preview answers for a body (a 422, say), instead of computing */
  previewProblem?: (body: Body) => Response | null
  /** the exhibits the claimant may cite (common and its own); standInExhibits() unless given */
  exhibits?: Exhibit[]
  /** exhibits of the case the claimant may not cite (another claimant's) */
  othersExhibits?: Exhibit[]
}

export function damageApi({ role = 'staff', items = [], handlers = {}, previewProblem, exhibits = standInExhibits(), othersExhibits = [] }: StandInOptions = {}) {
  const state = { items: [...items], versions: new Map<number, number>(), nextId: 100, exhibits: [...exhibits] }
  /** claims-api's check of exhibit_ids: a 422 naming the first exhibit the claimant may not cite */
  const refusedExhibits = (body: Body): Response | null => {
    for (const id of body.exhibit_ids ?? []) {
      if (state.exhibits.some((e) => e.id === id)) continue
      const reason = othersExhibits.some((e) => e.id === id) ? `exhibit ${id} belongs to another claimant` : `exhibit ${id} does not exist in this case`
      return problem(422, 'Invalid input', `exhibit_ids: ${reason}`, { type: 'validation-error', errors: [{ field: 'exhibit_ids', reason }] })
    }
    return null
  }
  const etag = (id: number) => `"e${id}-${state.versions.get(id) ?? 1}"`
  const find = (url: URL) => state.items.find((i) => url.pathname.endsWith(`/damage-items/${i.id}`))
  const summary = () =>
    damageSummary(
      7,
      Object.fromEntries(state.items.map((i) => [i.head, i.amount])),
      Object.fromEntries(state.items.filter((i) => i.claimed_from === 'insurer').map((i) => [i.head, i.amount])),
      Object.fromEntries(state.items.filter((i) => i.settlement).map((i) => [i.head, i.settlement!.paid_amount])),
    )
  const apply = (item: Item, body: Body): Item => {
    const { amount, formula } = computeStandIn(body)
    const declared = body.declared_amount ?? null
    return {
      ...item,
      inputs: body.inputs,
      amount,
      formula,
      declared_amount: declared,
      difference: declared === null ? null : amount - declared,
      facts: body.facts ?? '',
      exhibits:
        body.exhibit_ids === undefined
          ? item.exhibits
          : state.exhibits.filter((e) => body.exhibit_ids!.includes(e.id)).map((e) => ({ id: e.id, label: e.label })),
      updated_at: '2026-11-29T03:00:00Z',
    }
  }
  const api = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    [`GET ${BASE}`]: () => versioned(claimant(7, '堺 三郎'), '"c1"'),
    'GET /claims-api/api/v1/cases/1': () =>
      json({ id: 1, name: 'デモ事件', incident_date: '2023-06-05', reputation_amount: 1000000, served_on: null }),
    [`GET ${BASE}/damage-items`]: () => json(state.items),
    [`GET ${BASE}/summary`]: () => json(summary()),
    [`GET ${BASE}/exhibits`]: (_, url) =>
      json(url.searchParams.get('include_common') === 'true' ? state.exhibits : state.exhibits.filter((e) => e.claimant_id !== null)),
    [`POST ${BASE}/damage-items/preview`]: async (request) => {
      const body = (await request.json()) as Body
      const refused = previewProblem?.(body)
      if (refused) return refused
      const { amount, formula } = computeStandIn(body)
      const declared = body.declared_amount ?? null
      return json({ head: body.head, amount, formula, declared_amount: declared, difference: declared === null ? null : amount - declared })
    },
    [`POST ${BASE}/damage-items`]: async (request) => {
      const body = (await request.json()) as Body
      if (state.items.some((i) => i.head === body.head)) return problem(409, 'Conflict', `the claimant already has a ${body.head} item`)
      const refused = refusedExhibits(body)
      if (refused) return refused
      const item = apply(damageItem(state.nextId++, 7, body.head), body)
      state.items.push(item)
      return json(item, 201)
    },
    ...Object.fromEntries(
      items.flatMap((initial) => {
        const path = `${BASE}/damage-items/${initial.id}`
        return [
          [`GET ${path}`, (_: Request, url: URL) => {
            const item = find(url)
            return item ? versioned(item, etag(item.id)) : problem(404, 'Not found', `damage item ${initial.id} does not exist`)
          }],
          [`PUT ${path}`, async (request: Request, url: URL) => {
            const item = find(url)
            if (!item) return problem(404, 'Not found', `damage item ${initial.id} does not exist`)
            const ifMatch = request.headers.get('If-Match')
            if (ifMatch && ifMatch !== etag(item.id)) return problem(412, 'Precondition failed', 'The record was changed by someone else since you read it; reload it and apply your change again.', { type: 'precondition-failed' })
            const body = (await request.json()) as Body
            const refused = refusedExhibits(body)
            if (refused) return refused
            const next = apply(item, body)
            state.items = state.items.map((i) => (i.id === item.id ? next : i))
            state.versions.set(item.id, (state.versions.get(item.id) ?? 1) + 1)
            return versioned(next, etag(item.id))
          }],
          [`PATCH ${path}`, async (request: Request, url: URL) => {
            const item = find(url)
            if (!item) return problem(404, 'Not found', `damage item ${initial.id} does not exist`)
            const body = (await request.json()) as { claimed_from?: 'vendor' | 'insurer' }
            if (body.claimed_from && body.claimed_from !== item.claimed_from && item.settlement) {
              return problem(
                409,
                'Conflict',
                `the insurer paid this item on ${item.settlement.paid_on} and holds the claim by subrogation; it cannot be claimed from the vendor again`,
              )
            }
            const next = { ...item, claimed_from: body.claimed_from ?? item.claimed_from, updated_at: '2026-11-29T03:00:00Z' }
            state.items = state.items.map((i) => (i.id === item.id ? next : i))
            state.versions.set(item.id, (state.versions.get(item.id) ?? 1) + 1)
            return versioned(next, etag(item.id))
          }],
          [`DELETE ${path}`, (request: Request, url: URL) => {
            const item = find(url)
            if (!item) return problem(404, 'Not found', `damage item ${initial.id} does not exist`)
            const ifMatch = request.headers.get('If-Match')
            if (ifMatch && ifMatch !== etag(item.id)) return problem(412, 'Precondition failed', 'stale', { type: 'precondition-failed' })
            state.items = state.items.filter((i) => i.id !== item.id)
            return new Response(null, { status: 204 })
          }],
        ]
      }),
    ),
    ...handlers,
  })

  /** Someone else changes an item meanwhile (its ETag moves on). */
  function changeElsewhere(id: number, body: Body) {
    state.items = state.items.map((i) => (i.id === id ? apply(i, body) : i))
    state.versions.set(id, (state.versions.get(id) ?? 1) + 1)
  }

  const sent = (method: string, suffix = '') => api.requests.filter((r) => r.method === method && new URL(r.url).pathname === `${BASE}${suffix}`)
  return { ...api, state, changeElsewhere, sent }
}
