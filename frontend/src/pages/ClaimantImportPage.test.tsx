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

interface Sent {
  query: Record<string, string>
  key: string | null
  file: string
}

function importApi(answer: (sent: Sent) => Response, role: 'viewer' | 'staff' = 'staff', extra: Record<string, Handler> = {}) {
  const sent: Sent[] = []
  const api = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'POST /claims-api/api/v1/cases/1/claimant-imports': async (req, url) => {
      // (jsdom's File loses its name and content on the way into fetch's FormData: the part is checked, not the bytes)
      const form = await req.formData()
      const one = { query: Object.fromEntries(url.searchParams), key: req.headers.get('Idempotency-Key'), file: form.has('file') ? 'file' : '' }
      sent.push(one)
      return answer(one)
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

describe('ClaimantImportPage', () => {
  it('checks a file, shows the bad row by row and column, then imports the valid rows with links to them', async () => {
    signIn()
    const { sent } = importApi((one) =>
      one.query.dry_run === 'true'
        ? json(report())
        : json(
            report({
              dry_run: false,
              mode: 'valid_only',
              rows_imported: 1,
              items_imported: 1,
              imported: [{ row: 2, claimant_id: 152, items: 1 }],
              duplicates: [{ row: 2, claimant_id: 152, other_row: null, other_claimant_id: 17, reasons: ['email'] }],
            }),
            201,
          ),
    )
    renderApp('/claimants/import')
    const user = userEvent.setup()
    await chooseFile(user)
    await user.click(screen.getByRole('button', { name: '検査する（まだ取り込みません）' }))

    const heading = await screen.findByRole('heading', { name: '検査結果' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(sent[0]).toEqual({ query: { mode: 'all', dry_run: 'true' }, key: null, file: 'file' })
    const errors = screen.getByRole('table', { name: 'エラーの一覧' })
    expect(within(errors).getAllByRole('row')[1]).toHaveTextContent(/^3種別required$/)
    expect(screen.getByText('読み込んだ行').parentElement).toHaveTextContent('2件')
    expect(screen.getByText('正しい行').parentElement).toHaveTextContent('1件')
    const duplicates = screen.getByRole('table', { name: /重複の疑い/ })
    expect(within(duplicates).getByRole('link', { name: '既存の原告 17' })).toHaveAttribute('href', '/claimants/17')
    expect(duplicates).toHaveTextContent('メールアドレス')

    await user.click(screen.getByLabelText('正しい行だけを取り込み、エラーの行は除く'))
    await user.click(screen.getByRole('button', { name: '取り込む' }))
    expect(await screen.findByText('1名の原告を取り込みました。')).toBeInTheDocument()
    expect(sent[1].query).toEqual({ mode: 'valid_only', dry_run: 'false' })
    expect(sent[1].key).toMatch(/^[0-9a-f-]{36}$/)
    expect(screen.getByRole('link', { name: '2行目 → 原告 152（損害項目 1件）' })).toHaveAttribute('href', '/claimants/152')
    expect(screen.queryByRole('button', { name: '取り込む' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '別のファイルを取り込む' }))
    expect(screen.queryByText('1名の原告を取り込みました。')).not.toBeInTheDocument()
  })

  it('with "all" and a bad row nothing is imported: the problem and the full report are shown', async () => {
    signIn()
    const { sent } = importApi((one) =>
      one.query.dry_run === 'true'
        ? json(report())
        : one.query.mode === 'valid_only'
          ? json(report({ dry_run: false, mode: 'valid_only', rows_imported: 1, items_imported: 1, imported: [{ row: 2, claimant_id: 152, items: 1 }] }), 201)
          : problem(422, 'Import invalid', '1 row has errors; nothing was imported', {
            type: 'import-invalid',
            errors: [{ field: 'row 3: 種別', reason: 'required' }],
            report: report({ dry_run: false }),
          }),
    )
    renderApp('/claimants/import')
    const user = userEvent.setup()
    await chooseFile(user)
    await user.click(screen.getByRole('button', { name: '検査する（まだ取り込みません）' }))
    await screen.findByRole('heading', { name: '検査結果' })
    await user.click(screen.getByRole('button', { name: '取り込む' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('1 row has errors; nothing was imported')
    expect(alert).toHaveTextContent('項目: row 3: 種別')
    expect(screen.getByText('取込みは行われませんでした。エラーの一覧を確認してください。')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '取込み結果' })).toBeInTheDocument()
    expect(within(screen.getByRole('table', { name: 'エラーの一覧' })).getAllByRole('row')).toHaveLength(2)

    // then only the valid rows, under a key of its own (the first one was for the whole file)
    await user.click(screen.getByLabelText('正しい行だけを取り込み、エラーの行は除く'))
    await user.click(screen.getByRole('button', { name: '取り込む' }))
    expect(await screen.findByText('1名の原告を取り込みました。')).toBeInTheDocument()
    expect(sent.map((one) => one.query.mode)).toEqual(['all', 'all', 'valid_only'])
    expect(sent[2].key).not.toBe(sent[1].key)
  })

  it('takes a dropped file, refuses other types, and shows a file the API cannot read', async () => {
    signIn()
    importApi(() => problem(422, 'Invalid input', 'the file is not CSV or XLSX', { errors: [{ field: 'file', reason: 'cannot be read' }] }))
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
    expect(alert).toHaveTextContent('the file is not CSV or XLSX')
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
    const { requests } = importApi(() => json({}), 'staff', {
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

  it('tells a viewer that importing needs staff, and offers no file input', async () => {
    signIn()
    importApi(() => json({}), 'viewer')
    renderApp('/claimants/import')
    expect(await screen.findByText('原告の取込みは事務局以上の権限が必要です。')).toBeInTheDocument()
    expect(screen.queryByLabelText('取り込むファイル（CSV・Excel）')).not.toBeInTheDocument()
  })
})
