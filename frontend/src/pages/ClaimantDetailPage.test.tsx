import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { claimant, damageItem, exhibit, exhibitFile, intakeClaimant, overtimeLine, principal, stageChange } from '../test/fixtures'
import { computeStandIn, damageApi } from '../components/damages/testApi'
import { json, me, mockApi, problem, renderApp, signIn } from '../test/helpers'

const items = [
  damageItem(1, 7, 'staff_cost', { amount: 1698, formula: '3時間 × 566円', facts: '残業' }),
  damageItem(2, 7, 'reputation', { amount: 1000000, formula: '1人あたり 1,000,000円', facts: '顧問先の離反' }),
  damageItem(3, 7, 'fee_increase_refund', { amount: 99000, formula: '月額4,500円 × 22か月' }),
]

const history = [stageChange(1, 7, null, 'intake', '2026-11-20T01:30:00Z'), stageChange(2, 7, 'intake', 'engagement_sent', '2026-11-20T01:40:00Z')]

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
      'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history),
    })
    renderApp('/claimants/7')

    expect(await screen.findByRole('heading', { level: 1, name: /堺 三郎/ })).toBeInTheDocument()
    expect(screen.getByText('堺 三郎社会保険労務士事務所')).toBeInTheDocument()
    expect(screen.getAllByText('2026年11月20日 10:30')).toHaveLength(2)

    const damages = await screen.findByRole('region', { name: '損害一覧' })
    const heads = await within(damages).findAllByRole('article')
    expect(heads.map((h) => within(h).getByRole('heading', { level: 3 }).textContent)).toEqual([
      '① 人件費',
      '② オンプレ版費用',
      '③ 利用料差額',
      '④ 信用毀損',
      '⑤ その他実損',
      '値上げ分の不当利得',
    ])
    expect(heads[0]).toHaveTextContent('契約上の損害賠償')
    expect(within(heads[0]).getByText('金額').nextElementSibling).toHaveTextContent('1,698円')
    expect(within(heads[0]).getByText('3時間 × 566円')).toHaveClass('pre')
    expect(within(heads[3]).getByText('金額').nextElementSibling).toHaveTextContent('1,000,000円')
    expect(heads[5]).toHaveTextContent('不当利得')
    expect(within(heads[5]).getByText('金額').nextElementSibling).toHaveTextContent('99,000円')
    expect(within(heads[1]).getByText('登録されていません。')).toBeInTheDocument()
    // a user without claims:write gets no control
    expect(within(damages).queryAllByRole('button')).toEqual([])

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
      'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history),
    })
    renderApp('/claimants/7')

    const intake = await screen.findByRole('region', { name: '受任手続' })
    expect(within(intake).getByText('手続段階').nextElementSibling).toHaveTextContent('委任契約書送付')
    expect(await within(intake).findByRole('table', { name: '手続段階の履歴' })).toHaveTextContent('委任契約書送付')
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

  it('gives a viewer the intake read-only: no control to change anything', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      'GET /claims-api/api/v1/claimants/7': () =>
        json(intakeClaimant(7, '堺 三郎', { duplicates: [{ claimant_id: 12, reasons: ['email'] }] })),
      'GET /claims-api/api/v1/claimants/7/damage-items': () => json(items),
      'GET /claims-api/api/v1/claimants/7/summary': () => json(summary),
      'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history),
    })
    renderApp('/claimants/7')

    const intake = await screen.findByRole('region', { name: '受任手続' })
    await within(intake).findByRole('table', { name: '手続段階の履歴' })
    expect(await screen.findByText('ログイン中: 事務局 佐藤')).toBeInTheDocument() // /auth/me has answered
    expect(within(intake).getByText('委任状')).toBeInTheDocument()
    expect(within(intake).getByRole('link', { name: '番号12（メールアドレスが同じ）' })).toBeInTheDocument()
    for (const role of ['button', 'checkbox', 'textbox', 'combobox'] as const) {
      expect(within(intake).queryAllByRole(role)).toEqual([])
    }
  })

  it('lets staff move the stage; the stage and its history refresh, the damages are not refetched', async () => {
    signIn()
    let current = intakeClaimant(7, '堺 三郎')
    let changes = history
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      'GET /claims-api/api/v1/claimants/7': () => json(current),
      'GET /claims-api/api/v1/claimants/7/damage-items': () => json(items),
      'GET /claims-api/api/v1/claimants/7/summary': () => json(summary),
      'GET /claims-api/api/v1/claimants/7/stage-history': () => json(changes),
      'POST /claims-api/api/v1/claimants/7/stage': async (request) => {
        const body = (await request.json()) as { to_stage: string; note: string | null }
        current = intakeClaimant(7, '堺 三郎', { stage: body.to_stage, stage_label: '損害一覧確認済' })
        changes = [...changes, stageChange(3, 7, 'engagement_sent', body.to_stage, '2026-11-25T05:00:00Z', body.note)]
        return json(current)
      },
    })
    const user = userEvent.setup()
    renderApp('/claimants/7')

    const intake = await screen.findByRole('region', { name: '受任手続' })
    await user.selectOptions(await within(intake).findByRole('combobox', { name: '変更後の段階' }), 'schedule_checked')
    await user.type(within(intake).getByRole('textbox', { name: /メモ/ }), '計算式の根拠を確認し直す')
    await user.click(within(intake).getByRole('button', { name: '段階を変更する' }))

    expect(await within(intake).findByText('手続段階を「損害一覧確認済」に変更しました。')).toBeInTheDocument()
    expect(within(intake).getByText('手続段階').nextElementSibling).toHaveTextContent('損害一覧確認済')
    const table = within(intake).getByRole('table', { name: '手続段階の履歴' })
    const last = within(table).getAllByRole('row').at(-1)!
    expect(last).toHaveTextContent('2026年11月25日 14:00')
    expect(last).toHaveTextContent('委任契約書送付損害一覧確認済user:staff計算式の根拠を確認し直す')
    const gets = (path: string) => requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === `/claims-api/api/v1/claimants/7${path}`)
    expect(gets('')).toHaveLength(2)
    expect(gets('/stage-history')).toHaveLength(2)
    expect(gets('/damage-items')).toHaveLength(1)
    expect(gets('/summary')).toHaveLength(1)
  })

  it('recomputes a damage item on save and refreshes the totals', async () => {
    signIn()
    const inputs = { lines: [overtimeLine()] }
    const staff = damageItem(1, 7, 'staff_cost', { inputs, ...computeStandIn({ head: 'staff_cost', inputs }) })
    const refund = damageItem(2, 7, 'fee_increase_refund', { amount: 99000, formula: '月額4,500円 × 22か月' })
    const api = damageApi({
      role: 'lawyer',
      items: [staff, refund],
      handlers: { 'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history) },
    })
    const user = userEvent.setup()
    renderApp('/claimants/7')

    const totals = await screen.findByRole('table', { name: '請求額' })
    expect(within(totals).getByRole('row', { name: /^合計/ })).toHaveTextContent('121,500円')
    await user.click(await screen.findByRole('button', { name: '編集（人件費）' }))
    const editor = await screen.findByRole('form', { name: '人件費を編集' })
    const hours = within(editor).getByRole('textbox', { name: '時間（残業 1行目）' })
    await user.clear(hours)
    await user.type(hours, '40')
    expect(await within(editor).findByText('計算額: 75,000円')).toBeInTheDocument()
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('人件費を保存しました（75,000円）。')).toBeInTheDocument()
    expect(within(totals).getByRole('row', { name: /契約上の損害賠償 計/ })).toHaveTextContent('75,000円')
    expect(within(totals).getByRole('row', { name: /^合計/ })).toHaveTextContent('174,000円')
    expect(api.sent('PUT', '/damage-items/1')[0].headers.get('If-Match')).toBe('"e1-1"')
    expect(api.sent('GET', '/summary')).toHaveLength(2)
    // the claimant itself did not change: not read again
    expect(api.sent('GET')).toHaveLength(1)
  })
})

