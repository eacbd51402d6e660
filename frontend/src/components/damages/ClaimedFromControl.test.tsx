import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { damageItem, overtimeLine } from '../../test/fixtures'
import { signIn } from '../../test/helpers'
import { renderPart, whenSignedInUserKnown } from '../claimant/testing'
import { DamageSection } from './DamageSection'
import { computeStandIn, damageApi } from './testApi'

const staffInputs = { lines: [overtimeLine()] }
const staff = damageItem(1, 7, 'staff_cost', { inputs: staffInputs, ...computeStandIn({ head: 'staff_cost', inputs: staffInputs }) })
const otherInputs = { lines: [{ description: '顧問先へのお詫び状（郵送料）', occurred_on: '2023-06-20', amount: 12000, category: 'apology' }] }
const other = damageItem(4, 7, 'other_loss', { inputs: otherInputs, amount: 12000, formula: '合計 12,000円', claimed_from: 'insurer' })
const settlement = { paid_amount: 10000, paid_on: '2026-10-01', client_id: 'demo-insurer', recorded_at: '2026-10-01T05:00:00Z' }

function card(name: RegExp) {
  return screen.getByRole('article', { name })
}

describe('請求先 of a damage item', () => {
  it('claims an item from the insurer with a PATCH, then shows the badge; and back to the vendor', async () => {
    signIn()
    const api = damageApi({ items: [staff] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const group = await screen.findByRole('group', { name: '請求先（人件費）' })
    const vendor = within(group).getByRole('button', { name: 'ベンダー（本件訴訟）' })
    const insurer = within(group).getByRole('button', { name: '保険会社' })
    expect(vendor).toHaveAttribute('aria-pressed', 'true')
    expect(insurer).toHaveAttribute('aria-pressed', 'false')
    expect(group).toHaveAccessibleDescription('保険会社に請求する損害は、本件訴訟の請求額から除外されます。')
    expect(within(card(/人件費/)).queryByText('保険会社に請求（本件請求から除外）')).not.toBeInTheDocument()

    await user.click(insurer)
    expect(await screen.findByText('人件費の請求先を保険会社にしました（本件請求から除外）。')).toHaveAttribute('role', 'status')
    const [patch] = api.sent('PATCH', '/damage-items/1')
    expect(await patch.json()).toEqual({ claimed_from: 'insurer' })
    expect(within(card(/人件費/)).getByText('保険会社に請求（本件請求から除外）')).toHaveClass('badge')
    expect(within(group).getByRole('button', { name: '保険会社' })).toHaveAttribute('aria-pressed', 'true')
    // the items were read again (the totals come from the API)
    expect(api.sent('GET', '/damage-items')).toHaveLength(2)

    // pressing the chosen one again sends nothing
    await user.click(within(group).getByRole('button', { name: '保険会社' }))
    expect(api.sent('PATCH', '/damage-items/1')).toHaveLength(1)

    await user.click(within(group).getByRole('button', { name: 'ベンダー（本件訴訟）' }))
    expect(await screen.findByText('人件費の請求先をベンダー（本件訴訟）に戻しました。')).toBeInTheDocument()
    expect(await api.sent('PATCH', '/damage-items/1')[1].json()).toEqual({ claimed_from: 'vendor' })
    expect(within(card(/人件費/)).queryByText('保険会社に請求（本件請求から除外）')).not.toBeInTheDocument()
  })

  it('disables the control of an item the insurer has paid, and says why', async () => {
    signIn()
    const api = damageApi({ items: [staff, { ...other, settlement }] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const group = await screen.findByRole('group', { name: '請求先（その他実損）' })
    const otherCard = card(/その他実損/)
    expect(within(otherCard).getByText('保険会社に請求（本件請求から除外）')).toBeInTheDocument()
    expect(within(otherCard).getByText('保険会社支払済 10,000円（2026年10月1日）・代位求償')).toHaveClass('badge', 'settled')
    for (const name of ['ベンダー（本件訴訟）', '保険会社']) expect(within(group).getByRole('button', { name })).toBeDisabled()
    expect(group).toHaveAccessibleDescription('保険会社が支払済みで、この損害は保険会社が代位求償します。請求先は変更できません。')
    await user.click(within(group).getByRole('button', { name: 'ベンダー（本件訴訟）' }))
    expect(api.sent('PATCH', '/damage-items/4')).toHaveLength(0)
    // the other items keep their control
    expect(within(screen.getByRole('group', { name: '請求先（人件費）' })).getByRole('button', { name: '保険会社' })).toBeEnabled()
  })

  it('shows the 409 of an item paid meanwhile with its detail, then the item as paid', async () => {
    signIn()
    const api = damageApi({ items: [other] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const group = await screen.findByRole('group', { name: '請求先（その他実損）' })
    // the insurer records its payment while the page is open
    api.state.items = api.state.items.map((i) => ({ ...i, settlement }))
    await user.click(within(group).getByRole('button', { name: 'ベンダー（本件訴訟）' }))

    const alert = await within(card(/その他実損/)).findByRole('alert')
    expect(alert).toHaveTextContent('Conflict')
    expect(alert).toHaveTextContent('the insurer paid this item on 2026-10-01 and holds the claim by subrogation; it cannot be claimed from the vendor again')
    await waitFor(() => expect(within(group).getByRole('button', { name: '保険会社' })).toBeDisabled())
    expect(within(card(/その他実損/)).getByText('保険会社支払済 10,000円（2026年10月1日）・代位求償')).toBeInTheDocument()
  })

  it('gives a viewer the badge without the control', async () => {
    signIn()
    damageApi({ role: 'viewer', items: [other] })
    const { queryClient } = renderPart(<DamageSection claimantId={7} />)

    expect(await screen.findByText('保険会社に請求（本件請求から除外）')).toBeInTheDocument()
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('group', { name: /請求先/ })).not.toBeInTheDocument()
  })
})

describe('the task of a staff cost line and the category of an other loss', () => {
  it('offers them as optional selects and sends only what is chosen', async () => {
    signIn()
    const api = damageApi({ items: [staff, other] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '編集（人件費）' }))
    const editor = await screen.findByRole('form', { name: '人件費を編集' })
    const task = within(editor).getByRole('combobox', { name: '作業の区分（残業 1行目）' })
    expect(task).toHaveValue('')
    expect(within(task).getAllByRole('option').map((o) => o.textContent)).toEqual(['未選択', '事故対応', '代替業務（手作業の給与計算など）'])
    await user.selectOptions(task, '代替業務（手作業の給与計算など）')
    await user.click(within(editor).getByRole('button', { name: '外注の行を追加' }))
    expect(within(editor).getByRole('combobox', { name: '作業の区分（外注 1行目）' })).toHaveValue('')
    await user.click(within(editor).getByRole('button', { name: '削除（外注 1行目）' }))
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText(/人件費を保存しました/)).toBeInTheDocument()
    const put = (await api.sent('PUT', '/damage-items/1')[0].json()) as { inputs: { lines: unknown[] } }
    expect(put.inputs.lines).toEqual([{ ...overtimeLine(), task: 'substitute_work' }])

    await user.click(screen.getByRole('button', { name: '編集（その他実損）' }))
    const otherEditor = await screen.findByRole('form', { name: 'その他実損を編集' })
    const category = within(otherEditor).getByRole('combobox', { name: '区分（1行目）' })
    expect(category).toHaveValue('apology')
    expect(within(category).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '未選択',
      '漏えい通知',
      'お詫び状',
      'コールセンター',
      '当局への報告',
      '顧問先への賠償',
      '他システムへの移行',
      '解約損害',
      'その他',
    ])
    await user.selectOptions(category, '未選択')
    await user.click(within(otherEditor).getByRole('button', { name: '保存' }))
    expect(await screen.findByText(/その他実損を保存しました/)).toBeInTheDocument()
    const saved = (await api.sent('PUT', '/damage-items/4')[0].json()) as { inputs: { lines: unknown[] } }
    expect(saved.inputs.lines).toEqual([{ description: '顧問先へのお詫び状（郵送料）', occurred_on: '2023-06-20', amount: 12000 }])
  })
})
