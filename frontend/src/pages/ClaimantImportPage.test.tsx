import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { caseRecord, principal } from '../test/fixtures'
import { json, mockApi, problem, renderApp, signIn, type Handler } from '../test/helpers'

const CSV = '種別,氏名・名称,社労士登録番号\r\n社労士（個人）,試験 太郎1,27000001\r\n,試験 太郎2,27000002\r\n'

function report(overrides: Record<string, unknown> = {}) {
  return {
    case_id: 1,
    file_name: '原告一覧.csv',
    format: 'csv',
    encoding: 'utf-8',
    sha256: 'a'.repeat(64),
    mode: 'all',
    dry_run: true,
    rows_read: 2,
    rows_valid: 1,
    rows_imported: 0,
    items_imported: 0,
    imported: [],
    error_count: 1,
    errors: [{ row: 3, column: '種別', reason: 'required' }],
    duplicates: [{ row: 2, claimant_id: null, other_row: null, other_claimant_id: 17, reasons: ['email'] }],
    ...overrides,
  }
}

type Job = ReturnType<typeof job>

function job(overrides: Record<string, unknown> = {}) {
  const body = {
    id: 7,
    case_id: 1,
    file_name: '原告一覧.csv',
    size: 120,
    sha256: 'a'.repeat(64),
    mode: 'all',
    status: 'checking',
    waiting: false,
    progress_done: 0,
    progress_total: 0,
    counts: null as Record<string, number> | null,
    requested_by: 'user:1',
    confirmed_by: null as string | null,
    created_at: '2026-12-01T01:02:03Z',
    checked_at: null as string | null,
    finished_at: null as string | null,
    report: null as ReturnType<typeof report> | null,
    problem: null as Record<string, unknown> | null,
    ...overrides,
  }
  const r = body.report
  if (r && !('counts' in overrides)) {
    body.counts = {
      rows_read: r.rows_read,
      rows_valid: r.rows_valid,
      rows_imported: r.rows_imported,
      error_count: r.error_count,
      duplicate_count: r.duplicates.length,
    }
  }
  return body
}

/** The list's entry of an import: the job without its report and problem. */
function summaryOf(full: Job) {
  const summary: Partial<Job> = { ...full }
  delete summary.report
  delete summary.problem
  return summary
}

interface Sent {
  path: string
  key: string | null
  body: unknown
}

/** claims-api as the SPA sees it: `states` are the answers to successive reads of import 7 (the last repeats). */
function importApi(states: Job[], role: 'viewer' | 'staff' = 'staff', extra: Record<string, Handler> = {}) {
  const sent: Sent[] = []
  let read = 0
  const api = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/claimant-import-jobs': () => json([summaryOf(states[Math.max(read - 1, 0)])]),
    'POST /claims-api/api/v1/cases/1/claimant-import-jobs': async (req, url) => {
      // (jsdom's File loses its name and content on the way into fetch's FormData: the part is checked, not the bytes)
      const form = await req.formData()
      sent.push({ path: url.pathname, key: req.headers.get('Idempotency-Key'), body: form.has('file') ? 'file' : '' })
      return json(states[0], 202)
    },
    'GET /claims-api/api/v1/claimant-import-jobs/7': () => json(states[Math.min(read++, states.length - 1)]),
    'POST /claims-api/api/v1/claimant-import-jobs/7/import': async (req, url) => {
      const body = await req.json()
      sent.push({ path: url.pathname, key: null, body })
      return json({ ...states[Math.min(read, states.length - 1)], status: 'importing', mode: body.mode }, 202)
    },
    'POST /claims-api/api/v1/claimant-import-jobs/7/discard': (_req, url) => {
      sent.push({ path: url.pathname, key: null, body: null })
      return json(job({ status: 'discarded', report: report() }))
    },
    ...extra,
  })
  return { ...api, sent }
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>) {
  const input = await screen.findByLabelText('取り込むファイル（CSV・Excel）')
  await user.upload(input, new File([CSV], '原告一覧.csv', { type: 'text/csv' }))
  expect(screen.getByText(/選択中: 原告一覧\.csv/)).toBeInTheDocument()
}