describe('ClaimantDetailPage: exhibits and change history', () => {
  function pageApi(role: 'admin' | 'staff' | 'viewer') {
    return mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
      'GET /claims-api/api/v1/claimants/7': () => json(claimant(7, '堺 三郎')),
      'GET /claims-api/api/v1/claimants/7/damage-items': () => json(items),
      'GET /claims-api/api/v1/claimants/7/summary': () => json(summary),
      'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history),
      'GET /claims-api/api/v1/claimants/7/exhibits': () =>
        json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: exhibitFile('kintai.pdf') })]),
      'GET /claims-api/api/v1/claimants/7/history': () =>
        json({
          items: [
            {
              id: 9,
              at: '2026-11-20T01:30:00Z',
              actor: 'user:3',
              action: 'claimant.update',
              entity: 'claimant',
              entity_id: '7',
              detail: { fields: ['email'] },
              subject: null,
            },
          ],
          next_cursor: null,
        }),
    })
  }

  it('shows the claimant’s exhibits by slot, and its change history to an admin', async () => {
    signIn()
    pageApi('admin')
    renderApp('/claimants/7')

    const exhibits = await screen.findByRole('region', { name: '証拠' })
    expect(await within(exhibits).findByRole('region', { name: '甲第12号証の2 勤怠記録' })).toHaveTextContent('kintai.pdf')
    const history = await screen.findByRole('region', { name: '変更履歴' })
    expect(await within(history).findByText('変更した項目: メールアドレス')).toBeInTheDocument()
  })

  it('shows the change history to a viewer too, from the claimant’s own history (not the admins’ audit log)', async () => {
    signIn()
    const { requests } = pageApi('viewer')
    renderApp('/claimants/7')

    const history = await screen.findByRole('region', { name: '変更履歴' })
    expect(await within(history).findByText('変更した項目: メールアドレス')).toBeInTheDocument()
    expect(requests.some((r) => r.url.includes('audit-events'))).toBe(false)
  })
})

