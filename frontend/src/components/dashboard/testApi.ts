// Test helper (imported only by *.test.tsx): claims-api's dashboard of a case and notify's campaign list as the
// dashboard sees them. The figures are synthetic; `today` is fixed so the days left are too.
import { caseRecord, claimant, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, type Handler } from '../../test/helpers'
import { campaign } from '../campaigns/testApi'
import type { Campaign } from '../campaigns/campaigns'
import type { ClaimantsByStage, Dashboard, Stage } from './dashboard'

const STAGES: [Stage, string][] = [
  ['intake', '受付'],
  ['schedule_received', '損害一覧受領'],
  ['schedule_checked', '損害一覧確認済'],
  ['engagement_sent', '委任契約書送付'],
  ['engagement_signed', '委任契約締結'],
  ['poa_received', '委任状受領'],
  ['originals_received', '原本受領'],
  ['ready_to_file', '提出準備完了'],
  ['filed', '提出済'],
]

export function byStage(counts: Partial<Record<Stage, number>>): ClaimantsByStage {
  const stages = STAGES.map(([stage, label]) => ({ stage, label, count: counts[stage] ?? 0 }))
  return { total: stages.reduce((sum, s) => sum + s.count, 0), stages }
}

export function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const head = (head: Dashboard['damages']['heads'][number]['head'], label: string, basis: 'contract' | 'unjust_enrichment', vendor: number, items: number, insurer = 0, insurerItems = 0) => ({
    head,
    label,
    legal_basis: basis,
    vendor_amount: vendor,
    vendor_items: items,
    insurer_amount: insurer,
    insurer_items: insurerItems,
  })
  return {
    case_id: 1,
    case_name: 'シャローム不正アクセス事件',
    today: '2026-12-01',
    claimants: byStage({ intake: 3, engagement_sent: 5, poa_received: 2, filed: 141 }),
    proceedings: [
      {
        proceeding_id: 1,
        name: '第1次調停',
        kind: 'mediation',
        court: '大阪簡易裁判所',
        case_number: '令和6年(ノ)第123号',
        filed_on: '2024-05-23',
        status: 'filed',
        claimants: byStage({ filed: 130 }),
        contract_damages: 140_220_740,
        unjust_enrichment: 8_580_000,
        claim_value: 148_800_740,
        fee_kind: 'mediation',
        filing_fee: 254_000,
      },
      {
        proceeding_id: 2,
        name: '第2次調停',
        kind: 'mediation',
        court: '大阪簡易裁判所',
        case_number: null,
        filed_on: '2024-06-17',
        status: 'filed',
        claimants: byStage({ filed: 11, poa_received: 2, engagement_sent: 8 }),
        contract_damages: 22_011_698,
        unjust_enrichment: 990_000,
        claim_value: 23_001_698,
        fee_kind: 'mediation',
        filing_fee: 53_500,
      },
    ],
    not_in_proceeding: byStage({ intake: 3 }),
    damages: {
      heads: [
        head('staff_cost', '人件費', 'contract', 30_000_000, 120, 2_000_000, 3),
        head('onprem_cost', 'オンプレ版費用', 'contract', 12_500_000, 40),
        head('fee_difference', '利用料差額', 'contract', 732_438, 151),
        head('reputation', '信用毀損', 'contract', 151_000_000, 151),
        head('other_loss', 'その他実損', 'contract', 0, 0),
        head('fee_increase_refund', '値上げ分の不当利得', 'unjust_enrichment', 9_570_000, 145),
      ],
      legal_bases: [
        { legal_basis: 'contract', label: '契約上の損害賠償', amount: 194_232_438 },
        { legal_basis: 'unjust_enrichment', label: '不当利得', amount: 9_570_000 },
      ],
      vendor_total: 203_802_438,
      insurer_total: 2_000_000,
    },
    hearings: [
      {
        hearing_id: 5,
        proceeding_id: 2,
        proceeding_name: '第2次調停',
        kind: 'mediation_session',
        kind_label: '調停期日',
        starts_at: '2026-12-21T01:00:00Z',
        place: '大阪簡易裁判所 調停室',
        online_url: null,
      },
      {
        hearing_id: 6,
        proceeding_id: 3,
        proceeding_name: '本訴訟',
        kind: 'oral_argument',
        kind_label: '口頭弁論期日',
        starts_at: '2027-01-20T01:30:00Z',
        place: '大阪地方裁判所 第1001号法廷',
        online_url: null,
      },
    ],
    attention: { missing_items: 10, open_deficiencies: 4, overdue_deficiencies: 1, duplicate_flags: 2 },
    ...overrides,
  }
}

/** Campaigns with a passed 速報 (shown), a 確報 due today, upcoming ones, and one long past (left out). */
export function campaigns(): Campaign[] {
  return [
    campaign(12, {
      claimant_id: 7,
      became_known_on: '2026-12-01',
      deadlines: { preliminary_from: '2026-12-03', preliminary_by: '2026-12-04', final_due: '2026-12-30', final_outer_limit: '2026-12-31', final_days: 30 },
    }),
    campaign(11),
    campaign(10, {
      became_known_on: '2026-08-01',
      deadlines: { preliminary_from: '2026-08-04', preliminary_by: '2026-08-06', final_due: '2026-08-30', final_outer_limit: '2026-08-31', final_days: 30 },
    }),
  ]
}

export function dashboardApi({
  role = 'viewer',
  board = dashboard(),
  campaignList = campaigns(),
  handlers = {},
}: { role?: 'viewer' | 'staff' | 'lawyer' | 'admin'; board?: Dashboard; campaignList?: Campaign[]; handlers?: Record<string, Handler> } = {}) {
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json([proceeding(1, 'mediation', '第1次調停', { member_count: 130 }), proceeding(2, 'mediation', '第2次調停', { member_count: 21 })]),
    'GET /claims-api/api/v1/cases/1/dashboard': () => json(board),
    'GET /notify/api/v1/campaigns': () => json(page(campaignList, campaignList.length, 20, 0)),
    'GET /claims-api/api/v1/claimants/7': () => json(claimant(7, '堺 三郎')),
    'GET /claims-api/api/v1/claimants': () => json(page([claimant(1, '大阪 一郎', { stage: 'filed', stage_label: '提出済' })], 141)),
    ...handlers,
  })
}
