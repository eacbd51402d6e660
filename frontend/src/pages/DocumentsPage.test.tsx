import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { documentsApi } from '../components/documents/testApi'
import { renderJob, succeededJob } from '../test/fixtures'
import { problem, renderApp, signIn } from '../test/helpers'

type User = ReturnType<typeof userEvent.setup>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function form() {
  return screen.getByRole('region', { name: '書類を作成する' })
}

function jobPanel() {
  return screen.getByRole('region', { name: '作成状況' })
}

async function ready() {
  // the form is usable once the case, the proceedings and the user's scopes are known
  await screen.findByText('事件: シャローム不正アクセス事件')
  await waitFor(() => expect(screen.getByRole('button', { name: '作成' })).toBeEnabled())
  await waitFor(() => expect(screen.queryByRole('table', { name: /作成履歴/ }) ?? screen.queryByText('まだ作成した書類はありません。')).toBeTruthy())
}

function proceedingSelect() {
  return screen.getByRole('combobox', { name: /^手続/ })
}

async function chooseDocument(user: User, name: string) {
  await user.selectOptions(screen.getByLabelText('書類'), name)
}

async function pickClaimant(user: User, search: string, name: RegExp) {
  await user.type(screen.getByLabelText('原告を検索'), search)
  await user.click(await screen.findByRole('radio', { name }))
}

function radioNames(group: string): string[] {
  const fieldset = screen.getByRole('group', { name: group })
  return within(fieldset)
    .getAllByRole('radio')
    .map((r) => r.closest('label')?.textContent ?? '')
}

function optionTexts(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((o) => o.textContent ?? '')
}

async function bodyOf(request: Request): Promise<unknown> {
  return JSON.parse(await request.clone().text())
}

