import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp, signIn } from '../../test/helpers'
import { adminApi, user as makeUser } from './testApi'

function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!
}

describe('UserActions: the role', () => {
  it('asks before making someone an admin: cancelled, nothing is sent; confirmed, the role changes', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/users')
    const table = await screen.findByRole('table', { name: '利用者 3名（有効 2名）' })
    const row = rowOf(table, '弁護士 山田')
    const role = within(row).getByRole('combobox', { name: '弁護士 山田 の役割' })
    await user.selectOptions(role, 'admin')
    await user.click(within(row).getByRole('button', { name: '役割を変更（弁護士 山田）' }))

    let question = within(row).getByRole('group', { name: '弁護士 山田 の役割を「弁護士」から「管理者」に変更しますか？' })
    expect(question).toHaveTextContent('監査ログの閲覧')
    expect(within(question).getByRole('button', { name: '変更する' })).toHaveFocus()
    await user.click(within(question).getByRole('button', { name: 'やめる' }))
    expect(api.sent('PATCH', '/users/2')).toEqual([])
    expect(within(row).getByRole('button', { name: '役割を変更（弁護士 山田）' })).toHaveFocus()

    await user.keyboard('{Enter}')
    question = within(row).getByRole('group', { name: /「管理者」に変更しますか/ })
    await user.click(within(question).getByRole('button', { name: '変更する' }))
    await waitFor(() => expect(within(rowOf(table, '弁護士 山田')).getByRole('cell', { name: '管理者' })).toBeInTheDocument())
    expect(await api.sent('PATCH', '/users/2')[0].json()).toEqual({ role: 'admin' })
    expect(within(rowOf(table, '弁護士 山田')).queryByRole('group')).not.toBeInTheDocument()
    expect(within(rowOf(table, '弁護士 山田')).getByRole('combobox', { name: '弁護士 山田 の役割' })).toHaveFocus()
  })

  it('asks before taking the admin role away, and not between the other roles', async () => {
    signIn()
    const api = adminApi({ meId: 9, users: [makeUser(1, '管理 太郎', 'admin'), makeUser(2, '管理 次郎', 'admin'), makeUser(3, '事務 花子', 'staff')] })
    const user = userEvent.setup()
    renderApp('/settings/users')
    const table = await screen.findByRole('table', { name: '利用者 3名（有効 3名）' })

    const admin = rowOf(table, '管理 次郎')
    await user.selectOptions(within(admin).getByRole('combobox', { name: '管理 次郎 の役割' }), 'lawyer')
    await user.click(within(admin).getByRole('button', { name: '役割を変更（管理 次郎）' }))
    const question = within(admin).getByRole('group', { name: '管理 次郎 の役割を「管理者」から「弁護士」に変更しますか？' })
    expect(question).toHaveTextContent('管理者の権限')
    expect(api.sent('PATCH', '/users/2')).toEqual([])
    // choosing another role drops the question about the former one
    await user.selectOptions(within(admin).getByRole('combobox', { name: '管理 次郎 の役割' }), 'viewer')
    expect(within(admin).queryByRole('group')).not.toBeInTheDocument()

    const staff = rowOf(table, '事務 花子')
    await user.selectOptions(within(staff).getByRole('combobox', { name: '事務 花子 の役割' }), 'viewer')
    await user.click(within(staff).getByRole('button', { name: '役割を変更（事務 花子）' }))
    expect(within(staff).queryByRole('group')).not.toBeInTheDocument()
    await waitFor(() => expect(api.sent('PATCH', '/users/3')).toHaveLength(1))
  })
})
