import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp, signIn } from '../test/helpers'
import { adminApi } from './admin/testApi'

describe('Layout: the main menu', () => {
  it.each(['viewer', 'staff', 'lawyer', 'admin'] as const)('has 設定 for a %s, who may read the case settings', async (role) => {
    signIn()
    adminApi({ role })
    renderApp('/claimants')
    const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
    expect(await within(nav).findByRole('link', { name: '設定' })).toHaveAttribute('href', '/settings/case')
    // 保険会社連携 stays the admins' (clients:admin)
    expect(within(nav).queryByRole('link', { name: '保険会社連携' }) !== null).toBe(role === 'admin')
  })
})
