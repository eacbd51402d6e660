import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { getToken } from '../auth/session'
import { CASE_STORAGE_KEY } from '../components/casePicker/chosenCase'
import { twoCases } from '../components/casePicker/testApi'
import { caseRecord, claimant, page, principal, proceeding } from '../test/fixtures'
import { json, me, mockApi, problem, renderApp, signIn, type Handler } from '../test/helpers'

const all = Array.from({ length: 151 }, (_, i) =>
  claimant(i + 1, i === 2 ? '京都 花子' : `原告 ${i + 1}`, { total: 1100698 + i }),
)

function listHandler(_req: Request, url: URL) {
  const q = url.searchParams.get('q') ?? ''
  const limit = Number(url.searchParams.get('limit') ?? 50)
  const offset = Number(url.searchParams.get('offset') ?? 0)
  const sort = url.searchParams.get('sort')
  const hits = all.filter((c) => c.name.includes(q) && (!url.searchParams.has('stage') || c.stage === url.searchParams.get('stage')))
  if (sort === '-total') hits.sort((a, b) => b.total - a.total || a.id - b.id)
  return json(page(hits.slice(offset, offset + limit), hits.length, limit, offset))
}

const proceedings = [proceeding(1, 'mediation', '第1次調停'), proceeding(2, 'mediation', '第2次調停'), proceeding(3, 'lawsuit', '本訴訟')]

/** The list's API: the claimants, the case and its proceedings, and the user (a viewer unless given). */
function listApi(extra: Record<string, Handler> = {}, user: Handler = me) {
  return mockApi({
    'GET /claims-api/api/v1/auth/me': user,
    'GET /claims-api/api/v1/claimants': listHandler,
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json(proceedings),
    ...extra,
  })
}

