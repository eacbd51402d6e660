import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { campaign, campaignApi } from '../components/campaigns/testApi'
import { renderApp, signIn } from '../test/helpers'

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

  it('offers 新規作成 to writers only', async () => {
    signIn()
    campaignApi({ role: 'viewer', campaigns: [campaign(1)] })
    renderApp('/campaigns')
    await screen.findByRole('table', {}, { timeout: 5000 })
    await waitFor(() => expect(screen.getByText('番号 1')).toBeInTheDocument())
    expect(screen.queryByRole('link', { name: '新規作成' })).not.toBeInTheDocument()
  })
})
