// Synthetic claimants (never real people), shaped like claims-api's answers.
const stamp = '2026-11-20T01:30:00Z'

export function claimant(id: number, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    case_id: 1,
    kind: 'sr_individual',
    name,
    name_kana: null,
    office_name: `${name}社会保険労務士事務所`,
    registration_no: `2710${String(id).padStart(4, '0')}`,
    postal_code: '530-0001',
    address: '大阪府大阪市北区梅田一丁目1番1号',
    email: `sr${id}@example.com`,
    phone: '06-0000-0000',
    reminder_consent: true,
    insurer_sharing_consent: false,
    created_at: stamp,
    updated_at: stamp,
    contract_type: 'netde_shaloom',
    customer_status: 'active',
    service_usable_on: '2023-07-03',
    insured: true,
    insurance_plan: 'full',
    insurer: 'デモ損害保険株式会社',
    stage: 'engagement_sent',
    stage_label: '委任契約書送付',
    checklist: [],
    missing_items: ['engagement_contract_signed', 'power_of_attorney'],
    deficiencies: [{ id: 1, claimant_id: id, reason: '人件費の計算式に時給の根拠がない', cure_by: '2027-01-29' }],
    duplicates: [],
    contract_total: 1001698,
    unjust_enrichment_total: 99000,
    total: 1100698,
    ...overrides,
  }
}

export function page(items: unknown[], total: number, limit = 50, offset = 0) {
  return { items, total, limit, offset }
}

// --- the claimant page's intake editors ---------------------------------------------------------------

/** claims-api's /auth/me for a user of each role (the scopes the role expands to). */
export function principal(role: 'viewer' | 'staff' | 'lawyer' | 'admin', name = '事務局 佐藤') {
  const viewer = ['cases:read', 'claims:read', 'hearings:read', 'notify:read', 'renders:read']
  const staff = [...viewer, 'claims:write', 'hearings:write', 'renders:write', 'notify:write']
  const admin = [...staff, 'cases:write', 'users:admin', 'clients:admin', 'audit:read']
  const scopes = { viewer, staff, lawyer: [...staff, 'cases:write'], admin }[role]
  return { sub: `user:${role}`, kind: 'user', name, roles: [role], scopes: [...scopes].sort() }
}

const checklistLabels: Record<string, string> = {
  damage_schedule: '損害一覧表',
  engagement_contract_signed: '委任契約書（署名済）',
  power_of_attorney: '委任状',
  originals: '原本',
  insurance_policy: '保険証券',
}

/** The checklist as claims-api lists it: every applicable item, with the day it was received or null. */
export function checklist(received: Record<string, string | null>, insured = true) {
  const items = ['damage_schedule', 'engagement_contract_signed', 'power_of_attorney', 'originals']
  if (insured) items.push('insurance_policy')
  const entries = items.map((item) => ({
    item,
    label: checklistLabels[item],
    received_on: received[item] ?? null,
    recorded_by: received[item] ? 'user:staff' : null,
  }))
  return { checklist: entries, missing_items: entries.filter((e) => !e.received_on).map((e) => e.item) }
}

/** A claimant at `engagement_sent` whose schedule has arrived, with one open deficiency (see claimant()). */
export function intakeClaimant(id: number, name: string, overrides: Record<string, unknown> = {}) {
  return claimant(id, name, { ...checklist({ damage_schedule: '2026-11-02' }), ...overrides })
}

export function deficiency(id: number, claimantId: number, reason: string, cureBy: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    claimant_id: claimantId,
    reason,
    cure_by: cureBy,
    created_at: stamp,
    created_by: 'user:staff',
    resolved_at: null,
    resolved_by: null,
    ...overrides,
  }
}

export function stageChange(id: number, claimantId: number, from: string | null, to: string, at: string, note: string | null = null) {
  return { id, claimant_id: claimantId, from_stage: from, to_stage: to, at, actor: 'user:staff', note }
}

// --- the claimant page's damage section --------------------------------------------------------------------

const heads: Record<string, { label: string; basis: string; slot: number }> = {
  staff_cost: { label: '人件費', basis: 'contract', slot: 2 },
  onprem_cost: { label: 'オンプレ版費用', basis: 'contract', slot: 3 },
  fee_difference: { label: '利用料差額', basis: 'contract', slot: 4 },
  reputation: { label: '信用毀損', basis: 'contract', slot: 5 },
  other_loss: { label: 'その他実損', basis: 'contract', slot: 6 },
  fee_increase_refund: { label: '値上げ分の不当利得', basis: 'unjust_enrichment', slot: 6 },
}

/** A damage item as claims-api reads it (GET …/damage-items); `difference` follows amount and declared_amount. */
export function damageItem(id: number, claimantId: number, head: string, overrides: Record<string, unknown> = {}) {
  const item = {
    id,
    claimant_id: claimantId,
    head,
    head_label: heads[head].label,
    legal_basis: heads[head].basis,
    inputs: null as unknown,
    amount: 0,
    formula: '',
    declared_amount: null as number | null,
    difference: null as number | null,
    facts: '',
    exhibit_slot: heads[head].slot,
    exhibits: [] as { id: number; label: string }[],
    claimed_from: 'vendor' as 'vendor' | 'insurer',
    settlement: null as { paid_amount: number; paid_on: string; client_id: string; recorded_at: string } | null,
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  }
  item.difference = item.declared_amount === null ? null : item.amount - item.declared_amount
  return item
}

