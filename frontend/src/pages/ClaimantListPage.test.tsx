import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { getToken } from '../auth/session'
import { claimant, page } from '../test/fixtures'
import { json, me, mockApi, problem, renderApp, signIn } from '../test/helpers'

const all = Array.from({ length: 151 }, (_, i) =>
  claimant(i + 1, i === 2 ? '京都 花子' : `原告 ${i + 1}`, { total: 1100698 + i }),
)

function listHandler(_req: Request, url: URL) {
  const q = url.searchParams.get('q') ?? ''
  const limit = Number(url.searchParams.get('limit') ?? 50)
  const offset = Number(url.searchParams.get('offset') ?? 0)
  const hits = all.filter((c) => c.name.includes(q))
  return json(page(hits.slice(offset, offset + limit), hits.length, limit, offset))
}

describe('ClaimantListPage', () => {
  it('renders a page of rows with formatted totals and the total count', async () => {
    signIn()
    const { requests } = mockApi({ 'GET /claims-api/api/v1/auth/me': me, 'GET /claims-api/api/v1/claimants': listHandler })
    renderApp('/claimants')

    const table = await screen.findByRole('table')
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['番号', '氏名', '事務所', '区分', '請求額合計'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(50)
    expect(rows[0]).toHaveTextContent('原告 1')
    expect(rows[0]).toHaveTextContent('1,100,698円')
    expect(rows[0]).toHaveTextContent('社労士（個人）')
    expect(within(rows[0]).getByRole('link', { name: '原告 1' })).toHaveAttribute('href', '/claimants/1')
    expect(screen.getByText('全151件')).toBeInTheDocument()
    expect(screen.getByText('1 / 4 ページ')).toBeInTheDocument()

    const first = new URL(requests.find((r) => r.url.includes('/claimants'))!.url)
    expect(first.searchParams.get('limit')).toBe('50')
    expect(first.searchParams.get('offset')).toBe('0')
  })

  it('pages with next and previous', async () => {
    signIn()
    mockApi({ 'GET /claims-api/api/v1/auth/me': me, 'GET /claims-api/api/v1/claimants': listHandler })
    const { router } = renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    expect(screen.getByRole('button', { name: '前へ' })).toBeDisabled()

    await user.click(screen.getByRole('button', { name: '次へ' }))
    expect(await screen.findByRole('link', { name: '原告 51' })).toBeInTheDocument()
    expect(router.state.location.search).toBe('?page=2')
    expect(screen.getByText('2 / 4 ページ')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '次へ' }))
    await user.click(screen.getByRole('button', { name: '次へ' }))
    expect(await screen.findByRole('link', { name: '原告 151' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '次へ' })).toBeDisabled()

    await user.click(screen.getByRole('button', { name: '前へ' }))
    expect(await screen.findByRole('link', { name: '原告 101' })).toBeInTheDocument()
  })

  it('searches by name through q, debounced', async () => {
    signIn()
    const { requests } = mockApi({ 'GET /claims-api/api/v1/auth/me': me, 'GET /claims-api/api/v1/claimants': listHandler })
    const { router } = renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })

    await user.type(screen.getByLabelText('氏名で検索'), '京都')
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2))
    expect(screen.getByRole('link', { name: '京都 花子' })).toBeInTheDocument()
    expect(screen.getByText('全1件')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?q=%E4%BA%AC%E9%83%BD')

    const searches = requests.filter((r) => new URL(r.url).searchParams.has('q'))
    // typing two characters quickly sends one search, not one per keystroke
    expect(searches.map((r) => new URL(r.url).searchParams.get('q'))).toEqual(['京都'])
  })

  it('shows the problem when the list fails', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': me,
      'GET /claims-api/api/v1/claimants': () =>
        problem(422, 'Invalid input', 'limit: must be at most 200', {
          errors: [{ field: 'limit', reason: 'must be at most 200' }],
          request_id: 'req-123',
        }),
    })
    renderApp('/claimants')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('limit: must be at most 200')
    expect(alert).toHaveTextContent('項目: limit')
    expect(alert).toHaveTextContent('req-123')
  })

  it('on 401 clears the session and asks for a login, coming back afterwards', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => problem(401, 'Unauthorized', 'Token expired'),
      'GET /claims-api/api/v1/claimants': () => problem(401, 'Unauthorized', 'Token expired'),
    })
    const { router } = renderApp('/claimants?q=%E4%BA%AC')
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'))
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/claimants?q=%E4%BA%AC')}`)
    expect(getToken()).toBeNull()
    expect(await screen.findByText('セッションの有効期限が切れました。もう一度ログインしてください。')).toBeInTheDocument()
  })

  it('switches to English from the header, and remembers it', async () => {
    signIn()
    mockApi({ 'GET /claims-api/api/v1/auth/me': me, 'GET /claims-api/api/v1/claimants': listHandler })
    renderApp('/claimants')
    await screen.findByRole('link', { name: '原告 1' })
    await userEvent.setup().selectOptions(screen.getByLabelText('表示言語'), 'en')
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['No.', 'Name', 'Office', 'Type', 'Total claimed'])
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('bengodan.lang')).toBe('en')
    // amounts stay in yen
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('1,100,698円')
  })
})
