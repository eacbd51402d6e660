import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp, signIn } from '../../test/helpers'
import { dashboardApi } from './testApi'

describe('ProceedingSection', () => {
  it('separates a proceeding’s details the way the language does', async () => {
    signIn()
    dashboardApi()
    renderApp('/dashboard', 'en')
    const heading = await screen.findByRole('heading', { name: 'Claim and filing fee per proceeding' })
    const table = within(heading.closest('section')!).getByRole('table')
    const details = within(table).getAllByRole('rowheader')[0].querySelector('.hint')!
    expect(details.textContent).toContain('大阪簡易裁判所 · 令和6年(ノ)第123号')
    expect(details.textContent).not.toContain('・')
  })
})
