import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { caseRecord } from '../../test/fixtures'
import { json, renderApp, signIn } from '../../test/helpers'
import { documentsApi } from '../documents/testApi'
import { CASE_STORAGE_KEY } from './chosenCase'
import { casesApi, twoCases } from './testApi'

// a page's first showing loads its code (the pages are lazy): slow on a busy machine
const LOADED = { timeout: 5000 }
const picker = () => screen.findByRole('combobox', { name: '事件' }, LOADED)
const paths = (requests: Request[]) => requests.map((r) => new URL(r.url).pathname)

// each test renders the whole app and switches it: more than the default 5 s on a busy machine
describe('CasePicker', { timeout: 20_000 }, () => {
  it('is not shown when there is one case', async () => {
    signIn()
    casesApi({ cases: [caseRecord(1, 'シャローム不正アクセス事件')] })
    renderApp('/dashboard')
    expect(await screen.findByText(/^事件: シャローム不正アクセス事件/, undefined, LOADED)).toBeInTheDocument()
    expect(screen.queryByRole('combobox', { name: '事件' })).not.toBeInTheDocument()
  })

  it('is not shown when there is no case, and the pages still say so', async () => {
    signIn()
    casesApi({ cases: [] })
    renderApp('/dashboard')
    expect(await screen.findByText('事件が登録されていません。', undefined, LOADED)).toBeInTheDocument()
    expect(screen.queryByRole('combobox', { name: '事件' })).not.toBeInTheDocument()
  })

  it('lists every case in the header, the remembered one chosen', async () => {
    signIn()
    casesApi()
    localStorage.setItem(CASE_STORAGE_KEY, '2')
    renderApp('/dashboard')
    const select = await picker()
    expect(within(screen.getByRole('banner')).getByRole('combobox', { name: '事件' })).toBe(select)
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'シャローム不正アクセス事件',
      'クラウド会計情報漏えい事件（令和8年(ワ)第45号）',
    ])
    expect(select).toHaveDisplayValue('クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    expect(await screen.findByText(/^事件: クラウド会計情報漏えい事件/)).toBeInTheDocument()
  })

  it('switches the dashboard to the chosen case and remembers the choice', async () => {
    signIn()
    const { requests } = casesApi()
    const user = userEvent.setup()
    const { router } = renderApp('/dashboard')
    expect(await screen.findByText(/^事件: シャローム不正アクセス事件/, undefined, LOADED)).toBeInTheDocument()

    await user.selectOptions(await picker(), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    expect(await screen.findByText(/^事件: クラウド会計情報漏えい事件/)).toBeInTheDocument()
    expect(localStorage.getItem(CASE_STORAGE_KEY)).toBe('2')
    expect(paths(requests)).toContain('/claims-api/api/v1/cases/2/dashboard')
    expect(router.state.location.pathname).toBe('/dashboard')
    // the case list itself is not asked again
    expect(paths(requests).filter((p) => p === '/claims-api/api/v1/cases')).toHaveLength(1)
  })

  it('keeps a list page, without the old case’s selection in the URL, showing the new case’s records', async () => {
    signIn()
    casesApi()
    const user = userEvent.setup()
    const { router } = renderApp('/hearings?hearing=21')
    const table = await screen.findByRole('table', { name: /期日一覧/ }, LOADED)
    expect(await within(table).findByText('第1次調停')).toBeInTheDocument()
    expect(within(table).queryByText('本訴（クラウド会計）')).not.toBeInTheDocument()

    await user.selectOptions(await picker(), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    expect(await screen.findByText('事件: クラウド会計情報漏えい事件')).toBeInTheDocument()
    const after = await screen.findByRole('table', { name: /期日一覧/ })
    expect(await within(after).findByText('本訴（クラウド会計）')).toBeInTheDocument()
    expect(within(after).queryByText('第1次調停')).not.toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/hearings')
    expect(router.state.location.search).toBe('')
  })

  it('leaves a page about one record of the old case for the dashboard', async () => {
    signIn()
    casesApi()
    const user = userEvent.setup()
    const { router } = renderApp('/campaigns/12')
    await user.selectOptions(await picker(), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'))
    expect(await screen.findByText(/^事件: クラウド会計情報漏えい事件/, undefined, LOADED)).toBeInTheDocument()
  })

  it('shows the chosen case in the settings form, not what was typed for the old one', async () => {
    signIn()
    casesApi({ role: 'lawyer' })
    const user = userEvent.setup()
    renderApp('/settings/case')
    const form = await screen.findByRole('form', { name: '事件と被告' }, LOADED)
    const defendant = within(form).getByRole('textbox', { name: '被告の名称（必須）' })
    expect(defendant).toHaveValue('株式会社デモシステム')
    await user.type(defendant, '（未保存）')

    await user.selectOptions(await picker(), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    await waitFor(() =>
      expect(within(screen.getByRole('form', { name: '事件と被告' })).getByRole('textbox', { name: '被告の名称（必須）' })).toHaveValue(
        '株式会社デモクラウド',
      ),
    )
  })

  it('starts every page afresh: a claimant picked for the old case is not sent under the new one', async () => {
    signIn()
    const api = documentsApi({
      handlers: {
        'GET /claims-api/api/v1/cases': () => json(twoCases()),
        'GET /claims-api/api/v1/cases/2/proceedings': () => json([]),
      },
    })
    const user = userEvent.setup()
    renderApp('/documents')
    expect(await screen.findByText('事件: シャローム不正アクセス事件', undefined, LOADED)).toBeInTheDocument()
    await user.selectOptions(screen.getByLabelText('書類'), '損害一覧')
    await user.type(screen.getByLabelText('原告を検索'), '堺')
    await user.click(await screen.findByRole('radio', { name: /堺 三郎（番号 7）/ }, LOADED))
    expect(screen.getByText('選択中: 堺 三郎（番号 7）')).toBeInTheDocument()

    await user.selectOptions(await picker(), 'クラウド会計情報漏えい事件（令和8年(ワ)第45号）')
    expect(await screen.findByText('事件: クラウド会計情報漏えい事件')).toBeInTheDocument()
    expect(screen.queryByText(/^選択中:/)).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: '作成' })).toBeEnabled())
    await user.click(screen.getByRole('button', { name: '作成' }))
    expect(api.posts()).toHaveLength(0)
  })

  it('speaks English when switched', async () => {
    signIn()
    casesApi()
    renderApp('/dashboard', 'en')
    const select = await screen.findByRole('combobox', { name: 'Case' }, LOADED)
    expect(within(select).getAllByRole('option')[1]).toHaveTextContent('クラウド会計情報漏えい事件 (令和8年(ワ)第45号)')
  })
})
