import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { caseRecord, claimant, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, problem, renderApp, signIn, type Handler } from '../../test/helpers'
import { STAGE_CONCURRENCY } from './bulk'

const stages = ['intake', 'engagement_sent', 'poa_received']

/** `count` claimants; every third one's stage is the same. */
function claimants(count: number) {
  return Array.from({ length: count }, (_, i) => claimant(i + 1, `原告 ${i + 1}`, { stage: stages[i % 3] }))
}

/** claims-api's list and ids over `all`, filtered by stage and ordered by id either way (as the server does). */
function listApi(all: ReturnType<typeof claimants>, extra: Record<string, Handler> = {}) {
  const matching = (url: URL) => {
    const stage = url.searchParams.get('stage')
    const hits = all.filter((c) => !stage || c.stage === stage)
    return url.searchParams.get('sort') === '-id' ? [...hits].reverse() : hits
  }
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
    'GET /claims-api/api/v1/claimants': (_req, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const hits = matching(url)
      return json(page(hits.slice(offset, offset + limit), hits.length, limit, offset))
    },
    'GET /claims-api/api/v1/claimants/ids': (_req, url) => {
      const hits = matching(url)
      return json({ ids: hits.map((c) => c.id), total: hits.length })
    },
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json([proceeding(3, 'lawsuit', '本訴訟')]),
    ...extra,
  })
}

/** The same handler for the path of each claimant: "POST /…/claimants/{id}/stage". */
function perClaimant(count: number, path: (id: number) => string, handler: Handler): Record<string, Handler> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [path(i + 1), handler]))
}

/** The line under the list's header that offers every matching claimant (a live region). */
function line() {
  return screen.getAllByRole('status').find((el) => el.classList.contains('select-matching'))!
}

async function openList(path = '/claimants', lang: 'ja' | 'en' = 'ja') {
  const view = renderApp(path, lang)
  await screen.findByRole('table', {}, { timeout: 5000 })
  return { ...view, user: userEvent.setup() }
}

