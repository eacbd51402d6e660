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
