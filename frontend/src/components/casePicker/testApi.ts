// Test helper (imported only by *.test.tsx): claims-api and notify holding two cases (or the cases given), as the
// dashboard, 期日 and 設定 pages see them: each case with its own dashboard, proceedings, record and filing
// settings; one hearing in a proceeding of each case. It records every request.
import { caseRecord, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, type Handler } from '../../test/helpers'
import { filingSettings } from '../admin/testApi'
import { dashboard } from '../dashboard/testApi'
import { defaultRules, hearing } from '../hearings/testApi'

export type CaseFixture = Omit<ReturnType<typeof caseRecord>, 'case_number'> & { case_number: string | null }

export function twoCases(): CaseFixture[] {
  return [
    caseRecord(1, 'シャローム不正アクセス事件'),
    { ...caseRecord(2, 'クラウド会計情報漏えい事件'), defendant_name: '株式会社デモクラウド', case_number: '令和8年(ワ)第45号' },
  ]
}

/** The proceedings of each case: case 1 has its mediation (proceeding 1), case 2 its lawsuit (proceeding 5). */
function proceedingsOf(caseId: number) {
  return caseId === 1
    ? [proceeding(1, 'mediation', '第1次調停', { member_count: 130 })]
    : [proceeding(5, 'lawsuit', '本訴（クラウド会計）', { case_id: caseId, member_count: 12 })]
}

export function casesApi({
  cases = twoCases(),
  role = 'admin',
  handlers = {},
}: { cases?: CaseFixture[]; role?: 'viewer' | 'staff' | 'lawyer' | 'admin'; handlers?: Record<string, Handler> } = {}) {
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
    'GET /notify/api/v1/campaigns': () => json(page([], 0, 20, 0)),
    'GET /notify/api/v1/reminder-rules': () => json(defaultRules()),
    ...handlers,
  })
}