// Rendering pages of the list and runs of hundreds of requests takes a few seconds.
describe('select every claimant matching the filters', { timeout: 20_000 }, () => {
  it('is offered once the page is ticked, selects all of them by keyboard and keeps them across pages', async () => {
    signIn()
    const { requests } = listApi(claimants(151))
    const { user } = await openList('/claimants?sort=-id')
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('原告 151')
    expect(line()).toBeEmptyDOMElement() // there from the start, so that a screen reader hears what comes

    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    expect(line()).toHaveTextContent('このページの50件を選択中。 条件に一致する全151件を選択')
    const offer = within(line()).getByRole('button', { name: '条件に一致する全151件を選択' })
    act(() => offer.focus())
    await user.keyboard('{Enter}')

    await waitFor(() => expect(line()).toHaveTextContent('条件に一致する全151件を選択中。 選択を解除'))
    // the button stayed where it was, with the focus, and now clears
    expect(within(line()).getByRole('button', { name: '選択を解除' })).toHaveFocus()
    const asked = new URL(requests.find((r) => r.url.includes('/claimants/ids'))!.url)
    expect(Object.fromEntries(asked.searchParams)).toEqual({ case_id: '1', sort: '-id' }) // the list's query, without the page
    expect(screen.getByText('条件に一致する全151件を選択中')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '151件の段階を移動' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '151件を手続に追加' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '151件にリマインドを送る' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '次へ' }))
    expect(await screen.findByRole('link', { name: '原告 101' })).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: '原告 101を選択' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' })).toBeChecked()
    expect(line()).toHaveTextContent('条件に一致する全151件を選択中。')

    await user.click(within(line()).getByRole('button', { name: '選択を解除' }))
    expect(line()).toBeEmptyDOMElement()
    expect(screen.getByText('0件選択中')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' })).toHaveFocus()
  })

  it('is not offered when the page holds every match', async () => {
    signIn()
    listApi(claimants(20))
    const { user } = await openList()
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    expect(screen.getByText('20件選択中')).toBeInTheDocument()
    expect(line()).toBeEmptyDOMElement()
  })

  it('is dropped when a filter changes, and stays dropped when the filter comes back', async () => {
    signIn()
    listApi(claimants(151))
    const { user, router } = await openList()
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    await user.click(within(line()).getByRole('button', { name: '条件に一致する全151件を選択' }))
    await waitFor(() => expect(line()).toHaveTextContent('条件に一致する全151件を選択中。'))

    await user.selectOptions(screen.getByLabelText('段階'), 'intake')
    await waitFor(() => expect(router.state.location.search).toBe('?stage=intake'))
    expect(line()).toBeEmptyDOMElement()
    expect(screen.getByText('0件選択中')).toBeInTheDocument()

    await act(() => router.navigate(-1))
    await screen.findByRole('link', { name: '原告 2' })
    expect(line()).toBeEmptyDOMElement()
    expect(screen.getByRole('checkbox', { name: '原告 1を選択' })).not.toBeChecked()
  })

  it('leaves the rest of the page selected when one row is unticked', async () => {
    signIn()
    listApi(claimants(151))
    const { user } = await openList()
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    await user.click(within(line()).getByRole('button', { name: '条件に一致する全151件を選択' }))
    await waitFor(() => expect(line()).toHaveTextContent('条件に一致する全151件を選択中。'))
    await user.click(screen.getByRole('checkbox', { name: '原告 2を選択' }))
    expect(screen.getByText('49件選択中')).toBeInTheDocument()
    expect(line()).toBeEmptyDOMElement()
  })

  it('ignores an answer that comes after the filters changed', async () => {
    signIn()
    let answer: (response: Response) => void = () => {}
    listApi(claimants(151), {
      'GET /claims-api/api/v1/claimants/ids': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    const { user, router } = await openList()
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    await user.click(within(line()).getByRole('button', { name: '条件に一致する全151件を選択' }))
    expect(within(line()).getByRole('button', { name: '条件に一致する原告を取得しています…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await user.selectOptions(screen.getByLabelText('段階'), 'filed')
    await waitFor(() => expect(router.state.location.search).toBe('?stage=filed'))
    await act(async () => answer(json({ ids: [1, 2, 3], total: 3 })))
    expect(line()).toBeEmptyDOMElement()
    expect(screen.getByText('0件選択中')).toBeInTheDocument()
  })

  it('shows why claims-api refused (too many), keeping the page selected', async () => {
    signIn()
    listApi(claimants(151), {
      'GET /claims-api/api/v1/claimants/ids': () =>
        problem(422, 'Too many claimants', '12000 claimants match; at most 10000 can be selected at once: narrow the filters'),
    })
    const { user } = await openList()
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    await user.click(within(line()).getByRole('button', { name: '条件に一致する全151件を選択' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('narrow the filters')
    expect(screen.getByText('50件選択中')).toBeInTheDocument()
  })

  it('says it in English', async () => {
    signIn()
    listApi(claimants(151))
    const { user } = await openList('/claimants', 'en')
    await user.click(screen.getByRole('checkbox', { name: 'Select every claimant on this page' }))
    expect(line()).toHaveTextContent('All 50 claimants on this page are selected. Select all 151 claimants matching the filters')
    await user.click(within(line()).getByRole('button', { name: 'Select all 151 claimants matching the filters' }))
    await waitFor(() => expect(line()).toHaveTextContent('All 151 claimants matching the filters are selected. Clear selection'))
    expect(screen.getByText('All 151 matching selected')).toBeInTheDocument()
  })
})

describe('bulk actions on every matching claimant', { timeout: 30_000 }, () => {
  async function selectAllMatching(count: number) {
    const view = await openList()
    await view.user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))
    await view.user.click(within(line()).getByRole('button', { name: `条件に一致する全${count.toLocaleString('ja-JP')}件を選択` }))
    await waitFor(() => expect(line()).toHaveTextContent('選択中。 選択を解除'))
    return view
  }

  it('moves the stage of all of them a few at a time, and lists the failures first', async () => {
    signIn()
    let running = 0
    let most = 0
    const moved: number[] = []
    const stage: Handler = async (_req, url) => {
      const id = Number(url.pathname.split('/').at(-2))
      running += 1
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, 1))
      running -= 1
      moved.push(id)
      if (id === 70) return problem(409, 'Stage requirements not met', 'cannot move to filed: missing checklist items: originals')
      return json(claimant(id, `原告 ${id}`, { stage: 'filed' }))
    }
    listApi(claimants(80), perClaimant(80, (id) => `POST /claims-api/api/v1/claimants/${id}/stage`, stage))
    const { user } = await selectAllMatching(80)

    await user.selectOptions(screen.getByLabelText('移動先の段階'), '提出済')
    await user.click(screen.getByRole('button', { name: '80件の段階を移動' }))
    expect(await screen.findByText('段階を移動: 成功 79件、失敗 1件', {}, { timeout: 20_000 })).toBeInTheDocument()
    expect(moved.sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(STAGE_CONCURRENCY)

    // more than a page of results: the failures only, until asked for the rest
    const results = screen.getByRole('table', { name: '一括操作の結果' })
    const rows = within(results).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(1)
    // a claimant of a page not shown: its number, linked to its page
    expect(rows[0]).toHaveTextContent('#70')
    expect(rows[0]).toHaveTextContent('失敗: cannot move to filed: missing checklist items: originals')
    expect(within(rows[0]).getByRole('link', { name: '#70' })).toHaveAttribute('href', '/claimants/70')
    await user.click(screen.getByRole('checkbox', { name: '失敗した原告だけを表示' }))
    const all = within(screen.getByRole('table', { name: '一括操作の結果' })).getAllByRole('row').slice(1)
    expect(all).toHaveLength(80)
    expect(all[0]).toHaveTextContent('原告 1 #1完了') // a name known from the page shown
  })

  it('adds them to a proceeding one after another in the list’s order, with the progress, and can be stopped', async () => {
    signIn()
    const added: number[] = []
    let release: () => void = () => {}
    const member: Handler = async (req) => {
      const { claimant_id } = (await req.json()) as { claimant_id: number }
      added.push(claimant_id)
      if (claimant_id === 3) await new Promise<void>((resolve) => (release = resolve))
      return json({ proceeding_id: 3, claimant_id, number: claimant_id }, 201)
    }
    listApi(claimants(151), { 'POST /claims-api/api/v1/proceedings/3/members': member })
    const { user } = await selectAllMatching(151)

    await user.selectOptions(screen.getByLabelText('追加先の手続'), '本訴訟')
    await user.click(screen.getByRole('button', { name: '151件を手続に追加' }))
    await waitFor(() => expect(added).toEqual([1, 2, 3]))
    expect(screen.getByRole('progressbar', { name: '手続に追加' })).toHaveAttribute('value', '2')
    expect(screen.getByText('処理中 2 / 151件')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '中止' }))
    await act(async () => release())
    const summary = await screen.findByText('手続に追加: 成功 3件、失敗 0件 中止しました（未処理 148件）。')
    expect(summary).toHaveFocus()
    expect(added).toEqual([1, 2, 3]) // the one sent finished; no more were started
    const rows = within(screen.getByRole('table', { name: '一括操作の結果' })).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual(['原告 1 #1完了（番号 1）', '原告 2 #2完了（番号 2）', '原告 3 #3完了（番号 3）'])
  })

  it('sends the reminder in requests notify takes (500 at most), each with its own key, and adds up the answers', async () => {
    signIn()
    const bodies: number[][] = []
    const keys: (string | null)[] = []
    listApi(claimants(1234), {
      'POST /notify/api/v1/intake-reminders/send': async (req) => {
        const { claimant_ids } = (await req.json()) as { claimant_ids: number[] }
        bodies.push(claimant_ids)
        keys.push(req.headers.get('Idempotency-Key'))
        const results = claimant_ids.map((id) =>
          id % 2
            ? { claimant_id: id, status: 'queued', message_id: 5000 + id, reason: null }
            : { claimant_id: id, status: 'skipped', message_id: null, reason: 'opted_out' },
        )
        const queued = results.filter((r) => r.status === 'queued').length
        return json({ results, queued, skipped: results.length - queued })
      },
    })
    const { user } = await selectAllMatching(1234)

    await user.click(screen.getByRole('button', { name: '1,234件にリマインドを送る' }))
    await user.click(screen.getByRole('button', { name: '送る' }))
    expect(await screen.findByText('リマインド: 送信予約 617件、送らなかった 617件', {}, { timeout: 20_000 })).toBeInTheDocument()
    expect(bodies.map((b) => b.length)).toEqual([500, 500, 234])
    expect(bodies.flat()).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1))
    expect(new Set(keys).size).toBe(3)
    expect(within(screen.getByRole('table', { name: 'リマインドの結果' })).getAllByRole('row')).toHaveLength(1235)
  })

  it('stops sending reminders at an error, listing what notify answered before it', async () => {
    signIn()
    let calls = 0
    listApi(claimants(1234), {
      'POST /notify/api/v1/intake-reminders/send': async (req) => {
        calls += 1
        if (calls === 2) return problem(503, 'claims-api unavailable', 'try again shortly')
        const { claimant_ids } = (await req.json()) as { claimant_ids: number[] }
        const results = claimant_ids.map((id) => ({ claimant_id: id, status: 'queued', message_id: id, reason: null }))
        return json({ results, queued: results.length, skipped: 0 })
      },
    })
    const { user } = await selectAllMatching(1234)
    await user.click(screen.getByRole('button', { name: '1,234件にリマインドを送る' }))
    await user.click(screen.getByRole('button', { name: '送る' }))
    expect(await screen.findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent('try again shortly')
    expect(calls).toBe(2)
    expect(screen.getByText('リマインド: 送信予約 500件、送らなかった 0件 エラーのため中断しました（未送信 734件）。')).toBeInTheDocument()
    // the question stays open to try again
    expect(screen.getByRole('button', { name: '送る' })).toBeInTheDocument()
  })
})