describe('ClaimantDetailPage: items claimed from the insurer', () => {
  it('shows the totals the API gives, and what is claimed from the insurer beside them once an item is moved there', async () => {
    signIn()
    const staffInputs = { lines: [overtimeLine()] }
    damageApi({
      role: 'staff',
      items: [
        damageItem(1, 7, 'staff_cost', { inputs: staffInputs, ...computeStandIn({ head: 'staff_cost', inputs: staffInputs }) }),
        damageItem(2, 7, 'reputation', { inputs: { lost_clients: 2 }, amount: 1000000, formula: '1人あたり 1,000,000円' }),
      ],
      handlers: { 'GET /claims-api/api/v1/claimants/7/stage-history': () => json(history) },
    })
    const user = userEvent.setup()
    renderApp('/claimants/7')

    const totals = await screen.findByRole('table', { name: '請求額' })
    await waitFor(() => expect(within(totals).getByRole('row', { name: /^合計/ })).toHaveTextContent('1,022,500円'))
    expect(screen.queryByText(/保険会社に請求:/)).not.toBeInTheDocument()

    await user.click(within(await screen.findByRole('group', { name: '請求先（人件費）' })).getByRole('button', { name: '保険会社' }))
    await waitFor(() => expect(within(totals).getByRole('row', { name: /^合計/ })).toHaveTextContent('1,000,000円'))
    expect(within(totals).getByRole('row', { name: /契約上の損害賠償 計/ })).toHaveTextContent('1,000,000円')
    expect(screen.getByText('保険会社に請求: 22,500円').closest('p')).toHaveTextContent('保険会社に請求: 22,500円（上の合計には含まれません）')
  })
})
