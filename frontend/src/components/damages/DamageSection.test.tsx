import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { damageItem, overtimeLine } from '../../test/fixtures'
import { problem, signIn } from '../../test/helpers'
import { renderPart, whenSignedInUserKnown } from '../claimant/testing'
import { DamageSection } from './DamageSection'
import { computeStandIn, damageApi } from './testApi'

const staffInputs = { lines: [overtimeLine()] }
const staff = damageItem(1, 7, 'staff_cost', {
  inputs: staffInputs,
  ...computeStandIn({ head: 'staff_cost', inputs: staffInputs }),
  declared_amount: 23500,
  facts: '6月5日から30日まで給与計算を手作業で行った',
  exhibits: [{ id: 31, label: '甲第3号証の2' }],
})
const reputation = damageItem(2, 7, 'reputation', { inputs: { lost_clients: 2 }, amount: 1000000, formula: '1人あたり 1,000,000円\n契約を解除された顧問先 2件', declared_amount: 1000000 })

function card(name: RegExp | string) {
  return screen.getByRole('article', { name })
}

function previewOf(editor: HTMLElement) {
  return within(editor).getByRole('region', { name: '計算結果（保存前の確認）' })
}

async function openEditor(user: ReturnType<typeof userEvent.setup>, head: string, action = '編集') {
  await user.click(await screen.findByRole('button', { name: `${action}（${head}）` }))
  return screen.findByRole('form', { name: action === '編集' ? `${head}を編集` : `${head}を追加` })
}

