import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { damageItem, exhibit, overtimeLine } from '../../test/fixtures'
import { problem, signIn } from '../../test/helpers'
import { renderPart, whenSignedInUserKnown } from '../claimant/testing'
import { DamageSection } from './DamageSection'
import { computeStandIn, damageApi, standInExhibits } from './testApi'

const staffInputs = { lines: [overtimeLine()] }
const staff = (exhibits = [{ id: 31, label: '甲第3号証の2' }]) =>
  damageItem(1, 7, 'staff_cost', { inputs: staffInputs, ...computeStandIn({ head: 'staff_cost', inputs: staffInputs }), exhibits })

type User = ReturnType<typeof userEvent.setup>

function card(name: RegExp) {
  return screen.getByRole('article', { name })
}

async function openEditor(user: User, head: string, action = '編集') {
  await user.click(await screen.findByRole('button', { name: `${action}（${head}）` }))
  return screen.findByRole('form', { name: action === '編集' ? `${head}を編集` : `${head}を追加` })
}

/** The picker once its list has been read. */
async function pickerOf(editor: HTMLElement, name = '証拠') {
  const picker = within(editor).getByRole('group', { name })
  await waitFor(() => expect(within(picker).queryByText(/^(証拠の一覧を読み込んでいます|Loading the exhibits)/)).not.toBeInTheDocument())
  return picker
}

const legends = (picker: HTMLElement) => within(picker).getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)
const options = (within_: HTMLElement) => within(within_).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).labels?.[0].textContent)

