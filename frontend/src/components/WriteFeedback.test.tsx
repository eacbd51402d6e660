import { render, screen } from '@testing-library/react'
import type { ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { I18nProvider } from '../i18n/i18n'
import { OverwrittenFields, WriteFeedback } from './WriteFeedback'

const renderJa = (ui: ReactElement) => render(<I18nProvider lang="ja">{ui}</I18nProvider>)
const stale = new ApiError(412, { title: 'Precondition Failed', status: 412 })
const refused = new ApiError(422, { title: '入力に誤りがあります', status: 422, errors: [{ field: 'court', reason: '必須です' }] })
const labels: Record<string, string> = { court: '裁判所', case_number: '事件番号' }

describe('WriteFeedback', () => {
  it('says it is saving in the live region while pending, then what was done', () => {
    const { rerender } = renderJa(<WriteFeedback pending done={null} error={null} />)
    expect(screen.getByRole('status')).toHaveTextContent('保存しています…')
    rerender(
      <I18nProvider lang="ja">
        <WriteFeedback pending={false} done="保存しました。" error={null} />
      </I18nProvider>,
    )
    expect(screen.getByRole('status')).toHaveTextContent('保存しました。')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('leaves the live region empty while pending when told nothing about it (the button says it)', () => {
    renderJa(<WriteFeedback done={null} error={null} />)
    expect(screen.getByRole('status')).toBeEmptyDOMElement()
  })

  it('shows a 412 as the notice with the fields it changed, and the hint unless it is turned off', () => {
    const conflict = <OverwrittenFields overwritten={{ theirs: ['court'], yours: ['case_number'] }} label={(f: string) => labels[f]} />
    const { rerender } = renderJa(<WriteFeedback done={null} error={stale} conflict={conflict} />)
    let alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('他の利用者が先に更新しました。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 裁判所')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 事件番号。')
    expect(alert).toHaveTextContent('内容を確認し、必要であればもう一度操作してください。')

    rerender(
      <I18nProvider lang="ja">
        <WriteFeedback done={null} error={stale} conflictTitle="先に変更されていました。" conflictHint={null} conflict={conflict} />
      </I18nProvider>,
    )
    alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('先に変更されていました。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 裁判所')
    expect(alert).not.toHaveTextContent('他の利用者が先に更新しました。')
    expect(alert).not.toHaveTextContent('内容を確認し、必要であればもう一度操作してください。')
  })

  it('shows any other error as the problem, with what more the caller has to say', () => {
    renderJa(
      <WriteFeedback done={null} error={refused} conflict={<p>not shown</p>}>
        <p>この段階にはまだ必要なものがあります。</p>
      </WriteFeedback>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('入力に誤りがあります')
    expect(screen.getByRole('alert')).toHaveTextContent('court — 必須です')
    expect(screen.getByText('この段階にはまだ必要なものがあります。')).toBeInTheDocument()
    expect(screen.queryByText('not shown')).not.toBeInTheDocument()
  })
})
