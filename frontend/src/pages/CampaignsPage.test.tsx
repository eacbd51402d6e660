import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { campaign, campaignApi } from '../components/campaigns/testApi'
import { campaignList, campaignListCases, campaignsOfTwoCases, casesApi, holdCase } from '../components/casePicker/testApi'
import { renderApp, signIn } from '../test/helpers'

const LOADED = { timeout: 5000 }
const CASE_1 = 'シャローム不正アクセス事件'
const CASE_2 = 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）'

describe('CampaignsPage', () => {
  it('is in the main menu, in both languages', async () => {
    signIn()
    campaignApi()
    renderApp('/campaigns')
    const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
    expect(within(nav).getByRole('link', { name: '本人通知' })).toHaveAttribute('href', '/campaigns')
    expect(await screen.findByRole('heading', { level: 1, name: '本人通知' }, { timeout: 5000 })).toBeInTheDocument()
    expect(await screen.findByText('まだ本人通知はありません。')).toBeInTheDocument()

    await userEvent.setup().selectOptions(screen.getByLabelText('表示言語'), 'en')
    expect(within(nav).getByRole('link', { name: 'Breach notices' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'New' })).toHaveAttribute('href', '/campaigns/new')
  })

  it('lists the campaigns newest first with their office, status and report deadlines, a page at a time', async () => {
    signIn()
    const many = Array.from({ length: 21 }, (_, i) => campaign(i + 1, { title: `お知らせ ${i + 1}` }))
    many[20] = campaign(21, {
      title: 'お知らせ 21',
      claimant_id: 7,
      status: 'sending',
      launched_at: '2026-11-20T01:40:00Z',
    })
    campaignApi({ campaigns: many })
    const { router } = renderApp('/campaigns')
    const table = await screen.findByRole('table', { name: '本人通知（1〜20件目／全21件、新しい順）' }, { timeout: 5000 })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(21)
    const first = rows[1]
    expect(within(first).getByRole('link', { name: 'お知らせ 21' })).toHaveAttribute('href', '/campaigns/21')
    expect(await within(first).findByRole('link', { name: '堺 三郎社会保険労務士事務所（堺 三郎・番号 7）' })).toBeInTheDocument()
    expect(first).toHaveTextContent('送信中')
    expect(first).toHaveTextContent('2026年11月2日')
    expect(first).toHaveTextContent('2026年11月5日〜2026年11月7日')
    expect(first).toHaveTextContent('2026年12月1日')
    expect(first).toHaveTextContent('2026年11月20日 10:40')
    expect(rows[2]).toHaveTextContent('案件全体')
    expect(rows[2]).toHaveTextContent('下書き')

    await userEvent.setup().click(screen.getByRole('button', { name: '次へ' }))
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'))
    expect(await screen.findByRole('table', { name: '本人通知（21〜21件目／全21件、新しい順）' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'お知らせ 1' })).toBeInTheDocument()
  })

  it('lists the chosen case’s campaigns only, and after a switch the other case’s, never the old list', async () => {
    signIn()
    const notify = holdCase(2, campaignList(campaignsOfTwoCases()))
    const { requests } = casesApi({ handlers: { 'GET /notify/api/v1/campaigns': notify.held } })
    const user = userEvent.setup()
    renderApp('/campaigns')
    const table = await screen.findByRole('table', { name: '本人通知（1〜1件目／全1件、新しい順）' }, LOADED)
    expect(screen.getByText('事件: シャローム不正アクセス事件')).toBeInTheDocument()
    expect(within(table).getByRole('link', { name: 'シャロームの本人通知' })).toHaveAttribute('href', '/campaigns/31')
    expect(screen.queryByText(/クラウド会計の本人通知|事件未設定の本人通知/)).not.toBeInTheDocument()
    expect(campaignListCases(requests)).toEqual(['1'])

    await user.selectOptions(await screen.findByRole('combobox', { name: '事件' }), CASE_2)
    // notify has not answered for case 2 yet: the page waits, without case 1's list
    await waitFor(() => expect(campaignListCases(requests)).toEqual(['1', '2']))
    expect(screen.getByText('事件: クラウド会計情報漏えい事件')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('読み込んでいます…')
    expect(screen.queryByText('シャロームの本人通知')).not.toBeInTheDocument()

    notify.release()
    const after = await screen.findByRole('table', { name: '本人通知（1〜2件目／全2件、新しい順）' })
    expect(within(after).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['/campaigns/33', '/campaigns/32'])
    expect(screen.queryByText(/シャロームの本人通知|事件未設定の本人通知/)).not.toBeInTheDocument()

    // and back: case 1's own list again, not case 2's
    await user.selectOptions(screen.getByRole('combobox', { name: '事件' }), CASE_1)
    const back = await screen.findByRole('table', { name: '本人通知（1〜1件目／全1件、新しい順）' })
    expect(within(back).getByRole('link', { name: 'シャロームの本人通知' })).toBeInTheDocument()
    expect(screen.queryByText(/クラウド会計の本人通知/)).not.toBeInTheDocument()
    expect(campaignListCases(requests).at(-1)).toBe('1')
  })

  it('says so when there is no case, and offers no new campaign', async () => {
    signIn()
    casesApi({ cases: [], campaigns: campaignsOfTwoCases() })
    renderApp('/campaigns')
    expect(await screen.findByText('事件が登録されていません。本人通知を作成するには、先に事件を登録してください。', undefined, LOADED)).toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: '新規作成' })).not.toBeInTheDocument()
  })

  it('offers 新規作成 to writers only', async () => {
    signIn()
    campaignApi({ role: 'viewer', campaigns: [campaign(1)] })
    renderApp('/campaigns')
    await screen.findByRole('table', {}, { timeout: 5000 })
    await waitFor(() => expect(screen.getByText('番号 1')).toBeInTheDocument())
    expect(screen.queryByRole('link', { name: '新規作成' })).not.toBeInTheDocument()
  })
})