/** An overtime line as the API stores it (decimals as strings). */
export function overtimeLine(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'overtime',
    person: '事務員 甲',
    manager: false,
    date_from: '2023-06-05',
    date_to: '2023-06-30',
    hours: '12',
    hourly_rate: 1500,
    premium_rate: '1.25',
    note: '',
    ...overrides,
  }
}

/** claims-api's …/summary for these head amounts; the heads claimed from the insurer (`insurer`, with what it paid)
 * count there and not in the totals. */
export function damageSummary(
  claimantId: number,
  amounts: Record<string, number>,
  insurer: Record<string, number> = {},
  paid: Record<string, number> = {},
) {
  const rows = Object.entries(heads).map(([head, info]) => ({
    head,
    label: info.label,
    legal_basis: info.basis,
    amount: head in insurer ? 0 : (amounts[head] ?? 0),
    claimed_from: head in insurer ? 'insurer' : 'vendor',
    insurer_amount: insurer[head] ?? 0,
    insurer_paid: paid[head] ?? null,
  }))
  const contract = rows.filter((r) => r.legal_basis === 'contract').reduce((sum, r) => sum + r.amount, 0)
  const unjust = rows.filter((r) => r.legal_basis === 'unjust_enrichment').reduce((sum, r) => sum + r.amount, 0)
  return { claimant_id: claimantId, heads: rows, contract_total: contract, unjust_enrichment_total: unjust, total: contract + unjust, interest: null }
}

// --- exhibits ---------------------------------------------------------------------------------------------

const slotNames: Record<number, string> = {
  1: '契約書・利用合意',
  2: '人件費',
  3: 'オンプレ版費用',
  4: '利用料差額',
  5: '信用毀損',
  6: 'その他実損',
}

/**
 * An exhibit as claims-api reads it (GET …/exhibits): common to the case (`claimantId` null) or a claimant's own
 * (甲第N号証のM, M the slot unless given). No file unless `current_version` is given (see exhibitFile()).
 */
export function exhibit(
  id: number,
  claimantId: number | null,
  number: number,
  branch: number | null,
  title: string,
  overrides: Record<string, unknown> = {},
) {
  const slot = claimantId === null ? null : ((overrides.slot as number | undefined) ?? (branch !== null && branch <= 6 ? branch : 6))
  const suffix = branch === null ? '' : `の${branch}`
  return {
    id,
    case_id: 1,
    claimant_id: claimantId,
    side: '甲',
    number,
    branch,
    slot,
    slot_name: slot === null ? null : slotNames[slot],
    label: `甲第${number}号証${suffix}`,
    short_label: `甲${number}${suffix}`,
    title,
    original_or_copy: 'copy' as 'original' | 'copy',
    made_on: null as string | null,
    author: '',
    purpose: '',
    note: '',
    created_at: stamp,
    updated_at: stamp,
    current_version: null as ReturnType<typeof exhibitFile> | null,
    ...overrides,
  }
}

/** An exhibit's current file. */
export function exhibitFile(filename: string, version = 1) {
  return {
    version,
    filename,
    content_type: 'application/pdf',
    size: 120_000,
    sha256: 'a'.repeat(64),
    uploaded_at: stamp,
    uploaded_by: 'user:staff',
  }
}

// --- the documents page (docs-render's render jobs) -------------------------------------------------------------

/** The case as claims-api lists it (GET /cases). */
export function caseRecord(id = 1, name = 'シャローム不正アクセス事件') {
  return {
    id,
    name,
    title: '損害賠償等請求事件',
    defendant_name: '株式会社デモシステム',
    defendant_address: '東京都千代田区丸の内一丁目1番1号',
    defendant_representative: '代表取締役 被告 太郎',
    court: '大阪地方裁判所',
    incident_date: '2023-06-05',
    served_on: null,
    case_number: null,
    reputation_amount: 1000000,
    success_fee_rate: '0.10',
    success_fee_consumption_tax: false,
    created_at: stamp,
    updated_at: stamp,
  }
}

/** A proceeding of the case (GET /cases/{id}/proceedings). */
export function proceeding(id: number, kind: 'mediation' | 'lawsuit', name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    case_id: 1,
    kind,
    name,
    court: kind === 'mediation' ? '大阪簡易裁判所' : '大阪地方裁判所',
    case_number: null,
    filed_on: null,
    status: 'preparing',
    member_count: 12,
    ...overrides,
  }
}

/** A render job as docs-render reads it (RenderRead); queued unless overridden. */
export function renderJob(id: number, document: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    document,
    format: 'pdf',
    case_id: 1,
    proceeding_id: null as number | null,
    claimant_id: null as number | null,
    status: 'queued' as 'queued' | 'running' | 'succeeded' | 'failed',
    progress_done: 0,
    progress_total: 0,
    error: null as string | null,
    created_at: stamp,
    started_at: null as string | null,
    finished_at: null as string | null,
    size: null as number | null,
    sha256: null as string | null,
    filename: null as string | null,
    ...overrides,
  }
}

/** A job that finished with its file. */
export function succeededJob(id: number, document: string, overrides: Record<string, unknown> = {}) {
  return renderJob(id, document, {
    status: 'succeeded',
    progress_done: 3,
    progress_total: 3,
    started_at: '2026-11-20T01:30:01Z',
    finished_at: '2026-11-20T01:30:04Z',
    size: 254_976,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    filename: `${DOCUMENT_FILE_NAMES[document] ?? document}.pdf`,
    ...overrides,
  })
}

// The names docs-render gives finished files (per-claimant ones carry the party, e.g. 損害一覧_原告7.pdf).
const DOCUMENT_FILE_NAMES: Record<string, string> = { 'party-list': '当事者目録', complaint: '訴状', 'damage-schedule': '損害一覧' }
