// Test helper (imported only by *.test.tsx): claims-api and notify holding two cases (or the cases given), as the
// dashboard, 期日, 本人通知 and 設定 pages see them: each case with its own dashboard, proceedings, record and filing
// settings; one hearing in a proceeding of each case; the campaigns given, listed per case as notify lists them.
// It records every request.
import { caseRecord, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, type Handler } from '../../test/helpers'
import { filingSettings } from '../admin/testApi'
import type { Campaign } from '../campaigns/campaigns'
import { campaign } from '../campaigns/testApi'
import { dashboard } from '../dashboard/testApi'
import { defaultRules, hearing } from '../hearings/testApi'

export type CaseFixture = Omit<ReturnType<typeof caseRecord>, 'case_number'> & { case_number: string | null }

export function twoCases(): CaseFixture[] {
  return [
    caseRecord(1, 'シャローム不正アクセス事件'),
    { ...caseRecord(2, 'クラウド会計情報漏えい事件'), defendant_name: '株式会社デモクラウド', case_number: '令和8年(ワ)第45号' },
  ]
}

/**
 * Breach-notice campaigns of both cases: 31 of case 1, 32 and 33 of case 2, and 30 made before campaigns named their
 * case (in no case's list). Each has its 速報 and 確報 deadlines on the dashboards' agenda (24 days overdue, today).
 */
export function campaignsOfTwoCases(): Campaign[] {
  return [
    campaign(30, { case_id: null, title: '事件未設定の本人通知' }),
    campaign(31, { case_id: 1, title: 'シャロームの本人通知' }),
    campaign(32, { case_id: 2, title: 'クラウド会計の本人通知（第1回）' }),
    campaign(33, { case_id: 2, title: 'クラウド会計の本人通知（第2回）' }),
  ]
}

/** notify's GET /campaigns over `campaigns`: newest first, only the case asked for (?case_id=), a page at a time. */
export function campaignList(campaigns: readonly Campaign[]): Handler {
  return (_request, url) => {
    const caseId = url.searchParams.get('case_id')
    const limit = Number(url.searchParams.get('limit') ?? 50)
    const offset = Number(url.searchParams.get('offset') ?? 0)
    const all = campaigns.filter((c) => caseId === null || c.case_id === Number(caseId)).sort((a, b) => b.id - a.id)
    return json(page(all.slice(offset, offset + limit), all.length, limit, offset))
  }
}

/** The proceedings of each case: case 1 has its mediation (proceeding 1), case 2 its lawsuit (proceeding 5). */
function proceedingsOf(caseId: number) {
  return caseId === 1
    ? [proceeding(1, 'mediation', '第1次調停', { member_count: 130 })]
    : [proceeding(5, 'lawsuit', '本訴（クラウド会計）', { case_id: caseId, member_count: 12 })]
}

export function casesApi({
  cases = twoCases(),
  campaigns = [],
  role = 'admin',
  handlers = {},
}: {
  cases?: CaseFixture[]
  campaigns?: Campaign[]
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  handlers?: Record<string, Handler>
} = {}) {
  const withEtag = (body: unknown, etag: string) => {
    const response = json(body)
    response.headers.set('ETag', etag)
    return response
  }
  const perCase: Record<string, Handler> = {}
  for (const c of cases) {
    const base = `GET /claims-api/api/v1/cases/${c.id}`
    perCase[base] = () => withEtag(c, `"case-${c.id}"`)
    perCase[`${base}/dashboard`] = () => json(dashboard({ case_id: c.id, case_name: c.name }))
    perCase[`${base}/proceedings`] = () => json(proceedingsOf(c.id))
    perCase[`${base}/filing-settings`] = () => withEtag(filingSettings({ case_id: c.id }), `"filing-${c.id}"`)
  }
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json(cases),
    ...perCase,
    'GET /claims-api/api/v1/hearings': () =>
      json([hearing(21, 1, '2026-12-21T01:00:00Z'), hearing(22, 5, '2027-01-20T01:30:00Z', { kind: 'oral_argument', place: '大阪地方裁判所 第1001号法廷' })]),
    'GET /claims-api/api/v1/claimants': () => json(page([], 0)),
    'GET /notify/api/v1/campaigns': campaignList(campaigns),
    'GET /notify/api/v1/reminder-rules': () => json(defaultRules()),
    ...handlers,
  })
}

/** `handler`, holding its answers for one case (?case_id=) until release(): what a page shows while it waits. */
export function holdCase(caseId: number, handler: Handler) {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const held: Handler = async (request, url) => {
    if (url.searchParams.get('case_id') === String(caseId)) await released
    return handler(request, url)
  }
  return { held, release }
}

/** The case_id of each request for notify's campaign list, in order (null: asked for every case). */
export function campaignListCases(requests: readonly Request[]): (string | null)[] {
  return requests
    .map((r) => new URL(r.url))
    .filter((u) => u.pathname === '/notify/api/v1/campaigns')
    .map((u) => u.searchParams.get('case_id'))
}