describe('DocumentsPage', () => {
  let saved: { href: string; download: string }[]

  beforeEach(() => {
    saved = []
    // no navigation in jsdom: record where the browser would be sent (setup.ts restores the spy)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download })
    })
  })

  it('is in the main menu, in both languages', async () => {
    signIn()
    documentsApi()
    renderApp('/documents')
    const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
    expect(within(nav).getByRole('link', { name: '書類作成' })).toHaveAttribute('href', '/documents')
    expect(await screen.findByRole('heading', { level: 1, name: '書類作成' })).toBeInTheDocument()

    await userEvent.setup().selectOptions(screen.getByLabelText('表示言語'), 'en')
    expect(within(nav).getByRole('link', { name: 'Documents' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Make' })).toBeInTheDocument()
  })

  it('requests a damage schedule for the claimant chosen, with an Idempotency-Key, and watches the job', async () => {
    signIn()
    const api = documentsApi()
    const { router } = renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '損害一覧')
    await pickClaimant(user, '堺', /堺 三郎（番号 7）/)
    expect(screen.getByText('選択中: 堺 三郎（番号 7）')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '作成' }))

    await waitFor(() => expect(api.posts()).toHaveLength(1))
    const [post] = api.posts()
    expect(await bodyOf(post)).toEqual({ document: 'damage-schedule', format: 'pdf', case_id: 1, claimant_id: 7 })
    expect(post.headers.get('Idempotency-Key')).toMatch(UUID)
    expect(post.headers.get('Authorization')).toBe('Bearer test-token')
    expect(await screen.findByText('作成を依頼しました（番号 100）。')).toBeInTheDocument()
    // the job is in the URL: leaving the page and coming back shows it again
    expect(router.state.location.search).toBe('?job=100')
  })

  it('sends a proceeding’s document with the proceeding, and the format chosen', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '訴状')
    await user.selectOptions(proceedingSelect(), '第2次訴訟（訴訟）')
    await user.click(screen.getByRole('radio', { name: 'Word（DOCX）' }))
    await user.click(screen.getByRole('button', { name: '作成' }))

    await waitFor(() => expect(api.posts()).toHaveLength(1))
    expect(await bodyOf(api.posts()[0])).toEqual({
      document: 'complaint',
      format: 'docx',
      case_id: 1,
      proceeding_id: 3,
      complaint_form: 'paragraphs',
    })
  })

  it('offers the table form of the relief sought for what holds the complaint, and only there', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '提出書類一式（訴状又は調停申立書・請求一覧・当事者目録・損害一覧）')
    const form = screen.getByRole('group', { name: '請求の趣旨の書き方' })
    expect(within(form).getByRole('radio', { name: '原告ごとに記載' })).toBeChecked()
    await user.click(within(form).getByRole('radio', { name: '別紙請求一覧による（原告が多数のとき）' }))
    await user.selectOptions(proceedingSelect(), '第1次訴訟（訴訟）')
    await user.click(screen.getByRole('button', { name: '作成' }))
    await waitFor(() => expect(api.posts()).toHaveLength(1))
    expect(await bodyOf(api.posts()[0])).toMatchObject({ document: 'complaint-bundle', complaint_form: 'table' })

    await chooseDocument(user, '請求一覧')
    expect(screen.queryByRole('group', { name: '請求の趣旨の書き方' })).not.toBeInTheDocument()
  })

  it('sends the same request again with the same key (a retry renders once), a changed one with a new key', async () => {
    signIn()
    let refusals = 1
    const api = documentsApi({
      // the first attempt is lost on the way back; docs-render may have queued it
      refuse: () => (refusals-- > 0 ? problem(503, 'Service Unavailable', 'try again') : null),
    })
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '請求一覧')
    await user.selectOptions(proceedingSelect(), '第1次訴訟（訴訟）')
    await user.click(screen.getByRole('button', { name: '作成' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('try again')
    await user.click(screen.getByRole('button', { name: '作成' }))
    await screen.findByText('作成を依頼しました（番号 100）。')

    await user.click(screen.getByRole('radio', { name: 'PDF' }))
    await user.click(screen.getByRole('radio', { name: 'Word（DOCX）' }))
    await user.click(screen.getByRole('button', { name: '作成' }))
    await screen.findByText('作成を依頼しました（番号 101）。')

    const keys = api.posts().map((r) => r.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(3)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[1])
    expect(api.state.jobs.map((j) => j.format)).toEqual(['pdf', 'docx'])
  })

  it('sends one request for a double click', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '当事者目録')
    await user.selectOptions(proceedingSelect(), '第1次調停（調停）')
    await user.dblClick(screen.getByRole('button', { name: '作成' }))
    await screen.findByText('作成を依頼しました（番号 100）。')
    const keys = new Set(api.posts().map((r) => r.headers.get('Idempotency-Key')))
    expect(keys.size).toBe(1)
    expect(api.state.jobs).toHaveLength(1)
  })

  it('shows the progress while the job runs, then the download with size and hash, and downloads the file', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '損害一覧')
    await pickClaimant(user, '堺', /堺 三郎/)
    await user.click(screen.getByRole('button', { name: '作成' }))

    const panel = await screen.findByRole('region', { name: '作成状況' })
    const bar = await within(panel).findByRole('progressbar', { name: '作成の進捗' })
    await waitFor(() => expect(within(panel).getByText('1 / 2')).toBeInTheDocument())
    expect(bar).toHaveAttribute('value', '1')
    expect(bar).toHaveAttribute('max', '2')
    expect(within(panel).getByRole('status')).toHaveTextContent('状態: 作成中')
    expect(within(panel).getByText('損害一覧')).toBeInTheDocument()

    const download = await within(panel).findByRole('button', { name: /^ダウンロード/ }, { timeout: 3000 })
    expect(within(panel).getByRole('status')).toHaveTextContent('状態: 完了')
    expect(within(panel).queryByRole('progressbar')).not.toBeInTheDocument()
    expect(panel).toHaveTextContent('249 KB')
    expect(within(panel).getByText('9f86d081884c')).toHaveAttribute('title', expect.stringMatching(/^9f86d081884c7d65/))
    // polling stopped once the job was done
    const polls = () => api.requests.filter((r) => new URL(r.url).pathname === '/docs-render/api/v1/renders/100').length
    const settled = polls()
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(polls()).toBe(settled)
    // the history shows the finished job too
    const history = screen.getByRole('table', { name: /作成履歴/ })
    await waitFor(() => expect(within(history).getAllByRole('row')[1]).toHaveTextContent('完了'))

    await user.click(download)
    await waitFor(() =>
      expect(saved).toEqual([
        { href: 'https://s3.example.jp/renders/100/file.pdf?X-Amz-Signature=abc', download: '損害一覧_原告7.pdf' },
      ]),
    )
    const fetched = api.requests.find((r) => new URL(r.url).pathname === '/docs-render/api/v1/renders/100/download-link')!
    expect(fetched.headers.get('Authorization')).toBe('Bearer test-token')

    // the same request once its job is done renders again (the data may have changed): a new key, a new job
    await user.click(screen.getByRole('button', { name: '作成' }))
    await screen.findByText('作成を依頼しました（番号 101）。')
    const keys = api.posts().map((r) => r.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[1]).not.toBe(keys[0])
  })

  it('picks up a job from the URL and polls it again after leaving the page and coming back', async () => {
    signIn()
    const running = renderJob(5, 'claim-table', { proceeding_id: 1, status: 'queued' })
    documentsApi({ jobs: [running] })
    const { router } = renderApp('/documents?job=5')
    await ready()
    const panel = jobPanel()
    expect(within(panel).getByText('請求一覧')).toBeInTheDocument()
    expect(within(panel).getByText('第1次訴訟')).toBeInTheDocument()
    await waitFor(() => expect(within(panel).getByText('1 / 2')).toBeInTheDocument())

    await router.navigate('/claimants')
    await waitFor(() => expect(screen.queryByRole('region', { name: '作成状況' })).not.toBeInTheDocument())
    await router.navigate(-1)
    expect(await within(await screen.findByRole('region', { name: '作成状況' })).findByRole('button', { name: /^ダウンロード/ }, { timeout: 3000 })).toBeInTheDocument()
  })

  it('shows the problem docs-render answers with (422 not available yet)', async () => {
    signIn()
    documentsApi({
      refuse: (body) =>
        body.format === 'docx'
          ? problem(422, 'Invalid input', 'format: not available yet', { errors: [{ field: 'format', reason: 'not available yet' }], request_id: 'req-422' })
          : null,
    })
    const { router } = renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '委任状')
    await pickClaimant(user, '京都', /京都 一郎/)
    await user.click(screen.getByRole('radio', { name: 'Word（DOCX）' }))
    await user.click(screen.getByRole('button', { name: '作成' }))

    const alert = await within(form()).findByRole('alert')
    expect(alert).toHaveTextContent('format: not available yet')
    expect(alert).toHaveTextContent('項目: format')
    expect(alert).toHaveTextContent('req-422')
    expect(router.state.location.search).toBe('')
    expect(screen.queryByRole('region', { name: '作成状況' })).not.toBeInTheDocument()
  })

  it('shows the error of a job that failed', async () => {
    signIn()
    documentsApi({ failWith: () => 'claims-api: claimant 7 has no damage items' })
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '損害一覧')
    await pickClaimant(user, '堺 三', /堺 三郎/)
    await user.click(screen.getByRole('button', { name: '作成' }))

    const panel = await screen.findByRole('region', { name: '作成状況' })
    const alert = await within(panel).findByRole('alert', {}, { timeout: 3000 })
    expect(alert).toHaveTextContent('作成に失敗しました')
    expect(alert).toHaveTextContent('claims-api: claimant 7 has no damage items')
    expect(within(panel).getByRole('status')).toHaveTextContent('状態: 失敗')
    expect(within(panel).queryByRole('button', { name: /^ダウンロード/ })).not.toBeInTheDocument()
  })

  it('asks for what the document needs before sending anything', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '訴訟委任契約書')
    await user.click(screen.getByRole('button', { name: '作成' }))
    expect(screen.getByText('原告を選んでください。')).toBeInTheDocument()
    expect(screen.getByLabelText('原告を検索')).toHaveFocus()
    expect(screen.getByLabelText('原告を検索')).toHaveAttribute('aria-invalid', 'true')

    await chooseDocument(user, '当事者目録')
    await user.click(screen.getByRole('button', { name: '作成' }))
    expect(screen.getByText('手続を選んでください。')).toBeInTheDocument()
    expect(proceedingSelect()).toHaveFocus()
    expect(api.posts()).toHaveLength(0)
  })

  it('adapts the form to the document: claimant or proceeding, the kind of proceeding, the formats', async () => {
    signIn()
    documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    const documents = optionTexts(screen.getByLabelText('書類'))
    expect(documents).toEqual([
      '提出書類一式（訴状又は調停申立書・請求一覧・当事者目録・損害一覧）',
      '訴状',
      '請求一覧',
      '当事者目録',
      '損害一覧',
      '証拠説明書',
      '訴訟委任契約書',
      '委任状',
      '調停申立書',
      'mints提出用パッケージ（ZIP）',
    ])
    // the bundle: a proceeding, PDF only
    expect(radioNames('形式')).toEqual(['PDF'])
    expect(screen.queryByLabelText('原告を検索')).not.toBeInTheDocument()

    // the damage schedule: a claimant search, the proceeding optional
    await chooseDocument(user, '損害一覧')
    expect(screen.getByLabelText('原告を検索')).toBeInTheDocument()
    expect(optionTexts(proceedingSelect())[0]).toBe('指定しない')
    expect(radioNames('形式')).toEqual(['PDF', 'Word（DOCX）'])

    // the complaint: lawsuits only, no claimant
    await chooseDocument(user, '訴状')
    expect(screen.queryByLabelText('原告を検索')).not.toBeInTheDocument()
    expect(optionTexts(proceedingSelect())).toEqual(['選択してください', '第1次訴訟（訴訟）', '第2次訴訟（訴訟）'])
    expect(screen.getByText('訴訟の手続だけを表示しています。')).toBeInTheDocument()

    // the party list: every proceeding (a mediation petition has one too)
    await chooseDocument(user, '当事者目録')
    expect(optionTexts(proceedingSelect())).toEqual(['選択してください', '第1次訴訟（訴訟）', '第1次調停（調停）', '第2次訴訟（訴訟）'])

    // the mediation petition: mediations only
    await chooseDocument(user, '調停申立書')
    expect(optionTexts(proceedingSelect())).toEqual(['選択してください', '第1次調停（調停）'])
    expect(screen.getByText('調停の手続だけを表示しています。')).toBeInTheDocument()

    // the mints package: ZIP only
    await chooseDocument(user, 'mints提出用パッケージ（ZIP）')
    expect(radioNames('形式')).toEqual(['ZIP'])
    expect(screen.getByRole('radio', { name: 'ZIP' })).toBeChecked()

    // the evidence list: a proceeding or a claimant
    await chooseDocument(user, '証拠説明書')
    expect(radioNames('対象')).toEqual(['手続', '原告'])
    expect(proceedingSelect()).toBeInTheDocument()
    await user.click(screen.getByRole('radio', { name: '原告' }))
    expect(screen.getByLabelText('原告を検索')).toBeInTheDocument()
    expect(screen.queryByRole('combobox', { name: /^手続/ })).not.toBeInTheDocument()
  })

  it('sends the evidence list for a claimant with the claimant only', async () => {
    signIn()
    const api = documentsApi()
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()

    await chooseDocument(user, '証拠説明書')
    await user.selectOptions(proceedingSelect(), '第1次訴訟（訴訟）')
    await user.click(screen.getByRole('radio', { name: '原告' }))
    await pickClaimant(user, '堺', /堺 花子/)
    await user.click(screen.getByRole('button', { name: '作成' }))
    await waitFor(() => expect(api.posts()).toHaveLength(1))
    expect(await bodyOf(api.posts()[0])).toEqual({ document: 'evidence-list', format: 'pdf', case_id: 1, claimant_id: 8 })
  })

  it('says that no mediation exists when the mediation petition has none to choose', async () => {
    signIn()
    documentsApi({ proceedings: [] })
    renderApp('/documents')
    const user = userEvent.setup()
    await ready()
    await chooseDocument(user, '調停申立書')
    expect(screen.getByText('調停の手続がありません。調停申立書は調停の手続についてだけ作成できます。')).toBeInTheDocument()
  })

  it('gives a viewer the history and downloads, and the form disabled with the reason', async () => {
    signIn()
    const api = documentsApi({ role: 'viewer', jobs: [succeededJob(3, 'party-list', { proceeding_id: 1 })] })
    renderApp('/documents')
    const user = userEvent.setup()

    expect(
      await screen.findByText('書類を作成する権限（renders:write）がないため、作成はできません。作成履歴の確認とダウンロードはできます。'),
    ).toBeInTheDocument()
    const submit = screen.getByRole('button', { name: '作成' })
    expect(submit).toBeDisabled()
    expect(screen.getByLabelText('書類')).toBeDisabled()
    await user.click(submit)
    expect(api.posts()).toHaveLength(0)

    const history = await screen.findByRole('table', { name: /作成履歴/ })
    await user.click(within(history).getByRole('button', { name: 'ダウンロード（当事者目録・番号 3）' }))
    await waitFor(() => expect(saved.map((s) => s.download)).toEqual(['当事者目録.pdf']))
  })

  it('lists the history, newest first: document, for whom, format, status, time and the file', async () => {
    signIn()
    documentsApi({
      jobs: [
        succeededJob(1, 'damage-schedule', { claimant_id: 7, proceeding_id: 1 }),
        renderJob(2, 'mints-package', { format: 'zip', proceeding_id: 3, status: 'failed', error: 'party list: 2 claimants without address' }),
        succeededJob(3, 'complaint', { format: 'docx', proceeding_id: 1, created_at: '2026-11-21T00:05:00Z' }),
        renderJob(4, 'engagement-contract', { claimant_id: 42, status: 'queued' }),
      ],
      handlers: { 'GET /claims-api/api/v1/claimants/42': () => problem(404, 'Not Found', 'no claimant 42') },
    })
    renderApp('/documents')

    const history = await screen.findByRole('table', { name: '作成履歴（全4件、新しい順）' })
    const headers = within(history)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
    expect(headers).toEqual(['番号', '書類', '対象', '形式', '状態', '作成日時', 'ファイル'])
    const rows = within(history).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['4', '3', '2', '1'])

    expect(rows[0]).toHaveTextContent('訴訟委任契約書')
    expect(rows[0]).toHaveTextContent('原告 番号 42')
    expect(rows[0]).toHaveTextContent('待機中')
    expect(within(rows[0]).queryByRole('button')).not.toBeInTheDocument()

    expect(rows[1]).toHaveTextContent('訴状')
    expect(rows[1]).toHaveTextContent('第1次訴訟')
    expect(rows[1]).toHaveTextContent('Word（DOCX）')
    expect(rows[1]).toHaveTextContent('完了')
    expect(rows[1]).toHaveTextContent('2026年11月21日 09:05')
    expect(within(rows[1]).getByRole('button', { name: 'ダウンロード（訴状・番号 3）' })).toBeInTheDocument()

    expect(rows[2]).toHaveTextContent('mints提出用パッケージ（ZIP）')
    expect(rows[2]).toHaveTextContent('第2次訴訟')
    expect(rows[2]).toHaveTextContent('失敗')
    expect(rows[2]).toHaveTextContent('party list: 2 claimants without address')

    expect(await within(rows[3]).findByRole('link', { name: '堺 三郎（番号 7）' })).toHaveAttribute('href', '/claimants/7')
    expect(rows[3]).toHaveTextContent('第1次訴訟')
    expect(rows[3]).toHaveTextContent('2026年11月20日 10:30')
  })

  it('shows the problem when a download is refused', async () => {
    signIn()
    documentsApi({
      jobs: [succeededJob(3, 'complaint', { proceeding_id: 1 })],
      handlers: {
        'GET /docs-render/api/v1/renders/3/download-link': () => problem(409, 'Conflict', 'Render job 3 has no file: its status is failed'),
      },
    })
    renderApp('/documents')
    const user = userEvent.setup()
    const history = await screen.findByRole('table', { name: /作成履歴/ })
    await user.click(within(history).getByRole('button', { name: /ダウンロード/ }))
    expect(await within(history).findByRole('alert')).toHaveTextContent('Render job 3 has no file')
    expect(saved).toEqual([])
  })
})
