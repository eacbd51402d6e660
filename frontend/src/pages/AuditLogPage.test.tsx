import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { adminApi, auditEvent } from '../components/admin/testApi'
import { json } from '../test/helpers'
import { renderApp, signIn } from '../test/helpers'

const events = [
  ...Array.from({ length: 55 }, (_, i) => auditEvent(i + 1, { action: 'login', entity: 'user', entity_id: '1', detail: {} })),
  auditEvent(56),
  auditEvent(57, { actor: 'user:2', action: 'user.update', entity: 'user', entity_id: '3', detail: { before: { role: 'staff', is_active: true }, after: { role: 'lawyer', is_active: true } } }),
]

describe('AuditLogPage', () => {
  it('lists the newest first with before/after readable and claimant entries linked, more by 「さらに表示」', async () => {
    signIn()
    const api = adminApi({ events })
    const user = userEvent.setup()
    renderApp('/audit')

    const table = await screen.findByRole('table', { name: '新しい順に 50件を表示' })
    const rows = table.querySelectorAll(':scope > tbody > tr')
    expect(rows[0]).toHaveTextContent('#57')
    expect(within(rows[0] as HTMLElement).getByText('変更 1項目')).toBeInTheDocument()
    const changes = within(rows[0] as HTMLElement).getByRole('table')
    expect(within(changes).getAllByRole('row').map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['項目', '変更前', '変更後'],
      ['role', 'staff', 'lawyer'],
    ])
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: '原告 7' })).toHaveAttribute('href', '/claimants/7')

    await user.click(screen.getByRole('button', { name: 'さらに表示' }))
    expect(await screen.findByRole('table', { name: '新しい順に 57件を表示' })).toBeInTheDocument()
    expect(api.sent('GET', '/audit-events').map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([null, '8'])
    expect(screen.queryByRole('button', { name: 'さらに表示' })).not.toBeInTheDocument()
    expect(screen.getByText('これ以上の記録はありません。')).toBeInTheDocument()
  })

  it('filters by actor, action, entity, id and dates (Japan time, the end day included), kept in the URL', async () => {
    signIn()
    const api = adminApi({ events })
    const user = userEvent.setup()
    const { router } = renderApp('/audit')
    await screen.findByRole('table', { name: '新しい順に 50件を表示' })
    const filters = screen.getByRole('form', { name: '絞り込み' })
    await user.type(within(filters).getByRole('textbox', { name: '操作' }), 'user.update')
    await user.type(within(filters).getByRole('textbox', { name: '対象の種類' }), 'user')
    await user.type(within(filters).getByRole('textbox', { name: '対象のID' }), '3')
    await user.type(within(filters).getByLabelText('開始日'), '2026-11-01')
    await user.type(within(filters).getByLabelText('終了日'), '2026-11-30')
    await user.click(within(filters).getByRole('button', { name: '絞り込む' }))

    expect(await screen.findByRole('table', { name: '新しい順に 1件を表示' })).toBeInTheDocument()
    const last = new URL(api.sent('GET', '/audit-events').at(-1)!.url).searchParams
    expect(Object.fromEntries(last)).toMatchObject({
      action: 'user.update',
      entity: 'user',
      entity_id: '3',
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
    })
    expect(router.state.location.search).toContain('entity_id=3')

    await user.click(within(filters).getByRole('button', { name: '条件を消す' }))
    expect(await screen.findByRole('table', { name: '新しい順に 50件を表示' })).toBeInTheDocument()
    expect(within(filters).getByRole('textbox', { name: '操作' })).toHaveValue('')
  })

  it('verifies the chain and says what it found, intact or broken', async () => {
    signIn()
    adminApi({ events })
    const user = userEvent.setup()
    renderApp('/audit')
    await user.click(await screen.findByRole('button', { name: '連鎖を検査' }))
    expect(await screen.findByText(/異常なし: 57件を検査しました。/)).toBeInTheDocument()
  })

  it('shows a broken chain with the first bad entry', async () => {
    signIn()
    adminApi({
      events,
      handlers: {
        'GET /claims-api/api/v1/audit-events/verify': () =>
          json({ ok: false, entries_checked: 12, first_bad_id: 12, reason: 'hash mismatch', last_id: 11, last_hash: 'f'.repeat(64) }),
      },
    })
    const user = userEvent.setup()
    renderApp('/audit')
    await user.click(await screen.findByRole('button', { name: '連鎖を検査' }))
    expect(await screen.findByText('異常あり: 記録 #12 で連鎖が途切れています（hash mismatch）。検査した件数 12件。')).toBeInTheDocument()
  })

  it.each(['lawyer', 'staff', 'viewer'] as const)('tells a %s 権限がありません and reads nothing', async (role) => {
    signIn()
    const api = adminApi({ role, events })
    renderApp('/audit')
    expect(await screen.findByText('権限がありません')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '連鎖を検査' })).not.toBeInTheDocument()
    expect(api.sent('GET', '/audit-events')).toHaveLength(0)
  })

  it('reads in English', async () => {
    signIn()
    adminApi({ events })
    renderApp('/audit', 'en')
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument()
    expect(await screen.findByRole('table', { name: '50 entries, newest first' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Show more' })).toBeInTheDocument()
  })
})
