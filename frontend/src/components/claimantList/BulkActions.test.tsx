import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { caseRecord, claimant, page, principal, proceeding } from '../../test/fixtures'
import { json, mockApi, problem, renderApp, signIn } from '../../test/helpers'

const claimants = [claimant(1, '原告 1'), claimant(2, '原告 2'), claimant(3, '原告 3')]

/** The list as staff sees it; moving claimant 2's stage is refused. */
function listApi() {
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
    'GET /claims-api/api/v1/claimants': () => json(page(claimants, claimants.length)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json([proceeding(3, 'lawsuit', '本訴訟')]),
    'POST /claims-api/api/v1/claimants/1/stage': () => json(claimant(1, '原告 1', { stage: 'filed' })),
    'POST /claims-api/api/v1/claimants/2/stage': () => problem(409, 'Stage requirements not met', 'missing checklist items: originals'),
  })
}

async function selectTwo() {
  const user = userEvent.setup()
  renderApp('/claimants')
  await screen.findByRole('link', { name: '原告 1' })
  await user.click(screen.getByRole('checkbox', { name: '原告 1を選択' }))
  await user.click(screen.getByRole('checkbox', { name: '原告 2を選択' }))
  const section = screen.getByRole('region', { name: '選択した原告の一括操作' })
  return { user, section }
}

describe('BulkActions', () => {
  it('keeps the focus on the count when the selection is cleared', async () => {
    signIn()
    listApi()
    const { user, section } = await selectTwo()
    await user.click(within(section).getByRole('button', { name: '選択を解除' }))
    const count = within(section).getByText('0件選択中')
    expect(count).toHaveFocus()
    expect(within(section).queryByRole('button', { name: '選択を解除' })).not.toBeInTheDocument()
  })

  it('says the end of a run in the live region there before it started, and gives the focus to the heading on closing', async () => {
    signIn()
    listApi()
    const { user, section } = await selectTwo()
    const before = within(section).getAllByRole('status')
    await user.selectOptions(within(section).getByLabelText('移動先の段階'), '提出済')
    await user.click(within(section).getByRole('button', { name: '2件の段階を移動' }))
    const summary = await within(section).findByText('段階を移動: 成功 1件、失敗 1件')
    // the same element, its text changed: a region mounted with its text is not announced by many screen readers
    expect(before).toContain(summary)
    expect(summary).toHaveAttribute('role', 'status')

    await user.click(within(section).getByRole('button', { name: '結果を閉じる' }))
    expect(within(section).queryByRole('table', { name: '一括操作の結果' })).not.toBeInTheDocument()
    expect(within(section).getByRole('heading', { name: '選択した原告の一括操作' })).toHaveFocus()
    await waitFor(() => expect(summary).toBeEmptyDOMElement())
    expect(summary).toBeInTheDocument()
  })
})