describe('ClaimantListPage', () => {
  it('renders a page of rows with formatted totals and the total count', async () => {
    signIn()
    const { requests } = listApi()
    renderApp('/claimants')

    const table = await screen.findByRole('table')
    const headers = within(table).getAllByRole('columnheader').map((h) => h.firstChild?.firstChild?.textContent ?? h.textContent)
    expect(headers).toEqual(['番号', '氏名', 'フリガナ', '登録番号', '事務所', '区分', '段階', '請求額合計'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(50)
    expect(rows[0]).toHaveTextContent('原告 1')
    expect(rows[0]).toHaveTextContent('1,100,698円')
    expect(rows[0]).toHaveTextContent('社労士（個人）')
    expect(within(rows[0]).getByRole('link', { name: '原告 1' })).toHaveAttribute('href', '/claimants/1')
    expect(screen.getByText('全151件')).toBeInTheDocument()
    expect(screen.getByText('1 / 4 ページ')).toBeInTheDocument()

    const first = new URL(requests.find((r) => r.url.includes('/claimants'))!.url)
    expect(first.searchParams.get('case_id')).toBe('1') // the chosen case's claimants only
    expect(first.searchParams.get('limit')).toBe('50')
    expect(first.searchParams.get('offset')).toBe('0')
  })

  it('a page past the end (an old link, or after claimants left the filter) shows the last page', async () => {
    signIn()
    listApi()
    const { router } = renderApp('/claimants?page=9')
    const table = await screen.findByRole('table')
    expect(within(table).getAllByRole('row').slice(1)[0]).toHaveTextContent('原告 151')
    expect(screen.getByText('4 / 4 ページ')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?page=4')
  })

  it('pages with next and previous', async () => {
    signIn()
    listApi()
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
    const { requests } = listApi()
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
    listApi({
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
    listApi()
    renderApp('/claimants')
    await screen.findByRole('link', { name: '原告 1' })
    await userEvent.setup().selectOptions(screen.getByLabelText('表示言語'), 'en')
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.firstChild?.firstChild?.textContent ?? h.textContent)
    expect(headers).toEqual(['No.', 'Name', 'Kana', 'Registration no.', 'Office', 'Type', 'Stage', 'Total claimed'])
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('bengodan.lang')).toBe('en')
    // amounts stay in yen
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('1,100,698円')
  })

  it('sorts by a column header, in the URL, with aria-sort', async () => {
    signIn()
    const { requests } = listApi()
    const { router } = renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    const header = screen.getByRole('columnheader', { name: /請求額合計/ })
    expect(header).not.toHaveAttribute('aria-sort')

    await user.click(within(header).getByRole('button', { name: /請求額合計で並べ替え/ }))
    expect(await screen.findByRole('link', { name: '原告 151' })).toBeInTheDocument()
    expect(router.state.location.search).toBe('?sort=-total')
    expect(screen.getByRole('columnheader', { name: /請求額合計/ })).toHaveAttribute('aria-sort', 'descending')
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('1,100,848円')
    expect(new URL(requests.at(-1)!.url).searchParams.get('sort')).toBe('-total')

    await user.click(within(screen.getByRole('columnheader', { name: /請求額合計/ })).getByRole('button'))
    await waitFor(() => expect(router.state.location.search).toBe('?sort=total'))
    expect(screen.getByRole('columnheader', { name: /請求額合計/ })).toHaveAttribute('aria-sort', 'ascending')
  })

  it('filters by proceeding, stage, kind, missing documents and flags, kept in the URL (back works)', async () => {
    signIn()
    const { requests } = listApi()
    const { router } = renderApp('/claimants?page=2')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 51' })

    await user.selectOptions(await screen.findByLabelText('手続'), '第2次調停')
    await waitFor(() => expect(router.state.location.search).toBe('?proceeding=2'))
    await user.selectOptions(screen.getByLabelText('段階'), '提出済')
    await user.selectOptions(screen.getByLabelText('区分'), '社労士法人')
    await user.selectOptions(screen.getByLabelText('未提出書類'), 'あり')
    await user.selectOptions(screen.getByLabelText('重複の疑い'), 'なし')
    await waitFor(() =>
      expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
        proceeding: '2',
        stage: 'filed',
        kind: 'sr_corporation',
        missing: 'true',
        flagged: 'false',
      }),
    )
    const last = new URL(requests.filter((r) => r.url.includes('/claimants?')).at(-1)!.url).searchParams
    expect(Object.fromEntries(last)).toMatchObject({
      proceeding_id: '2',
      stage: 'filed',
      kind: 'sr_corporation',
      missing: 'true',
      flagged: 'false',
      offset: '0',
    })
    expect(await screen.findByText('該当する原告はいません。')).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('手続'), 'いずれの手続にも未所属')
    await waitFor(() => expect(router.state.location.search).toContain('proceeding=none'))
    await waitFor(() => expect(new URL(requests.at(-1)!.url).searchParams.get('in_proceeding')).toBe('false'))

    await act(() => router.navigate(-1))
    expect(screen.getByLabelText('手続')).toHaveValue('2')
    await user.click(screen.getByRole('button', { name: '条件をクリア' }))
    await waitFor(() => expect(router.state.location.search).toBe(''))
  })

  it('shows a viewer no selection and no bulk actions', async () => {
    signIn()
    listApi({}, () => json(principal('viewer')))
    renderApp('/claimants')
    await screen.findByRole('link', { name: '原告 1' })
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: '選択した原告の一括操作' })).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: '原告の取込み' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Excelで出力' })).toBeInTheDocument()
  })

  it('moves the selected claimants one by one and tells who was refused and why', async () => {
    signIn()
    const moved: { id: number; body: unknown }[] = []
    const stage = (req: Request, url: URL) => {
      const id = Number(url.pathname.split('/').at(-2))
      return req.json().then((body) => {
        moved.push({ id, body })
        if (id === 2)
          return problem(409, 'Stage requirements not met', 'cannot move to poa_received: missing checklist items: power_of_attorney')
        return json(claimant(id, `原告 ${id}`, { stage: 'poa_received' }))
      })
    }
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      'GET /claims-api/api/v1/claimants': listHandler,
      'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
      'GET /claims-api/api/v1/cases/1/proceedings': () => json(proceedings),
      'POST /claims-api/api/v1/claimants/1/stage': stage,
      'POST /claims-api/api/v1/claimants/2/stage': stage,
      'POST /claims-api/api/v1/claimants/3/stage': stage,
    })
    renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })

    await user.click(screen.getByRole('checkbox', { name: '原告 1を選択' }))
    // keyboard: the box takes the focus and space ticks it
    act(() => screen.getByRole('checkbox', { name: '原告 2を選択' }).focus())
    await user.keyboard(' ')
    expect(screen.getByRole('checkbox', { name: '原告 2を選択' })).toBeChecked()
    await user.click(screen.getByRole('checkbox', { name: '京都 花子を選択' }))
    expect(screen.getByText('3件選択中')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' })).toHaveProperty('indeterminate', true)

    // no stage chosen: said, nothing sent
    await user.click(screen.getByRole('button', { name: '3件の段階を移動' }))
    expect(screen.getByText('移動先の段階を選んでください。')).toBeInTheDocument()
    expect(moved).toEqual([])

    await user.selectOptions(screen.getByLabelText('移動先の段階'), '委任状受領')
    await user.click(screen.getByRole('button', { name: '3件の段階を移動' }))
    expect(await screen.findByText('段階を移動: 成功 2件、失敗 1件')).toBeInTheDocument()
    expect(moved.map((m) => m.id)).toEqual([1, 2, 3])
    expect(moved[0].body).toEqual({ to_stage: 'poa_received', note: null })
    const results = screen.getByRole('table', { name: '一括操作の結果' })
    const failed = within(results).getByRole('row', { name: /原告 2/ })
    expect(failed).toHaveTextContent('失敗: cannot move to poa_received: missing checklist items: power_of_attorney')
    expect(within(results).getByRole('row', { name: /京都 花子/ })).toHaveTextContent('完了')
  })

  it('adds the page to a proceeding with select-all and shows the member numbers', async () => {
    signIn()
    const bodies: unknown[] = []
    const keys: (string | null)[] = []
    listApi(
      {
        'POST /claims-api/api/v1/proceedings/3/members': async (req) => {
          const body = (await req.json()) as { claimant_id: number }
          bodies.push(body)
          keys.push(req.headers.get('Idempotency-Key'))
          if (body.claimant_id === 50) return problem(409, 'Conflict', 'claimant 50 is already member 7 of this proceeding')
          return json({ proceeding_id: 3, claimant_id: body.claimant_id, number: 100 + body.claimant_id }, 201)
        },
      },
      () => json(principal('staff')),
    )
    renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    expect(screen.getByText('50件選択中')).toBeInTheDocument()
    await user.selectOptions(screen.getByLabelText('追加先の手続'), '本訴訟')
    await user.click(screen.getByRole('button', { name: '50件を手続に追加' }))
    expect(await screen.findByText('手続に追加: 成功 49件、失敗 1件', {}, { timeout: 5000 })).toBeInTheDocument()
    expect(bodies).toHaveLength(50)
    expect(new Set(keys).size).toBe(50)
    const results = screen.getByRole('table', { name: '一括操作の結果' })
    expect(within(results).getByRole('row', { name: /^原告 1 #1 / })).toHaveTextContent('完了（番号 101）')
    expect(within(results).getByRole('row', { name: /原告 50/ })).toHaveTextContent('already member 7')
  })

  it('exports the claimants of the case, of the proceeding filtered by', async () => {
    signIn()
    const { requests } = listApi({
      'GET /claims-api/api/v1/cases/1/claimants/export': () =>
        new Response('x', {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': "attachment; filename=\"claimants.xlsx\"; filename*=UTF-8''%E5%8E%9F%E5%91%8A%E4%B8%80%E8%A6%A7.xlsx",
          },
        }),
    })
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
    const created = URL.createObjectURL
    URL.createObjectURL = vi.fn(() => 'blob:x')
    onTestFinished(() => {
      URL.createObjectURL = created
    })
    renderApp('/claimants?proceeding=1')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('button', { name: 'Excelで出力' }))
    expect(await screen.findByText('原告一覧.xlsx をダウンロードしました。')).toBeInTheDocument()
    expect(saved).toEqual(['原告一覧.xlsx'])
    const exported = new URL(requests.find((r) => r.url.includes('/export'))!.url)
    expect(Object.fromEntries(exported.searchParams)).toEqual({ format: 'xlsx', proceeding_id: '1' })
  })
})

