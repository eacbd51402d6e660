import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { campaignList, campaignListCases, campaignsOfTwoCases, casesApi, holdCase } from '../components/casePicker/testApi'
import { dashboard, dashboardApi } from '../components/dashboard/testApi'
import { problem, renderApp, signIn } from '../test/helpers'

/** The rows of a table's body (or foot), each cell's text. */
function rowTexts(table: HTMLElement, part: 'tbody' | 'tfoot' = 'tbody'): string[][] {
  return [...table.querySelectorAll(`${part} tr`)].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''))
}

function agendaItems(): HTMLElement[] {
  return within(screen.getByRole('list', { name: '今後の期日と報告期限（日付の順）' })).getAllByRole('listitem')
}

/** The campaigns whose report deadlines the agenda shows (their links), each once. */
function agendaCampaigns(): string[] {
  const links = within(screen.getByRole('list', { name: '今後の期日と報告期限（日付の順）' })).getAllByRole('link')
  const hrefs = links.map((a) => a.getAttribute('href') ?? '').filter((href) => href.startsWith('/campaigns/'))
  return [...new Set(hrefs)].sort()
}

describe('DashboardPage', () => {
  it('is the index route and the first link of the menu', async () => {
    signIn()
    dashboardApi()
    const { router } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' })
    expect(router.state.location.pathname).toBe('/dashboard')
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' })
    const links = within(nav).getAllByRole('link')
    expect(links[0]).toHaveTextContent('ダッシュボード')
    expect(links[0]).toHaveAttribute('href', '/dashboard')
    expect(links[0]).toHaveAttribute('aria-current', 'page')
    expect(screen.getByRole('link', { name: '弁護団 請求管理' })).toHaveAttribute('href', '/dashboard')
  })

  it('shows claimants by stage overall and per proceeding, with a chart and links into the claimant list', async () => {
    signIn()
    const { requests } = dashboardApi()
    renderApp('/dashboard')
    const table = await screen.findByRole('table', { name: /^手続段階別の原告数（全体・手続ごと）/ })
    expect(screen.getByText('事件: シャローム不正アクセス事件（2026年12月1日現在）')).toBeInTheDocument()
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['手続段階', '全体', '第1次調停', '第2次調停', '手続未所属'])
    const rows = rowTexts(table)
    expect(rows).toHaveLength(9)
    expect(rows[0]).toEqual(['受付', '3名', '0名', '0名', '3名'])
    expect(rows[3]).toEqual(['委任契約書送付', '5名', '0名', '8名', '0名'])
    expect(rows[8]).toEqual(['提出済', '141名', '130名', '11名', '0名'])
    expect(rowTexts(table, 'tfoot')).toEqual([['合計', '151名', '130名', '21名', '3名']])
    // the links: a stage, a stage in a proceeding, the claimants in no proceeding
    expect(within(table).getByRole('link', { name: '提出済の原告141名を一覧で見る' })).toHaveAttribute('href', '/claimants?stage=filed')
    expect(within(table).getByRole('link', { name: '第2次調停で委任契約書送付の原告8名を一覧で見る' })).toHaveAttribute(
      'href',
      '/claimants?proceeding=2&stage=engagement_sent',
    )
    expect(within(table).getByRole('link', { name: '手続未所属の原告3名を一覧で見る' })).toHaveAttribute('href', '/claimants?proceeding=none')
    // a zero is not a link
    expect(within(table).queryByRole('link', { name: /委任契約締結/ })).not.toBeInTheDocument()
    // the chart: an image named by its title and described by the table; one bar per stage
    const chart = screen.getByRole('img', { name: '手続段階別の原告数（全151名）の棒グラフ。数値は下の表にあります。' })
    expect(chart).toHaveAttribute('aria-describedby', table.id)
    expect(chart.querySelectorAll('rect')).toHaveLength(9)
    expect(chart.querySelectorAll('rect')[8].getAttribute('width')).toBe('220') // the longest bar is full width
    expect(Number(chart.querySelectorAll('rect')[0].getAttribute('width'))).toBeLessThan(20)
    expect(chart.querySelectorAll('rect')[4].getAttribute('width')).toBe('0')
    // one request for the figures
    expect(requests.filter((r) => new URL(r.url).pathname === '/claims-api/api/v1/cases/1/dashboard')).toHaveLength(1)
  })

  it('shows the claim and filing fee per proceeding and the damages by head, insurers’ items apart', async () => {
    signIn()
    dashboardApi()
    renderApp('/dashboard')
    const proceedings = await screen.findByRole('table', { name: '手続ごとの請求額（法的根拠別）、訴額と申立手数料（印紙代）' })
    expect(within(proceedings).getByRole('link', { name: '第2次調停の原告21名を一覧で見る' })).toHaveAttribute('href', '/claimants?proceeding=2')
    expect(rowTexts(proceedings)).toEqual([
      ['第1次調停調停 ・ 大阪簡易裁判所 ・ 令和6年(ノ)第123号 ・ 2024年5月23日申立て', '130名', '140,220,740円', '8,580,000円', '148,800,740円', '254,000円調停申立て'],
      ['第2次調停調停 ・ 大阪簡易裁判所 ・ 2024年6月17日申立て', '21名', '22,011,698円', '990,000円', '23,001,698円', '53,500円調停申立て'],
    ])
    const damages = screen.getByRole('table', { name: '損害費目別の合計（被告への請求と、保険会社への請求）' })
    expect(rowTexts(damages)).toEqual([
      ['人件費', '契約上の損害賠償', '30,000,000円', '120件', '2,000,000円3件'],
      ['オンプレ版費用', '契約上の損害賠償', '12,500,000円', '40件', '—'],
      ['利用料差額', '契約上の損害賠償', '732,438円', '151件', '—'],
      ['信用毀損', '契約上の損害賠償', '151,000,000円', '151件', '—'],
      ['その他実損', '契約上の損害賠償', '0円', '0件', '—'],
      ['値上げ分の不当利得', '不当利得', '9,570,000円', '145件', '—'],
    ])
    expect(rowTexts(damages, 'tfoot')).toEqual([
      ['契約上の損害賠償 計', '194,232,438円', ''],
      ['不当利得 計', '9,570,000円', ''],
      ['合計', '203,802,438円', '', '2,000,000円'],
    ])
    const chart = screen.getByRole('img', { name: '被告への請求額の費目別の棒グラフ（合計203,802,438円）。数値は下の表にあります。' })
    expect(chart).toHaveAttribute('aria-describedby', damages.id)
    expect([...chart.querySelectorAll('text.bar-value')].map((t) => t.textContent)).toContain('151,000,000円')
  })

  it('lists hearings and the APPI report deadlines by date with the days left, a passed one highlighted', async () => {
    signIn()
    dashboardApi()
    renderApp('/dashboard')
    await screen.findByRole('heading', { name: '期日・期限' })
    await waitFor(() => expect(agendaItems()).toHaveLength(6))
    const items = agendaItems()
    expect(items.map((li) => li.textContent)).toEqual([
      '2026年11月7日24日経過個人情報保護委員会への速報の期限本人通知の対象: 案件全体速報の目安: 2026年11月5日〜2026年11月7日',
      '2026年12月1日今日個人情報保護委員会への確報の期限本人通知の対象: 案件全体初日を算入しない数え方による最終の期限: 2026年12月2日',
      expect.stringMatching(/^2026年12月4日あと3日個人情報保護委員会への速報の期限本人通知の対象: /),
      '2026年12月21日 10:00あと20日第2次調停 調停期日大阪簡易裁判所 調停室',
      expect.stringMatching(/^2026年12月30日あと29日個人情報保護委員会への確報の期限/),
      '2027年1月20日 10:30あと50日本訴訟 口頭弁論期日大阪地方裁判所 第1001号法廷',
    ])
    expect(items[0]).toHaveClass('overdue')
    expect(items.slice(1).some((li) => li.classList.contains('overdue'))).toBe(false)
    expect(within(items[3]).getByRole('link', { name: '第2次調停 調停期日' })).toHaveAttribute('href', '/hearings?hearing=5')
    expect(within(items[0]).getByRole('link', { name: '個人情報保護委員会への速報の期限' })).toHaveAttribute('href', '/campaigns/11')
    // the office of a campaign for one claimant, read from claims-api
    expect(await within(items[2]).findByRole('link', { name: '堺 三郎社会保険労務士事務所（堺 三郎・番号 7）' })).toHaveAttribute('href', '/claimants/7')
  })

  it('shows the report deadlines of the chosen case’s campaigns only, and the other case’s after a switch', async () => {
    signIn()
    const notify = holdCase(2, campaignList(campaignsOfTwoCases()))
    const { requests } = casesApi({ handlers: { 'GET /notify/api/v1/campaigns': notify.held } })
    const user = userEvent.setup()
    renderApp('/dashboard')
    expect(await screen.findByText(/^事件: シャローム不正アクセス事件/, undefined, { timeout: 5000 })).toBeInTheDocument()
    await waitFor(() => expect(agendaCampaigns()).toEqual(['/campaigns/31']))
    expect(campaignListCases(requests)).toEqual(['1'])

    await user.selectOptions(await screen.findByRole('combobox', { name: '事件' }), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    expect(await screen.findByText(/^事件: クラウド会計情報漏えい事件/)).toBeInTheDocument()
    // notify has not answered for case 2 yet: the agenda waits for its deadlines, without case 1's
    await waitFor(() => expect(campaignListCases(requests)).toEqual(['1', '2']))
    const section = screen.getByRole('region', { name: '期日・期限' })
    expect(within(section).getByRole('status')).toBeInTheDocument()
    expect(within(section).queryAllByRole('link').map((a) => a.getAttribute('href'))).not.toContain('/campaigns/31')

    notify.release()
    await waitFor(() => expect(agendaCampaigns()).toEqual(['/campaigns/32', '/campaigns/33']))
  })

  it('counts the claimants needing work, linked to the filtered list', async () => {
    signIn()
    dashboardApi()
    renderApp('/dashboard')
    const section = await screen.findByRole('region', { name: '要対応' })
    expect(within(section).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '未受領の書類がある原告 10名',
      '未解決の不備がある原告 4名 （うち補正期限を過ぎた原告 1名）',
      '重複の可能性がある原告 2名',
    ])
    expect(within(section).getByRole('link', { name: '10名' })).toHaveAttribute('href', '/claimants?missing=true')
    expect(within(section).getByRole('link', { name: '2名' })).toHaveAttribute('href', '/claimants?flagged=true')
  })

  it('opens the claimant list of a stage', async () => {
    signIn()
    const { requests } = dashboardApi()
    const user = userEvent.setup()
    const { router } = renderApp('/dashboard')
    await user.click(await screen.findByRole('link', { name: '提出済の原告141名を一覧で見る' }))
    await screen.findByRole('heading', { level: 1, name: '原告一覧' })
    expect(router.state.location.pathname).toBe('/claimants')
    expect(router.state.location.search).toBe('?stage=filed')
    // the list asks claims-api for that stage
    await waitFor(() => {
      const list = requests.map((r) => new URL(r.url)).filter((u) => u.pathname === '/claims-api/api/v1/claimants')
      expect(list.at(-1)?.searchParams.get('stage')).toBe('filed')
    })
  })

  it('shows the API’s problem when the figures cannot be read, and retries', async () => {
    signIn()
    let fail = true
    dashboardApi({
      handlers: {
        'GET /claims-api/api/v1/cases/1/dashboard': () =>
          fail ? problem(503, 'Service Unavailable', 'the database is not reachable', { request_id: 'req-42' }) : Response.json(dashboard()),
      },
    })
    const user = userEvent.setup()
    renderApp('/dashboard')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Service Unavailable')
    expect(alert).toHaveTextContent('the database is not reachable')
    expect(alert).toHaveTextContent('問い合わせ番号: req-42')
    fail = false
    await user.click(within(alert).getByRole('button', { name: '再試行' }))
    expect(await screen.findByRole('table', { name: /^手続段階別の原告数/ })).toBeInTheDocument()
  })

  it('still shows the hearings when notify cannot be reached, with notify’s error', async () => {
    signIn()
    dashboardApi({
      handlers: { 'GET /notify/api/v1/campaigns': () => problem(403, 'Forbidden', 'missing scope notify:read') },
    })
    renderApp('/dashboard')
    const section = await screen.findByRole('region', { name: '期日・期限' })
    const alert = await within(section).findByRole('alert')
    expect(alert).toHaveTextContent('missing scope notify:read')
    expect(agendaItems().map((li) => li.querySelector('time')?.textContent)).toEqual(['2026年12月21日 10:00', '2027年1月20日 10:30'])
  })

  it('speaks English when switched', async () => {
    signIn()
    dashboardApi()
    renderApp('/dashboard', 'en')
    const table = await screen.findByRole('table', { name: /^Claimants by stage, overall and per proceeding/ })
    expect(rowTexts(table)[8]).toEqual(['Filed', '141', '130', '11', '0'])
    expect(within(table).getByRole('link', { name: 'List the 141 claimants at Filed' })).toHaveAttribute('href', '/claimants?stage=filed')
    expect(screen.getByRole('heading', { name: 'Hearings and deadlines' })).toBeInTheDocument()
    expect(await screen.findByText('24 days overdue')).toBeInTheDocument()
    expect(screen.getByRole('table', { name: 'Totals by damage head (claimed from the vendor, and from insurers)' })).toBeInTheDocument()
  })

  it('says so when there is no case', async () => {
    signIn()
    dashboardApi({ handlers: { 'GET /claims-api/api/v1/cases': () => Response.json([]) } })
    renderApp('/dashboard')
    expect(await screen.findByText('事件が登録されていません。')).toBeInTheDocument()
  })
})
