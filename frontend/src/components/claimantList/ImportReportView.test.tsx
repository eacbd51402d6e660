import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { I18nProvider, type Lang } from '../../i18n/i18n'
import { ImportReportView, type ImportReport } from './ImportReportView'

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    case_id: 1,
    file_name: 'claimants.csv',
    format: 'csv',
    encoding: 'utf-8',
    sha256: 'a'.repeat(64),
    mode: 'all',
    dry_run: true,
    rows_read: 1200,
    rows_valid: 1200,
    rows_imported: 0,
    items_imported: 0,
    imported: [],
    error_count: 0,
    errors: [],
    duplicates: [
      { row: 5, claimant_id: 152, other_row: 9, other_claimant_id: 17, reasons: ['email', 'registration_no'] },
      { row: 6, claimant_id: null, other_row: null, other_claimant_id: 18, reasons: ['name_address'] },
    ],
    ...overrides,
  } as ImportReport
}

function show(value: ImportReport, lang: Lang = 'ja') {
  return render(
    <I18nProvider lang={lang}>
      <MemoryRouter>
        <ImportReportView report={value} headingId="report" />
      </MemoryRouter>
    </I18nProvider>,
  )
}

describe('ImportReportView', () => {
  it('is step 2 of the wizard when checked, and the result once imported', () => {
    const { unmount } = show(report())
    expect(screen.getByRole('heading', { name: '2. 検査結果' })).toBeInTheDocument()
    expect(screen.getByText('読み込んだ行').parentElement).toHaveTextContent('1,200件')
    unmount()
    show(report({ dry_run: false }))
    expect(screen.getByRole('heading', { name: '取込み結果' })).toBeInTheDocument()
  })

  it('names each duplicate row’s link by its row and lists what it resembles apart', () => {
    show(report())
    const table = screen.getByRole('table', { name: /重複の疑い/ })
    const [first, second] = within(table).getAllByRole('row').slice(1)
    expect(within(first).getByRole('link', { name: '5行目' })).toHaveAttribute('href', '/claimants/152')
    expect(within(first).getByRole('link', { name: '既存の原告 17' })).toHaveAttribute('href', '/claimants/17')
    expect(first).toHaveTextContent('5行目9行目、既存の原告 17メールアドレス、登録番号')
    expect(within(second).queryByRole('link', { name: '6行目' })).not.toBeInTheDocument()
    expect(second).toHaveTextContent(/^6行目既存の原告 18氏名と住所$/)
  })

  it('joins the parts the English way in English', () => {
    show(report(), 'en')
    const table = screen.getAllByRole('table').at(-1)!
    const first = within(table).getAllByRole('row')[1]
    expect(first.textContent).not.toMatch(/、/)
    expect(first.textContent).toMatch(/ and /)
  })
})