const checked = job({ status: 'checked', progress_done: 2, progress_total: 2, report: report(), checked_at: '2026-12-01T01:02:05Z' })
const imported = job({
  status: 'imported',
  mode: 'valid_only',
  confirmed_by: 'user:1',
  progress_done: 2,
  progress_total: 2,
  report: report({
    dry_run: false,
    mode: 'valid_only',
    rows_imported: 1,
    items_imported: 1,
    imported: [{ row: 2, claimant_id: 152, items: 1 }],
    duplicates: [{ row: 2, claimant_id: 152, other_row: null, other_claimant_id: 17, reasons: ['email'] }],
  }),
})

describe('ClaimantImportPage', () => {
  it('hands a file over, follows its check, then imports the valid rows with links to them', async () => {
    signIn()
    const { sent } = importApi([job({ progress_done: 1, progress_total: 2 }), checked, job({ ...imported, status: 'importing' }), imported])
    const { router } = renderApp('/claimants/import')
    const user = userEvent.setup()
    await chooseFile(user)
    await user.click(screen.getByRole('button', { name: '検査する（まだ取り込みません）' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/claimants/import/7'))
    expect(sent[0]).toEqual({ path: '/claims-api/api/v1/cases/1/claimant-import-jobs', key: expect.stringMatching(/^[0-9a-f-]{36}$/), body: 'file' })
    expect(await screen.findByRole('progressbar', { name: '進み具合' })).toHaveAttribute('value', '1')
    expect(screen.getByRole('progressbar', { name: '進み具合' }).parentElement).toHaveTextContent('1／2行を確認')
    expect(screen.getByText(/このページを離れても処理は続きます/)).toBeInTheDocument()

    const heading = await screen.findByRole('heading', { name: '2. 検査結果' }, { timeout: 3000 })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(screen.getByText('状態: 検査済み（取込みの確認待ち）')).toBeInTheDocument()
    const errors = screen.getByRole('table', { name: 'エラーの一覧' })
    expect(within(errors).getAllByRole('row')[1]).toHaveTextContent(/^3種別required$/)
    expect(screen.getByText('読み込んだ行').parentElement).toHaveTextContent('2件')
    const duplicates = screen.getByRole('table', { name: /重複の疑い/ })
    expect(within(duplicates).getByRole('link', { name: '既存の原告 17' })).toHaveAttribute('href', '/claimants/17')
    expect(screen.getByText('エラーの行があるため、この方法では何も取り込まれません。')).toBeInTheDocument()

    await user.click(screen.getByLabelText('正しい行だけを取り込み、エラーの行は除く'))
    await user.click(screen.getByRole('button', { name: '取り込む' }))
    expect(sent[1]).toEqual({ path: '/claims-api/api/v1/claimant-import-jobs/7/import', key: null, body: { mode: 'valid_only' } })
    expect(await screen.findByText('1名の原告を取り込みました。')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '2行目 → 原告 152（損害項目 1件）' })).toHaveAttribute('href', '/claimants/152')
    expect(screen.queryByRole('button', { name: '取り込む' })).not.toBeInTheDocument()
  })

  it('comes back to an import from its address and from the list of recent imports', async () => {
    signIn()
    importApi([checked])
    renderApp('/claimants/import/7')
    expect(await screen.findByRole('heading', { name: '取込み 第7号' })).toBeInTheDocument()
    expect(await screen.findByText('状態: 検査済み（取込みの確認待ち）')).toBeInTheDocument()
    const recent = await screen.findByRole('table', { name: '最近の取込み' })
    const row = within(recent).getAllByRole('row')[1]
    expect(row).toHaveAttribute('aria-current', 'page')
    expect(row).toHaveTextContent('検査済み（取込みの確認待ち）')
    expect(row).toHaveTextContent('読込2・正しい1・エラー1・取込0')
    expect(within(row).getByRole('link')).toHaveAttribute('href', '/claimants/import/7')
    expect(screen.getByRole('link', { name: '別のファイルを取り込む' })).toHaveAttribute('href', '/claimants/import')
  })

  it('an import refused for rows that became invalid shows the problem and offers the valid rows', async () => {
    signIn()
    const refused = job({
      ...checked,
      problem: { type: 'import-invalid', title: 'The file has errors; nothing was imported', status: 422, detail: '1 error(s) in 1 row(s)', errors: [{ field: 'row 3: 種別', reason: 'required' }] },
    })
    importApi([refused])
    renderApp('/claimants/import/7')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The file has errors; nothing was imported')
    expect(alert).toHaveTextContent('項目: row 3: 種別')
    expect(screen.getByLabelText('正しい行だけを取り込み、エラーの行は除く')).toBeChecked()
  })

  it('a file that cannot be read: the reason, and nothing to decide', async () => {
    signIn()
    importApi([
      job({
        status: 'failed',
        problem: { type: 'validation-error', title: 'Invalid input', status: 422, detail: 'file: not CSV or XLSX', errors: [{ field: 'file', reason: 'not CSV or XLSX' }] },
      }),
    ])
    renderApp('/claimants/import/7')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('file: not CSV or XLSX')
    expect(screen.getByText('状態: 失敗')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '取り込む' })).not.toBeInTheDocument()
  })

  it('closes a checked import without importing', async () => {
    signIn()
    const { sent } = importApi([checked])
    renderApp('/claimants/import/7')
    await userEvent.setup().click(await screen.findByRole('button', { name: '取り込まずに終える' }))
    expect(await screen.findByText(/この取込みは取り込まずに終えました/)).toBeInTheDocument()
    expect(sent.map((one) => one.path)).toEqual(['/claims-api/api/v1/claimant-import-jobs/7/discard'])
  })

  it('takes a dropped file, refuses other types, and shows a refusal of the upload', async () => {
    signIn()
    importApi([checked], 'staff', {
      'POST /claims-api/api/v1/cases/1/claimant-import-jobs': () =>
        problem(422, 'Invalid input', 'file: the file is larger than 20 MB', { errors: [{ field: 'file', reason: 'the file is larger than 20 MB' }] }),
    })
    renderApp('/claimants/import')
    const user = userEvent.setup()
    const zone = await screen.findByTestId('drop-zone')

    // nothing chosen: said, nothing sent
    await user.click(screen.getByRole('button', { name: '検査する（まだ取り込みません）' }))
    expect(screen.getByText('ファイルを選んでください。')).toBeInTheDocument()
    expect(screen.getByLabelText('取り込むファイル（CSV・Excel）')).toHaveFocus()

    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'memo.pdf', { type: 'application/pdf' })] } })
    expect(screen.getByText('CSV（.csv）またはExcel（.xlsx）のファイルを選んでください: memo.pdf')).toBeInTheDocument()
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], '名簿.xlsx')] } })
    expect(screen.getByText(/選択中: 名簿\.xlsx/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '検査する（まだ取り込みません）' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('file: the file is larger than 20 MB')
    expect(alert).toHaveTextContent('項目: file')
  })

  it('downloads the template', async () => {
    signIn()
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
    const created = URL.createObjectURL
    URL.createObjectURL = vi.fn(() => 'blob:x')
    const { requests } = importApi([checked], 'staff', {
      'GET /claims-api/api/v1/claimant-imports/template': () =>
        new Response('種別,氏名・名称\r\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': "attachment; filename=\"claimant-import-template.csv\"; filename*=UTF-8''%E5%8E%9F%E5%91%8A%E5%8F%96%E8%BE%BC%E3%83%86%E3%83%B3%E3%83%97%E3%83%AC%E3%83%BC%E3%83%88.csv",
          },
        }),
    })
    renderApp('/claimants/import')
    await userEvent.setup().click(await screen.findByRole('button', { name: 'テンプレート（CSV）' }))
    expect(await screen.findByText('原告取込テンプレート.csv をダウンロードしました。')).toBeInTheDocument()
    expect(saved).toEqual(['原告取込テンプレート.csv'])
    expect(new URL(requests.find((r) => r.url.includes('template'))!.url).searchParams.get('format')).toBe('csv')
    URL.createObjectURL = created
  })

  it('tells a viewer that importing needs staff: no file input, and an import can be read but not decided', async () => {
    signIn()
    importApi([checked], 'viewer')
    const { router } = renderApp('/claimants/import')
    expect(await screen.findByText('原告の取込みは事務局以上の権限が必要です。')).toBeInTheDocument()
    expect(screen.queryByLabelText('取り込むファイル（CSV・Excel）')).not.toBeInTheDocument()
    await router.navigate('/claimants/import/7')
    expect(await screen.findByRole('heading', { name: '2. 検査結果' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '取り込む' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '取り込まずに終える' })).not.toBeInTheDocument()
  })
})