describe('ExhibitPicker', () => {
  it('lists the common exhibits and the claimant’s own, those of the head’s slot first, with their files', async () => {
    signIn()
    const api = damageApi({ items: [staff()] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const picker = await pickerOf(await openEditor(user, '人件費'))
    expect(legends(picker)).toEqual(['この項目の証拠欄（甲＿の2）', '共通証拠', 'この請求者の証拠'])
    expect(options(picker)).toEqual([
      '甲第3号証の2 賃金台帳（2023年6月分）',
      '甲第3号証の7 タイムカード（2023年6月）',
      '甲第1号証の1 ネットde社労夢契約書',
      '甲第1号証の2 社労夢ハウス利用契約書',
      '甲第2号証 被告のお知らせ「個人情報保護委員会への報告について」',
      '甲第3号証の1 利用申込書',
      '甲第3号証の3 オンプレ版の請求書',
    ])
    const slotGroup = within(picker).getByRole('group', { name: 'この項目の証拠欄（甲＿の2）' })
    expect(within(slotGroup).getByRole('checkbox', { name: '甲第3号証の2 賃金台帳（2023年6月分）' })).toBeChecked()
    expect(within(slotGroup).getByRole('checkbox', { name: '甲第3号証の2 賃金台帳（2023年6月分）' })).toHaveAccessibleDescription(
      '写し · ファイル: payroll_2023-06.pdf',
    )
    expect(within(slotGroup).getByRole('checkbox', { name: '甲第3号証の7 タイムカード（2023年6月）' })).not.toBeChecked()
    expect(within(slotGroup).getByRole('checkbox', { name: '甲第3号証の7 タイムカード（2023年6月）' })).toHaveAccessibleDescription('原本 · ファイル未登録')
    expect(within(picker).getByRole('checkbox', { name: /^甲第2号証 / })).toHaveAccessibleDescription('写し · 2023年6月8日 · 被告 · ファイル未登録')
    expect(picker).toHaveAccessibleDescription('この損害を立証する証拠を選びます。損害一覧の証拠欄は甲＿の2です。')
    expect(within(picker).getByText('選択中: 甲第3号証の2')).toBeInTheDocument()
    // seven exhibits: no filter box yet
    expect(within(picker).queryByRole('searchbox')).not.toBeInTheDocument()

    const [list] = api.requests.filter((r) => new URL(r.url).pathname === '/claims-api/api/v1/claimants/7/exhibits')
    expect(new URL(list.url).searchParams.get('include_common')).toBe('true')
  })

  it('sends the ticked exhibits as exhibit_ids on PUT and shows their labels on the card', async () => {
    signIn()
    const api = damageApi({ items: [staff()] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const picker = await pickerOf(editor)
    await user.click(within(picker).getByRole('checkbox', { name: '甲第3号証の7 タイムカード（2023年6月）' }))
    // the keyboard ticks too
    within(picker).getByRole('checkbox', { name: /^甲第1号証の1 / }).focus()
    await user.keyboard(' ')
    expect(within(picker).getByText('選択中: 甲第3号証の2、甲第3号証の7、甲第1号証の1')).toBeInTheDocument()
    await user.click(within(picker).getByRole('checkbox', { name: /^甲第3号証の2 / }))
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('人件費を保存しました（22,500円）。')).toBeInTheDocument()
    const [put] = api.sent('PUT', '/damage-items/1')
    expect(((await put.json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([37, 11])
    expect(within(card(/人件費/)).getByText('証拠').nextElementSibling).toHaveTextContent('甲第1号証の1、甲第3号証の7（損害一覧の証拠欄: 甲＿の2）')
  })

  it('sends the ticked exhibits as exhibit_ids on POST of a new item; a slot with no own exhibit has no group', async () => {
    signIn()
    const api = damageApi({ items: [] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '信用毀損', '追加')
    const picker = await pickerOf(editor)
    expect(picker).toHaveAccessibleDescription('この損害を立証する証拠を選びます。損害一覧の証拠欄は甲＿の5です。')
    expect(legends(picker)).toEqual(['共通証拠', 'この請求者の証拠'])
    expect(within(picker).getByText('選択中: —')).toBeInTheDocument()
    await user.click(within(picker).getByRole('checkbox', { name: /^甲第2号証 / }))
    await user.click(within(editor).getByRole('button', { name: '保存' }))

    expect(await screen.findByText('信用毀損を保存しました（1,000,000円）。')).toBeInTheDocument()
    const [post] = api.sent('POST', '/damage-items')
    expect(((await post.json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([13])
    expect(within(card(/信用毀損/)).getByText('証拠').nextElementSibling).toHaveTextContent('甲第2号証（損害一覧の証拠欄: 甲＿の5）')
  })

  it('gives a viewer the labels only, without reading the exhibit list', async () => {
    signIn()
    const api = damageApi({ role: 'viewer', items: [staff([{ id: 31, label: '甲第3号証の2' }, { id: 11, label: '甲第1号証の1' }])] })
    const { queryClient } = renderPart(<DamageSection claimantId={7} />)

    await screen.findByRole('article', { name: /人件費/ })
    await whenSignedInUserKnown(queryClient)
    expect(within(card(/人件費/)).getByText('証拠').nextElementSibling).toHaveTextContent('甲第3号証の2、甲第1号証の1')
    expect(screen.queryAllByRole('checkbox')).toEqual([])
    expect(screen.queryAllByRole('group')).toEqual([])
    expect(api.requests.filter((r) => new URL(r.url).pathname.endsWith('/exhibits'))).toEqual([])
  })

  it('shows a 422 on exhibit_ids at the picker, names the exhibit by its label, and saves once it is unticked', async () => {
    signIn()
    const moved = exhibit(90, 8, 4, 2, '賃金台帳（他の請求者）')
    const api = damageApi({ items: [staff([{ id: 31, label: '甲第3号証の2' }, { id: 90, label: '甲第4号証の2' }])], othersExhibits: [moved] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const picker = await pickerOf(editor)
    // linked before, but no longer among the exhibits the claimant may cite: shown last, ticked, to be unticked
    const unlisted = within(picker).getByRole('group', { name: '一覧にない証拠（紐付け済み）' })
    expect(options(unlisted)).toEqual(['甲第4号証の2'])
    expect(within(unlisted).getByRole('checkbox', { name: '甲第4号証の2' })).toBeChecked()

    await user.click(within(editor).getByRole('button', { name: '保存' }))
    expect(await within(editor).findByRole('alert')).toHaveTextContent('項目: exhibit_ids — exhibit 90 belongs to another claimant')
    expect(within(picker).getByText('甲第4号証の2: exhibit 90 belongs to another claimant')).toHaveClass('field-error')
    expect(picker).toHaveAccessibleDescription(/^甲第4号証の2: exhibit 90 belongs to another claimant/)
    expect(((await api.sent('PUT', '/damage-items/1')[0].json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([31, 90])

    await user.click(within(unlisted).getByRole('checkbox', { name: '甲第4号証の2' }))
    expect(within(picker).queryByText(/belongs to another claimant/)).not.toBeInTheDocument()
    await user.click(within(editor).getByRole('button', { name: '保存' }))
    expect(await screen.findByText('人件費を保存しました（22,500円）。')).toBeInTheDocument()
    expect(((await api.sent('PUT', '/damage-items/1')[1].json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([31])
  })

  it('says how exhibits are recorded when the claimant has none', async () => {
    signIn()
    const api = damageApi({ items: [], exhibits: [] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '信用毀損', '追加')
    const picker = await pickerOf(editor)
    expect(within(picker).getByText('証拠が登録されていません。証拠は証拠一覧で登録します。')).toBeInTheDocument()
    expect(within(picker).queryAllByRole('checkbox')).toEqual([])
    await user.click(within(editor).getByRole('button', { name: '保存' }))
    expect(await screen.findByText('信用毀損を保存しました（1,000,000円）。')).toBeInTheDocument()
    expect(((await api.sent('POST', '/damage-items')[0].json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([])
  })

  it('filters a long list by number, title or file name; Enter in the filter saves nothing', async () => {
    signIn()
    const common = Array.from({ length: 9 }, (_, i) => exhibit(200 + i, null, 4 + i, null, `共通の書証 ${i + 1}`))
    const api = damageApi({ items: [staff()], exhibits: [...standInExhibits(), ...common] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const picker = await pickerOf(editor)
    const filter = within(picker).getByRole('searchbox', { name: '証拠を絞り込む' })
    expect(within(picker).getAllByRole('checkbox')).toHaveLength(16)

    await user.type(filter, '契約')
    expect(options(picker)).toEqual(['甲第1号証の1 ネットde社労夢契約書', '甲第1号証の2 社労夢ハウス利用契約書'])
    expect(legends(picker)).toEqual(['共通証拠'])
    expect(within(picker).getByRole('status')).toHaveTextContent('16件中2件を表示しています。')
    // what is chosen stays chosen (and listed) while the filter hides it
    expect(within(picker).getByText('選択中: 甲第3号証の2')).toBeInTheDocument()

    await user.clear(filter)
    await user.type(filter, '甲３の７') // full-width digits, the short label
    expect(options(picker)).toEqual(['甲第3号証の7 タイムカード（2023年6月）'])
    await user.clear(filter)
    await user.type(filter, 'payroll')
    expect(options(picker)).toEqual(['甲第3号証の2 賃金台帳（2023年6月分）'])
    await user.type(filter, 'x{Enter}')
    expect(within(picker).getByRole('status')).toHaveTextContent('該当する証拠はありません。')
    expect(within(picker).queryAllByRole('checkbox')).toEqual([])
    expect(api.sent('PUT', '/damage-items/1')).toHaveLength(0)
    expect(screen.getByRole('form', { name: '人件費を編集' })).toBeInTheDocument()

    await user.keyboard('{Escape}')
    expect(filter).toHaveValue('')
    expect(within(picker).getAllByRole('checkbox')).toHaveLength(16)
  })

  it('keeps the linked exhibits when the list cannot be read, and retries on request', async () => {
    signIn()
    let failing = true
    const api = damageApi({
      items: [staff()],
      handlers: {
        'GET /claims-api/api/v1/claimants/7/exhibits': () =>
          failing ? problem(503, 'Service unavailable', 'try again later') : new Response(JSON.stringify(standInExhibits()), { headers: { 'Content-Type': 'application/json' } }),
      },
    })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />)

    const editor = await openEditor(user, '人件費')
    const picker = await pickerOf(editor)
    const alert = await within(picker).findByRole('alert')
    expect(alert).toHaveTextContent('try again later')
    expect(within(picker).getByText('選択中: 甲第3号証の2')).toBeInTheDocument()

    failing = false
    await user.click(within(alert).getByRole('button', { name: '再試行' }))
    expect(await within(picker).findByRole('checkbox', { name: /^甲第3号証の2 / })).toBeChecked()
    await user.click(within(editor).getByRole('button', { name: '保存' }))
    expect(await screen.findByText('人件費を保存しました（22,500円）。')).toBeInTheDocument()
    expect(((await api.sent('PUT', '/damage-items/1')[0].json()) as { exhibit_ids: number[] }).exhibit_ids).toEqual([31])
  })

  it('speaks English when switched', async () => {
    signIn()
    damageApi({ items: [staff()] })
    const user = userEvent.setup()
    renderPart(<DamageSection claimantId={7} />, 'en')

    await user.click(await screen.findByRole('button', { name: /^Edit.*\(Staff cost\)$/ }))
    const editor = await screen.findByRole('form', { name: 'Edit Staff cost' })
    const picker = await pickerOf(editor, 'Exhibits')
    expect(legends(picker)).toEqual(['This item’s slot (Kō _ no 2)', 'Common exhibits', 'This claimant’s exhibits'])
    expect(within(picker).getByRole('checkbox', { name: /^甲第3号証の3 / })).toHaveAccessibleDescription('Copy · No file')
    expect(within(picker).getByText('Chosen: 甲第3号証の2')).toBeInTheDocument()
  })
})