/** A response that arrives when the test says so. */
function later() {
  let answer: (response: Response) => void = () => {}
  const response = new Promise<Response>((resolve) => (answer = resolve))
  return { response, answer }
}

/** The case_id of each list request, in order. */
function listedCases(requests: Request[]) {
  return requests.filter((r) => new URL(r.url).pathname.endsWith('/claimants')).map((r) => new URL(r.url).searchParams.get('case_id'))
}

/** Watches the page from now on: true once any node added to it held `text` or an alert. */
function everShown(text: string) {
  let seen = false
  const look = (records: MutationRecord[]) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const element = node instanceof Element ? node : null
        if (node.textContent?.includes(text) || element?.matches('[role=alert]') || element?.querySelector('[role=alert]')) seen = true
      }
    }
  }
  const observer = new MutationObserver(look)
  observer.observe(document.body, { childList: true, subtree: true })
  onTestFinished(() => observer.disconnect())
  return () => {
    look(observer.takeRecords())
    return seen
  }
}

describe('ClaimantListPage, the case to list', () => {
  const caseTwoProceedings = { 'GET /claims-api/api/v1/cases/2/proceedings': () => json([]) }

  it('with a case stored, asks for its claimants at once, before /cases answers, and only once', async () => {
    signIn()
    localStorage.setItem(CASE_STORAGE_KEY, '2')
    const cases = later()
    const { requests } = listApi({ 'GET /claims-api/api/v1/cases': () => cases.response, ...caseTwoProceedings })
    renderApp('/claimants?sort=-total&page=2')

    await waitFor(() => expect(listedCases(requests)).toEqual(['2']))
    const first = new URL(requests.find((r) => new URL(r.url).pathname.endsWith('/claimants'))!.url).searchParams
    expect(Object.fromEntries(first)).toMatchObject({ sort: '-total', offset: '50', limit: '50' })
    // nothing shown before the case is confirmed
    expect(screen.queryByRole('table')).not.toBeInTheDocument()

    cases.answer(json(twoCases()))
    const table = await screen.findByRole('table')
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('原告 101')
    expect(listedCases(requests)).toEqual(['2']) // the list took the page asked for ahead
  })

  it.each([
    ['rows', () => json(page([claimant(901, '消えた事件の原告')], 1))],
    ['an error', () => problem(404, 'Not Found', 'case 9 not found')],
  ])('with a stale case stored (its list answers %s), ends on the picked case without showing the stale one', async (_, stale) => {
    signIn()
    localStorage.setItem(CASE_STORAGE_KEY, '9')
    const cases = later()
    let staleAnswered = false
    const { requests } = listApi({
      'GET /claims-api/api/v1/cases': () => cases.response,
      'GET /claims-api/api/v1/claimants': (req, url) => {
        if (url.searchParams.get('case_id') !== '9') return listHandler(req, url)
        staleAnswered = true
        return stale()
      },
    })
    const shown = everShown('消えた事件の原告')
    renderApp('/claimants')

    await waitFor(() => expect(staleAnswered).toBe(true))
    await act(() => new Promise((resolve) => setTimeout(resolve, 20))) // the stale answer has reached the cache
    cases.answer(json(twoCases()))
    const table = await screen.findByRole('table')
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('原告 1')
    expect(screen.getByText('全151件')).toBeInTheDocument()
    expect(listedCases(requests)).toEqual(['9', '1'])
    expect(shown()).toBe(false) // neither the stale case's rows nor an error, at any moment
  })

  it('with no case stored, asks for the list once /cases has named the first case', async () => {
    signIn()
    const cases = later()
    const { requests } = listApi({ 'GET /claims-api/api/v1/cases': () => cases.response })
    renderApp('/claimants')
    await waitFor(() => expect(requests.some((r) => r.url.endsWith('/cases'))).toBe(true))
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(listedCases(requests)).toEqual([])

    cases.answer(json(twoCases()))
    expect(await screen.findByRole('link', { name: '原告 1' })).toBeInTheDocument()
    expect(listedCases(requests)).toEqual(['1'])
  })
})
