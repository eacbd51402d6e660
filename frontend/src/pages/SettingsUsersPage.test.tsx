import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { adminApi, user as makeUser } from '../components/admin/testApi'
import { renderApp, signIn } from '../test/helpers'

function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!
}

describe('SettingsUsersPage', () => {
  it('lists the users with role and status; the admin’s own row has no controls', async () => {
    signIn()
    adminApi()
    renderApp('/settings/users')

    const table = await screen.findByRole('table', { name: '利用者 3名（有効 2名）' })
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].slice(1, 4).map((c) => c.textContent))
    expect(rows).toEqual([
      ['admin1@example.com', '管理者', '有効'],
      ['lawyer2@example.com', '弁護士', '有効'],
      ['staff3@example.com', '事務局', '無効'],
    ])
    const mine = rowOf(table, '管理 太郎')
    expect(within(mine).getByText('自分自身（変更不可）')).toBeInTheDocument()
    expect(within(mine).queryByRole('button')).not.toBeInTheDocument()
    expect(within(rowOf(table, '事務 花子')).getByRole('button', { name: '有効に戻す（事務 花子）' })).toBeInTheDocument()
    expect(within(mine).getByRole('link', { name: '履歴（管理 太郎）' })).toHaveAttribute('href', '/audit?entity=user&entity_id=1')
  })

  it('changes a role and deactivates a user after confirming', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/users')

    const table = await screen.findByRole('table', { name: '利用者 3名（有効 2名）' })
    const row = rowOf(table, '弁護士 山田')
    await user.selectOptions(within(row).getByRole('combobox', { name: '弁護士 山田 の役割' }), 'viewer')
    await user.click(within(row).getByRole('button', { name: '役割を変更（弁護士 山田）' }))
    await waitFor(() => expect(within(rowOf(table, '弁護士 山田')).getByRole('cell', { name: '閲覧者' })).toBeInTheDocument())
    expect(await api.sent('PATCH', '/users/2')[0].json()).toEqual({ role: 'viewer' })

    await user.click(within(rowOf(table, '弁護士 山田')).getByRole('button', { name: '無効にする（弁護士 山田）' }))
    const question = screen.getByRole('group', { name: /弁護士 山田（lawyer2@example.com）を無効にしますか？/ })
    expect(within(question).getByRole('button', { name: '無効にする' })).toHaveFocus()
    await user.click(within(question).getByRole('button', { name: '無効にする' }))
    expect(await screen.findByRole('table', { name: '利用者 3名（有効 1名）' })).toBeInTheDocument()
    expect(await api.sent('PATCH', '/users/2')[1].json()).toEqual({ is_active: false })
    expect(api.state.users.find((u) => u.id === 2)?.is_active).toBe(false)
  })

  it('shows the API’s refusal: the last active admin (409)', async () => {
    signIn()
    adminApi({ meId: 9, users: [makeUser(1, '管理 太郎', 'admin'), makeUser(2, '弁護士 山田', 'lawyer')] })
    const user = userEvent.setup()
    renderApp('/settings/users')
    const table = await screen.findByRole('table', { name: '利用者 2名（有効 2名）' })
    const row = rowOf(table, '管理 太郎')
    await user.click(within(row).getByRole('button', { name: '無効にする（管理 太郎）' }))
    await user.click(within(row).getByRole('button', { name: '無効にする' }))
    const alert = await within(row).findByRole('alert')
    expect(alert).toHaveTextContent('Conflict')
    expect(alert).toHaveTextContent('this is the last active admin')
  })

  it('adds a user: the password rule is checked first, the API’s field error is shown', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/users')

    const form = await screen.findByRole('form', { name: '利用者を追加' })
    await user.type(within(form).getByRole('textbox', { name: 'メールアドレス（必須）' }), 'not-an-address')
    await user.type(within(form).getByRole('textbox', { name: '氏名（必須）' }), '閲覧 次郎')
    await user.selectOptions(within(form).getByRole('combobox', { name: '役割' }), 'viewer')
    expect(within(form).getByText('閲覧のみ（変更は一切できません）')).toBeInTheDocument()
    const password = within(form).getByLabelText('初期パスワード（必須）')
    await user.type(password, 'short')
    await user.click(within(form).getByRole('button', { name: '利用者を追加' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('12文字以上200文字以内')
    expect(api.sent('POST', '/users')).toHaveLength(0)

    await user.type(password, ' but long enough')
    await user.click(within(form).getByRole('button', { name: '利用者を追加' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent('email: value is not a valid email address')
    expect(within(form).getByRole('textbox', { name: 'メールアドレス（必須）' })).toHaveAttribute('aria-invalid', 'true')

    const email = within(form).getByRole('textbox', { name: 'メールアドレス（必須）' })
    await user.clear(email)
    await user.type(email, 'viewer2@example.com')
    await user.click(within(form).getByRole('button', { name: '利用者を追加' }))
    expect(await within(form).findByText('閲覧 次郎 を追加しました。')).toBeInTheDocument()
    expect(await screen.findByRole('table', { name: '利用者 4名（有効 3名）' })).toBeInTheDocument()
    const post = api.sent('POST', '/users').at(-1)!
    expect(post.headers.get('Idempotency-Key')).toBeTruthy()
    expect(await post.json()).toEqual({ email: 'viewer2@example.com', name: '閲覧 次郎', role: 'viewer', password: 'short but long enough' })
  })

  it.each(['lawyer', 'staff', 'viewer'] as const)('tells a %s 権限がありません and reads no user', async (role) => {
    signIn()
    const api = adminApi({ role })
    renderApp('/settings/users')
    expect(await screen.findByText('権限がありません')).toBeInTheDocument()
    expect(screen.getByText(/users:admin/)).toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '利用者を追加' })).not.toBeInTheDocument()
    expect(api.sent('GET', '/users')).toHaveLength(0)
  })
})
