import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type FormEvent } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { ConfirmInline, type ConfirmInlineProps } from './ConfirmInline'

function renderConfirm(props: Partial<ConfirmInlineProps> = {}) {
  const onConfirm = vi.fn()
  render(
    <ConfirmInline
      trigger="削除"
      question="この項目を削除します。よろしいですか？"
      confirmLabel="削除する"
      cancelLabel="やめる"
      danger
      onConfirm={onConfirm}
      {...props}
    />,
  )
  return { onConfirm }
}

const group = () => screen.getByRole('group', { name: 'この項目を削除します。よろしいですか？' })

describe('ConfirmInline', () => {
  it('turns the button into the question and puts the focus on the confirm button', async () => {
    const user = userEvent.setup()
    const { onConfirm } = renderConfirm()

    expect(screen.queryByRole('group')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '削除' }))
    expect(screen.queryByRole('button', { name: '削除' })).not.toBeInTheDocument()
    const confirm = within(group()).getByRole('button', { name: '削除する' })
    expect(confirm).toHaveFocus()
    expect(confirm).toHaveClass('danger')
    expect(within(group()).getByRole('button', { name: 'やめる' })).toBeInTheDocument()
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('cancels with the cancel button or Escape and gives the focus back to the button', async () => {
    const user = userEvent.setup()
    const { onConfirm } = renderConfirm()

    await user.click(screen.getByRole('button', { name: '削除' }))
    await user.click(within(group()).getByRole('button', { name: 'やめる' }))
    expect(screen.queryByRole('group')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '削除' })).toHaveFocus()

    // the keyboard alone: Enter opens, Escape closes
    await user.keyboard('{Enter}')
    expect(within(group()).getByRole('button', { name: '削除する' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('group')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '削除' })).toHaveFocus()
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('calls onConfirm once per press and stays open for the caller to close', async () => {
    const user = userEvent.setup()
    const { onConfirm } = renderConfirm()

    await user.click(screen.getByRole('button', { name: '削除' }))
    await user.keyboard('{Enter}')
    expect(onConfirm).toHaveBeenCalledTimes(1)
    expect(group()).toBeInTheDocument()
  })

  it('ignores presses while pending, and says so when given a pending label', async () => {
    const user = userEvent.setup()
    const onConfirm = vi.fn()
    const props = { trigger: '送信内容を確認する', question: '送信の確認', confirmLabel: '送信する', cancelLabel: '戻る', onConfirm, open: true }
    const { rerender } = render(<ConfirmInline {...props} pending pendingLabel="送信中…" />)

    const confirm = within(screen.getByRole('group', { name: '送信の確認' })).getByRole('button', { name: '送信中…' })
    expect(confirm).toHaveAttribute('aria-disabled', 'true')
    expect(confirm).not.toHaveClass('danger')
    await user.click(confirm)
    expect(onConfirm).not.toHaveBeenCalled()

    rerender(<ConfirmInline {...props} pending={false} pendingLabel="送信中…" />)
    await user.click(screen.getByRole('button', { name: '送信する' }))
    expect(onConfirm).toHaveBeenCalledTimes(1)
  })

  it('does not open while disabled', async () => {
    const user = userEvent.setup()
    renderConfirm({ disabled: true })

    const trigger = screen.getByRole('button', { name: '削除' })
    expect(trigger).toHaveAttribute('aria-disabled', 'true')
    await user.click(trigger)
    expect(screen.queryByRole('group')).not.toBeInTheDocument()
  })

  it('can show details under a heading that takes the focus, with the open state kept by the caller', async () => {
    const user = userEvent.setup()
    const onOpenChange = vi.fn()
    function Launch() {
      const [open, setOpen] = useState(false)
      return (
        <ConfirmInline
          trigger="送信内容を確認する"
          question="送信の確認"
          questionAs="h3"
          initialFocus="question"
          confirmLabel="送信する"
          cancelLabel="戻る"
          className="confirm"
          open={open}
          onOpenChange={(next) => {
            onOpenChange(next)
            setOpen(next)
          }}
          onConfirm={() => setOpen(false)}
        >
          <p>電子メールで1人、郵送で1人（合計2人）に通知します。</p>
        </ConfirmInline>
      )
    }
    render(<Launch />)

    const trigger = screen.getByRole('button', { name: '送信内容を確認する' })
    expect(trigger).not.toHaveAttribute('class')
    await user.click(trigger)
    const confirm = screen.getByRole('group', { name: '送信の確認' })
    expect(confirm).toHaveClass('confirm')
    expect(within(confirm).getByRole('heading', { level: 3, name: '送信の確認' })).toHaveFocus()
    expect(confirm).toHaveTextContent('電子メールで1人、郵送で1人（合計2人）に通知します。')
    await user.click(within(confirm).getByRole('button', { name: '戻る' }))
    expect(screen.getByRole('button', { name: '送信内容を確認する' })).toHaveFocus()
    expect(onOpenChange.mock.calls).toEqual([[true], [false]])

    // closed by the caller after the confirmation: the focus is not moved
    await user.click(screen.getByRole('button', { name: '送信内容を確認する' }))
    await user.click(screen.getByRole('button', { name: '送信する' }))
    expect(screen.queryByRole('group')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '送信内容を確認する' })).not.toHaveFocus()
  })

  it('as a submit button leaves the opening to its form, so Enter in a field asks too', async () => {
    const user = userEvent.setup()
    function Rotate() {
      const [open, setOpen] = useState(false)
      return (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            setOpen(true)
          }}
        >
          <input aria-label="猶予" />
          <ConfirmInline
            trigger="再発行"
            triggerType="submit"
            triggerClassName=""
            danger
            question="再発行します。よろしいですか？"
            confirmLabel="再発行する"
            cancelLabel="やめる"
            open={open}
            onOpenChange={setOpen}
            onConfirm={() => undefined}
          />
        </form>
      )
    }
    render(<Rotate />)

    const trigger = screen.getByRole('button', { name: '再発行' })
    expect(trigger).toHaveAttribute('type', 'submit')
    expect(trigger).not.toHaveClass('danger')
    await user.type(screen.getByRole('textbox', { name: '猶予' }), '48{Enter}')
    expect(within(screen.getByRole('group', { name: '再発行します。よろしいですか？' })).getByRole('button', { name: '再発行する' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.getByRole('button', { name: '再発行' })).toHaveFocus()
  })
})
