import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { claimant } from '../test/fixtures'
import { json, me, mockApi, problem, renderApp, signIn } from '../test/helpers'

const items = [
  { head: 'staff_cost', head_label: '人件費', legal_basis: 'contract', amount: 1698, formula: '3時間 × 566円', facts: '残業' },
  { head: 'reputation', head_label: '信用毀損', legal_basis: 'contract', amount: 1000000, formula: null, facts: '顧問先の離反' },
  { head: 'fee_increase_refund', head_label: '値上げ分の不当利得', legal_basis: 'unjust_enrichment', amount: 99000, formula: '月額4,500円 × 22か月', facts: null },
].map((x, i) => ({ id: i + 1, claimant_id: 7, exhibit_slot: 2, created_at: '2026-11-20T01:30:00Z', updated_at: '2026-11-20T01:30:00Z', ...x }))

const summary = {
  claimant_id: 7,
  heads: [],
  contract_total: 1001698,
  unjust_enrichment_total: 99000,
  total: 1100698,
}

describe('ClaimantDetailPage', () => {
  it('shows the profile, the damage items and the totals, in yen', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': me,
      'GET /claims-api/api/v1/claimants/7': () => json(claimant(7, '堺 三郎', { name_kana: 'サカイ サブロウ' })),
      'GET /claims-api/api/v1/claimants/7/damage-items': () => json(items),
      'GET /claims-api/api/v1/claimants/7/summary': () => json(summary),
    })
    renderApp('/claimants/7')

    expect(await screen.findByRole('heading', { level: 1, name: /堺 三郎/ })).toBeInTheDocument()
    expect(screen.getByText('堺 三郎社会保険労務士事務所')).toBeInTheDocument()
    expect(screen.getAllByText('2026年11月20日 10:30')).toHaveLength(2)

    const damages = await screen.findByRole('table', { name: '損害項目' })
    const headers = within(damages).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['費目', '法的根拠', '金額', '計算式', '事実'])
    const rows = within(damages).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('人件費')
    expect(rows[0]).toHaveTextContent('契約上の損害賠償')
    expect(rows[0]).toHaveTextContent('1,698円')
    expect(rows[1]).toHaveTextContent('1,000,000円')
    expect(rows[2]).toHaveTextContent('値上げ分の不当利得')
    expect(rows[2]).toHaveTextContent('不当利得')
    expect(rows[2]).toHaveTextContent('99,000円')

    const totals = await screen.findByRole('table', { name: '請求額' })
    expect(within(totals).getByRole('row', { name: /契約上の損害賠償 計/ })).toHaveTextContent('1,001,698円')
    expect(within(totals).getByRole('row', { name: /不当利得 計/ })).toHaveTextContent('99,000円')
    expect(within(totals).getByRole('row', { name: /^合計/ })).toHaveTextContent('1,100,698円')
  })

  it('shows the intake stage, what is still missing, open deficiencies and possible duplicates', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': me,
      'GET /claims-api/api/v1/claimants/7': () =>
        json(claimant(7, '堺 三郎', { duplicates: [{ claimant_id: 12, reasons: ['registration_no', 'email'] }] })),
      'GET /claims-api/api/v1/claimants/7/damage-items': () => json(items),
      'GET /claims-api/api/v1/claimants/7/summary': () => json(summary),
    })
    renderApp('/claimants/7')

    const intake = await screen.findByRole('region', { name: '受任手続' })
    expect(within(intake).getByText('委任契約書送付')).toBeInTheDocument()
    expect(within(intake).getByText('署名済み訴訟委任契約書')).toBeInTheDocument()
    expect(within(intake).getByText('委任状')).toBeInTheDocument()
    expect(within(intake).getByText(/人件費の計算式に時給の根拠がない（補正期限 2027年1月29日）/)).toBeInTheDocument()
    const duplicate = within(intake).getByRole('link', { name: '番号12（登録番号が同じ・メールアドレスが同じ）' })
    expect(duplicate).toHaveAttribute('href', '/claimants/12')
    expect(screen.getByText('ネットde社労夢契約')).toBeInTheDocument()
    expect(screen.getByText(/フルプラン（デモ損害保険株式会社）/)).toBeInTheDocument()
  })

  it('shows the 404 problem for an unknown claimant', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': me,
      'GET /claims-api/api/v1/claimants/999': () => problem(404, 'Not found', 'claimant 999 does not exist'),
      'GET /claims-api/api/v1/claimants/999/damage-items': () => problem(404, 'Not found', 'claimant 999 does not exist'),
      'GET /claims-api/api/v1/claimants/999/summary': () => problem(404, 'Not found', 'claimant 999 does not exist'),
    })
    renderApp('/claimants/999')
    expect(await screen.findByRole('alert')).toHaveTextContent('claimant 999 does not exist')
  })
})
