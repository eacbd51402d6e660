import { render, screen, within } from '@testing-library/react'
import type { ReactElement } from 'react'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { I18nProvider } from '../../i18n/i18n'
import { ResultsTable, type ResultRow } from './ResultsTable'

const renderJa = (ui: ReactElement) =>
  render(
    <I18nProvider lang="ja">
      <MemoryRouter>{ui}</MemoryRouter>
    </I18nProvider>,
  )

const rows: ResultRow[] = [
  { id: 3, name: '原告 3', ok: true, text: '完了' },
  { id: 7, name: '原告 7', ok: false, text: '失敗: 段階を戻せません' },
  { id: 12, name: '', ok: true, text: '完了' },
]

describe('ResultsTable', () => {
  it('lists each claimant with a link to their page and what came of it, in the order given, failures marked', () => {
    renderJa(<ResultsTable caption="一括操作の結果" rows={rows} notOk="failed" />)

    const table = screen.getByRole('table', { name: '一括操作の結果' })
    const [head, ...body] = within(table).getAllByRole('row')
    expect(head).toHaveTextContent('原告結果')
    expect(body.map((row) => row.textContent)).toEqual(['原告 3 #3完了', '原告 7 #7失敗: 段階を戻せません', ' #12完了'])
    expect(within(body[1]).getByRole('link', { name: '#7' })).toHaveAttribute('href', '/claimants/7')
    expect(body[1]).toHaveClass('failed')
    expect(body[0]).not.toHaveClass('failed')
  })

  it('marks the rows not done as skipped, and can leave the numbers unlinked', () => {
    renderJa(<ResultsTable caption="リマインドの結果" rows={rows} notOk="skipped" linkClaimants={false} />)

    const table = screen.getByRole('table', { name: 'リマインドの結果' })
    expect(within(table).queryByRole('link')).not.toBeInTheDocument()
    const row = within(table).getByRole('row', { name: /^原告 7 / })
    expect(row).toHaveTextContent('#7失敗: 段階を戻せません')
    expect(row).toHaveClass('skipped')
    expect(row).not.toHaveClass('failed')
  })
})