describe('DamageSection', () => {
  it('shows every head in the schedule order: amount, formula, the office’s figure and the difference, facts and exhibits', async () => {
    signIn()
    damageApi({ role: 'staff', items: [reputation, staff] })
    renderPart(<DamageSection claimantId={7} />)

    await screen.findByRole('article', { name: /人件費/ })
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)
    expect(headings).toEqual(['① 人件費', '② オンプレ版費用', '③ 利用料差額', '④ 信用毀損', '⑤ その他実損', '値上げ分の不当利得'])

    const staffCard = card(/人件費/)
    expect(within(staffCard).getByText('金額').nextElementSibling).toHaveTextContent('22,500円')
    const formula = within(staffCard).getByText(/事務員 甲: 12時間/)
    expect(formula).toHaveClass('pre')
    expect(formula.textContent).toBe('事務員 甲: 12時間 × 時給1,500円 × 割増率1.25 = 22,500円\n合計 22,500円（各行の円未満切捨て）')
    expect(within(staffCard).getByText('事務所の申告額').nextElementSibling).toHaveTextContent('23,500円')
    expect(within(staffCard).getByText('申告額との差').nextElementSibling).toHaveTextContent('−1,000円（申告額が計算額より多い）')
    expect(within(staffCard).getByText('−1,000円（申告額が計算額より多い）')).toHaveClass('differs')
    expect(within(staffCard).getByText('証拠').nextElementSibling).toHaveTextContent('甲第3号証の2（損害一覧の証拠欄: 甲＿の2）')
    expect(within(card(/信用毀損/)).getByText('申告額との差').nextElementSibling).toHaveTextContent('一致')
    expect(within(card(/オンプレ版費用/)).getByText('登録されていません。')).toBeInTheDocument()
    expect(within(card(/オンプレ版費用/)).getByRole('button', { name: '追加（オンプレ版費用）' })).toBeInTheDocument()
  })

  it('gives a viewer the schedule without any control', async () => {
    signIn()
    damageApi({ role: 'viewer', items: [staff, reputation] })
    const { queryClient } = renderPart(<DamageSection claimantId={7} />)

    await screen.findByRole('article', { name: /人件費/ })
    await whenSignedInUserKnown(queryClient)
    expect(within(card(/人件費/)).getByText('金額').nextElementSibling).toHaveTextContent('22,500円')
    for (const role of ['button', 'textbox', 'checkbox', 'form'] as const) {
      expect(screen.queryAllByRole(role)).toEqual([])
    }
  })

  it('recomputes the amount and the formula as the hours are edited', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const hours = within(editor).getByRole('textbox', { name: '時間（残業 1行目）' })
    expect(hours).toHaveValue('12')
    expect(within(editor).getByRole('textbox', { name: '時給（円）（残業 1行目）' })).toHaveValue('1500')
    expect(within(editor).getByRole('checkbox', { name: '管理監督者（残業 1行目）' })).not.toBeChecked()
    expect(within(editor).getByLabelText('開始日（残業 1行目）')).toHaveValue('2023-06-05')
    expect(await within(previewOf(editor)).findByText('計算額: 22,500円')).toBeInTheDocument()

    await user.clear(hours)
    await user.type(hours, '20.5')

    const preview = previewOf(editor)
    expect(await within(preview).findByText('計算額: 38,437円')).toHaveAttribute('role', 'status')
    expect(within(preview).getByText(/事務員 甲: 20.5時間/).textContent).toBe(
      '事務員 甲: 20.5時間 × 時給1,500円 × 割増率1.25 = 38,437円\n合計 38,437円（各行の円未満切捨て）',
    )
    expect(within(preview).getByText('申告額との差').nextElementSibling).toHaveTextContent('+14,937円（計算額が申告額より多い）')
    // the requests waited for the typing to pause: not one per keystroke, and the last had the hours as typed
    const previews = api.sent('POST', '/damage-items/preview')
    expect(previews.length).toBeLessThanOrEqual(3)
    const last = (await previews.at(-1)!.json()) as { head: string; inputs: { lines: { hours: string }[] }; declared_amount: number }
    expect(last.head).toBe('staff_cost')
    expect(last.inputs.lines[0].hours).toBe('20.5')
    expect(last.declared_amount).toBe(23500)
    // nothing saved yet
    expect(api.sent('PUT', '/damage-items/1')).toHaveLength(0)
  })

  it('saves with PUT and If-Match, closes the editor and shows the saved amount', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const hours = within(editor).getByRole('textbox', { name: '時間（残業 1行目）' })
    await user.clear(hours)
    await user.type(hours, '20')
    await user.type(within(editor).getByRole('textbox', { name: '本件事故を原因とする人件費であることを証する事実' }), '。タイムカードあり')
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('人件費を保存しました（37,500円）。')).toHaveAttribute('role', 'status')
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(within(card(/人件費/)).getByText('金額').nextElementSibling).toHaveTextContent('37,500円')
    expect(screen.getByRole('heading', { name: '人件費' })).toHaveFocus()

    const [put] = api.sent('PUT', '/damage-items/1')
    expect(put.headers.get('If-Match')).toBe('"e1-1"')
    expect(await put.json()).toEqual({
      head: 'staff_cost',
      inputs: { lines: [{ ...overtimeLine(), hours: '20' }] },
      declared_amount: 23500,
      facts: '6月5日から30日まで給与計算を手作業で行った。タイムカードあり',
      exhibit_ids: [31],
    })
    // the list and the summary were read again
    expect(api.sent('GET', '/damage-items')).toHaveLength(2)
  })

  it('shows the reason of a 422 from the preview at the input it names', async () => {
    signIn()
    damageApi({
      items: [staff],
      previewProblem: (body) => {
        const rate = Number((body.inputs.lines as { hourly_rate: number }[])[0].hourly_rate)
        return rate > 50000
          ? problem(422, 'Invalid input', 'inputs.lines.0.hourly_rate: Input should be less than or equal to 50000', {
              errors: [{ field: 'inputs.lines.0.hourly_rate', reason: 'Input should be less than or equal to 50000' }],
            })
          : null
      },
    })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const rate = within(editor).getByRole('textbox', { name: '時給（円）（残業 1行目）' })
    await user.clear(rate)
    await user.type(rate, '１５０,０００') // full-width digits and a separator are read as 150000

    await waitFor(() => expect(rate).toHaveAttribute('aria-invalid', 'true'))
    expect(rate).toHaveAccessibleDescription('Input should be less than or equal to 50000')
    expect(within(previewOf(editor)).getByRole('status')).toHaveTextContent('入力に誤りがあります（1件）。各欄の表示を確認してください。')
    // no alert for a problem found while typing
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    await user.clear(rate)
    await user.type(rate, '1600')
    await waitFor(() => expect(rate).not.toHaveAttribute('aria-invalid'))
    expect(await within(previewOf(editor)).findByText('計算額: 24,000円')).toBeInTheDocument()
  })

  it('shows the reason of a 422 from the save at the input and in the alert', async () => {
    signIn()
    const api = damageApi({
      items: [staff],
      handlers: {
        'PUT /claims-api/api/v1/claimants/7/damage-items/1': () =>
          problem(422, 'Invalid input', 'inputs.lines.0.date_from: 2023-06-01 is before the incident on 2023-06-05', {
            type: 'validation-error',
            errors: [{ field: 'inputs.lines.0.date_from', reason: '2023-06-01 is before the incident on 2023-06-05' }],
            request_id: 'req-7',
          }),
      },
    })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const from = within(editor).getByLabelText('開始日（残業 1行目）')
    fireEvent.change(from, { target: { value: '2023-06-01' } })
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    const alert = await within(editor).findByRole('alert')
    expect(alert).toHaveTextContent('Invalid input')
    expect(alert).toHaveTextContent('項目: inputs.lines.0.date_from — 2023-06-01 is before the incident on 2023-06-05')
    expect(alert).toHaveTextContent('問い合わせ番号: req-7')
    expect(from).toHaveAttribute('aria-invalid', 'true')
    expect(from).toHaveAccessibleDescription('2023-06-01 is before the incident on 2023-06-05')
    // the editor stays open with what was typed
    expect(from).toHaveValue('2023-06-01')
    expect(api.sent('PUT', '/damage-items/1')).toHaveLength(1)
  })

  it('adds an overtime line and an outsourcing line; the preview sums them', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    await user.click(within(editor).getByRole('button', { name: '残業の行を追加' }))
    const person = within(editor).getByRole('textbox', { name: '従業員（残業 2行目）' })
    expect(person).toHaveFocus()
    expect(within(editor).getByRole('textbox', { name: '割増率（残業 2行目）' })).toHaveValue('1.25')
    expect(within(previewOf(editor)).getByRole('status')).toHaveTextContent('必須の項目をすべて入力すると、金額と計算式を表示します。')
    await user.type(person, '事務員 乙')
    fireEvent.change(within(editor).getByLabelText('開始日（残業 2行目）'), { target: { value: '2023-06-05' } })
    fireEvent.change(within(editor).getByLabelText('終了日（残業 2行目）'), { target: { value: '2023-06-09' } })
    await user.type(within(editor).getByRole('textbox', { name: '時間（残業 2行目）' }), '8')
    await user.type(within(editor).getByRole('textbox', { name: '時給（円）（残業 2行目）' }), '1200')

    await user.click(within(editor).getByRole('button', { name: '外注の行を追加' }))
    await user.type(within(editor).getByRole('textbox', { name: '委託先（外注 1行目）' }), '株式会社データ入力')
    fireEvent.change(within(editor).getByLabelText('請求日（外注 1行目）'), { target: { value: '2023-07-10' } })
    await user.type(within(editor).getByRole('textbox', { name: '金額（円）（外注 1行目）' }), '55,000')

    const preview = previewOf(editor)
    expect(await within(preview).findByText('計算額: 89,500円')).toBeInTheDocument()
    expect(within(preview).getByText(/合計 89,500円/).textContent).toContain('事務員 乙: 8時間 × 時給1,200円 × 割増率1.25 = 12,000円\n外注費 株式会社データ入力: 55,000円')
    const last = (await api.sent('POST', '/damage-items/preview').at(-1)!.json()) as { inputs: { lines: unknown[] } }
    expect(last.inputs.lines).toEqual([
      overtimeLine(),
      { kind: 'overtime', person: '事務員 乙', manager: false, date_from: '2023-06-05', date_to: '2023-06-09', hours: '8', hourly_rate: 1200, premium_rate: '1.25', note: '' },
      { kind: 'outsourcing', vendor: '株式会社データ入力', description: '', invoiced_on: '2023-07-10', amount: 55000 },
    ])

    // removing a line takes it out of the computation
    await user.click(within(editor).getByRole('button', { name: '削除（残業 2行目）' }))
    expect(within(editor).queryByRole('textbox', { name: '従業員（残業 2行目）' })).not.toBeInTheDocument()
    expect(await within(preview).findByText('計算額: 77,500円')).toBeInTheDocument()
  })

  it('on 412 says someone else changed the item first and reloads it on request', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    // another user saves 30 hours meanwhile
    api.changeElsewhere(1, { head: 'staff_cost', inputs: { lines: [overtimeLine({ hours: '30' })] }, declared_amount: 23500 })
    const hours = within(editor).getByRole('textbox', { name: '時間（残業 1行目）' })
    await user.clear(hours)
    await user.type(hours, '20')
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    const alert = await within(editor).findByRole('alert')
    expect(alert).toHaveTextContent('この項目は他の利用者が先に更新しました。今回の変更は反映されていません。')
    expect(api.sent('PUT', '/damage-items/1')[0].headers.get('If-Match')).toBe('"e1-1"')
    // what was typed is still there until the user reloads
    expect(hours).toHaveValue('20')

    await user.click(within(alert).getByRole('button', { name: '最新の内容を読み込む' }))
    const latest = await screen.findByText('最新の内容を読み込みました。')
    const form = latest.closest('form')!
    expect(form).toHaveAccessibleName('人件費を編集')
    const reloaded = within(form).getByRole('textbox', { name: '時間（残業 1行目）' })
    expect(reloaded).toHaveValue('30')
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument()

    await user.clear(reloaded)
    await user.type(reloaded, '25')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    expect(await screen.findByText('人件費を保存しました（46,875円）。')).toBeInTheDocument()
    expect(api.sent('PUT', '/damage-items/1')[1].headers.get('If-Match')).toBe('"e1-2"')
  })

  it('creates a fee difference: the incident and the claimant’s usable day followed by default, June 2023 unbilled, posted with an Idempotency-Key', async () => {
    signIn()
    const api = damageApi({ items: [] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    await screen.findByText('損害項目は登録されていません。')
    const editor = await openEditor(user, '利用料差額', '追加')
    expect(within(editor).getByRole('heading', { name: '利用料差額を追加' })).toHaveFocus()
    const from = within(editor).getByRole('group', { name: '利用できなくなった日' })
    expect(await within(from).findByRole('checkbox', { name: '本件事故の日（2023年6月5日）' })).toBeChecked()
    const usable = within(editor).getByRole('group', { name: '利用可能になった日' })
    expect(within(usable).getByRole('checkbox', { name: '基本情報の利用可能になった日（2023年7月3日）' })).toBeChecked()
    expect(within(editor).queryByLabelText(/^利用可能になった日/, { selector: 'input[type=date]' })).not.toBeInTheDocument()
    expect(within(editor).getByRole('textbox', { name: '未請求期間' })).toHaveValue('2023-06')
    expect(within(editor).queryByRole('button', { name: '削除' })).not.toBeInTheDocument()

    await user.type(within(editor).getByRole('textbox', { name: '月額利用料（必須）' }), '33,000')
    await user.type(within(editor).getByRole('textbox', { name: '事務所の申告額' }), '2000')
    expect(await within(previewOf(editor)).findByText('計算額: 2,129円')).toBeInTheDocument()
    const first = (await api.sent('POST', '/damage-items/preview').at(-1)!.json()) as { inputs: Record<string, unknown> }
    expect(first.inputs).toEqual({ monthly_fee: 33000, unusable_from: null, usable_on: null, unbilled_months: ['2023-06'] })

    // the office's own day: untick, and the date input starts from the claimant's
    await user.click(within(usable).getByRole('checkbox'))
    const day = within(usable).getByLabelText('利用可能になった日（必須）')
    expect(day).toHaveValue('2023-07-03')
    fireEvent.change(day, { target: { value: '2023-07-20' } })
    await user.clear(within(editor).getByRole('textbox', { name: '未請求期間' }))
    await user.type(within(editor).getByRole('textbox', { name: '未請求期間' }), '2023/6、2023-7')
    await waitFor(async () => {
      const last = (await api.sent('POST', '/damage-items/preview').at(-1)!.clone().json()) as { inputs: Record<string, unknown> }
      expect(last.inputs.unbilled_months).toEqual(['2023-06', '2023-07'])
    })
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('利用料差額を保存しました（2,129円）。')).toBeInTheDocument()
    const [post] = api.sent('POST', '/damage-items')
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(await post.json()).toEqual({
      head: 'fee_difference',
      inputs: { monthly_fee: 33000, unusable_from: null, usable_on: '2023-07-20', unbilled_months: ['2023-06', '2023-07'] },
      declared_amount: 2000,
      facts: '',
      exhibit_ids: [],
    })
    const feeCard = card(/利用料差額/)
    expect(within(feeCard).getByText('金額').nextElementSibling).toHaveTextContent('2,129円')
    expect(within(feeCard).getByText('利用可能になった日').nextElementSibling).toHaveTextContent('2023年7月20日')
    expect(within(feeCard).getByText('未請求期間').nextElementSibling).toHaveTextContent('2023年6月、2023年7月')
    expect(within(feeCard).getByText('申告額との差').nextElementSibling).toHaveTextContent('+129円（計算額が申告額より多い）')
  })

  it('shows a fee difference that follows the claimant’s usable day as that day', async () => {
    signIn()
    const inputs = { monthly_fee: 17550, unusable_from: null, usable_on: null, unbilled_months: ['2023-06'] }
    damageApi({ role: 'viewer', items: [damageItem(5, 7, 'fee_difference', { inputs, ...computeStandIn({ head: 'fee_difference', inputs }) })] })
    renderPart(<DamageSection claimantId={7} />)

    const feeCard = await screen.findByRole('article', { name: /利用料差額/ })
    await waitFor(() => expect(within(feeCard).getByText('利用可能になった日').nextElementSibling).toHaveTextContent('2023年7月3日（基本情報の利用可能になった日）'))
  })

  it('creates a staff cost item with its overtime line as typed', async () => {
    signIn()
    const api = damageApi({ items: [] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費', '追加')
    await user.type(within(editor).getByRole('textbox', { name: '従業員（残業 1行目）' }), '事務員 甲')
    await user.click(within(editor).getByRole('checkbox', { name: '管理監督者（残業 1行目）' }))
    fireEvent.change(within(editor).getByLabelText('開始日（残業 1行目）'), { target: { value: '2023-06-05' } })
    fireEvent.change(within(editor).getByLabelText('終了日（残業 1行目）'), { target: { value: '2023-06-30' } })
    await user.type(within(editor).getByRole('textbox', { name: '時間（残業 1行目）' }), '12')
    await user.type(within(editor).getByRole('textbox', { name: '時給（円）（残業 1行目）' }), '1500')
    await user.type(within(editor).getByRole('textbox', { name: '備考（残業 1行目）' }), '給与計算')
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('人件費を保存しました（22,500円）。')).toBeInTheDocument()
    expect(await api.sent('POST', '/damage-items')[0].json()).toEqual({
      head: 'staff_cost',
      inputs: { lines: [overtimeLine({ manager: true, note: '給与計算' })] },
      declared_amount: null,
      facts: '',
      exhibit_ids: [],
    })
  })

  it('on 409 (another user added the head meanwhile) shows the problem and the item now there', async () => {
    signIn()
    const api = damageApi({ items: [] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '信用毀損', '追加')
    api.state.items.push(reputation)
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await within(editor).findByRole('alert')).toHaveTextContent('the claimant already has a reputation item')
    // the item the other user saved is shown under the editor
    await waitFor(() => expect(card(/信用毀損/).querySelector('dl.damage-item')).toHaveTextContent('金額1,000,000円'))
    expect(api.sent('GET', '/damage-items')).toHaveLength(2)
  })

  it('deletes an item after confirmation, with If-Match', async () => {
    signIn()
    const api = damageApi({ items: [staff, reputation] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '信用毀損')
    expect(within(editor).getByRole('textbox', { name: '契約を解除された顧問先の数' })).toHaveValue('2')
    await user.click(within(editor).getByRole('button', { name: '削除' }))
    const confirm = within(editor).getByRole('group', { name: '信用毀損の項目を削除します。元に戻せません。よろしいですか？' })
    expect(within(confirm).getByRole('button', { name: 'やめる' })).toBeInTheDocument()
    expect(within(confirm).getByRole('button', { name: '削除する' })).toHaveFocus()
    expect(api.sent('DELETE', '/damage-items/2')).toHaveLength(0)
    await user.keyboard('{Enter}')

    expect(await screen.findByText('信用毀損の項目を削除しました。')).toBeInTheDocument()
    expect(api.sent('DELETE', '/damage-items/2')[0].headers.get('If-Match')).toBe('"e2-1"')
    expect(within(card(/信用毀損/)).getByText('登録されていません。')).toBeInTheDocument()
    expect(within(card(/信用毀損/)).getByRole('button', { name: '追加（信用毀損）' })).toBeInTheDocument()
  })

  it('cancels without saving and puts the keyboard back on the head', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    await user.type(within(editor).getByRole('textbox', { name: '時間（残業 1行目）' }), '0')
    await user.click(within(editor).getByRole('button', { name: 'キャンセル' }))
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '人件費' })).toHaveFocus()
    expect(within(card(/人件費/)).getByText('金額').nextElementSibling).toHaveTextContent('22,500円')
    expect(api.sent('PUT', '/damage-items/1')).toHaveLength(0)
  })

  it('speaks English when switched', async () => {
    signIn()
    damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />, 'en')

    await user.click(await screen.findByRole('button', { name: /^Edit.*\(Staff cost\)$/ }))
    const editor = await screen.findByRole('form', { name: 'Edit Staff cost' })
    expect(within(editor).getByRole('textbox', { name: 'Hours (overtime line 1)' })).toHaveValue('12')
    expect(within(editor).getByRole('button', { name: 'Add an overtime line' })).toBeInTheDocument()
    expect(await within(editor).findByText('Amount: 22,500円')).toBeInTheDocument()
  })
})
