import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { proceeding } from '../../test/fixtures'
import { json, problem, renderApp, signIn } from '../../test/helpers'
import { adminApi } from './testApi'

/** The proceeding as claims-api sends it, with its ETag. */
function proceedingRecord() {
  const response = json({ ...proceeding(1, 'mediation', '第1次調停', { filed_on: '2024-05-23', status: 'pending' }), member_count: 2 })
  response.headers.set('ETag', '"p1-1"')
  return response
}

describe('MembersPanel', () => {
  it('says why 除外 cannot be used when the proceeding could not be read, and a retry makes it usable', async () => {
    signIn()
    let failures = 1
    const api = adminApi({
      role: 'staff',
      handlers: {
        'GET /claims-api/api/v1/proceedings/1': () => (failures-- > 0 ? problem(503, 'Service Unavailable', 'the database is busy') : proceedingRecord()),
      },
    })
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')
    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    const alert = await within(panel).findByRole('alert')
    expect(alert).toHaveTextContent('the database is busy')
    expect(within(panel).getByText('手続の情報を読み込めないため、原告を除外できません。')).toBeInTheDocument()
    expect(within(panel).getByRole('button', { name: '除外（堺 三郎）' })).toHaveAttribute('aria-disabled', 'true')

    await user.click(within(alert).getByRole('button', { name: '再試行' }))
    await waitFor(() => expect(within(panel).getByRole('button', { name: '除外（堺 三郎）' })).not.toHaveAttribute('aria-disabled'))
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument()
    await user.click(within(panel).getByRole('button', { name: '除外（堺 三郎）' }))
    await user.click(within(panel).getByRole('button', { name: '除外する' }))
    await waitFor(() => expect(api.state.members[1]).toEqual([8]))
  })

  it('keeps the focus on the panel when the row or the button that had it goes away', async () => {
    signIn()
    adminApi({ role: 'staff' })
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')
    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    await within(panel).findByRole('table', { name: '2名（番号順）' })

    // 追加 becomes 追加済み: the focus goes to what was said
    await user.type(within(panel).getByRole('searchbox', { name: '原告を検索して追加' }), '天満')
    const results = await within(panel).findByRole('list', { name: '検索結果' })
    await user.click(within(results).getByRole('button', { name: '追加（天満 次郎）' }))
    const added = await within(panel).findByText('番号 3 で追加しました。')
    await waitFor(() => expect(added).toHaveFocus())
    expect(await within(results).findByText('追加済み')).toBeInTheDocument()

    // the removed row goes: the focus goes to 除外しました
    await waitFor(() => expect(within(panel).getByRole('button', { name: '除外（難波 花子）' })).not.toHaveAttribute('aria-disabled'))
    await user.click(within(panel).getByRole('button', { name: '除外（難波 花子）' }))
    await user.click(within(panel).getByRole('button', { name: '除外する' }))
    const removed = await within(panel).findByText('除外しました。')
    await waitFor(() => expect(removed).toHaveFocus())
    await waitFor(() => expect(within(panel).queryByRole('link', { name: '難波 花子' })).not.toBeInTheDocument())
  })

  it('returns the focus to the heading when a removal fails and its question closes', async () => {
    signIn()
    adminApi({
      role: 'staff',
      handlers: { 'DELETE /claims-api/api/v1/proceedings/1/members/8': () => problem(412, 'Precondition Failed', 'changed') },
    })
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')
    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    await waitFor(() => expect(within(panel).getByRole('button', { name: '除外（難波 花子）' })).not.toHaveAttribute('aria-disabled'))
    await user.click(within(panel).getByRole('button', { name: '除外（難波 花子）' }))
    await user.click(within(panel).getByRole('button', { name: '除外する' }))
    expect(await within(panel).findByRole('alert')).toBeInTheDocument()
    expect(within(panel).queryByRole('group', { name: /除外しますか/ })).not.toBeInTheDocument()
    expect(within(panel).getByRole('heading', { name: '「第1次調停」の申立人・原告' })).toHaveFocus()
  })

  it('shows a search result’s office in the language of the page', async () => {
    signIn()
    adminApi({ role: 'staff' })
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1', 'en')
    const panel = await screen.findByRole('region', { name: 'Petitioners / plaintiffs of "第1次調停"' })
    await user.type(within(panel).getByRole('searchbox', { name: 'Search a claimant to add' }), '天満')
    const results = await within(panel).findByRole('list', { name: 'Search results' })
    expect(within(results).getByRole('listitem')).toHaveTextContent(/^天満 次郎 \(.+\)Add/)
    expect(within(results).getByRole('listitem').textContent).not.toMatch(/[（）]/)
  })
})

describe('ProceedingsSection', () => {
  it('gives the focus back to the proceeding’s button when its panel is closed', async () => {
    signIn()
    adminApi({ role: 'staff' })
    const user = userEvent.setup()
    const { router } = renderApp('/settings/case?proceeding=1')
    await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    await user.click(screen.getByRole('button', { name: '閉じる' }))
    expect(router.state.location.search).toBe('')
    expect(screen.queryByRole('region', { name: '「第1次調停」の申立人・原告' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '原告を見る（第1次調停）' })).toHaveFocus()
  })
})

describe('HearingCalendar', () => {
  it('writes its dates as the rest of the app does, in English too', async () => {
    signIn()
    adminApi({ role: 'viewer' })
    renderApp('/settings/case', 'en')
    const grid = await screen.findByRole('grid', { name: '2027年1月' })
    const cell = within(grid).getByRole('gridcell', { name: /^2027年1月14日\(木\)/ })
    expect(within(cell).getByRole('link')).toHaveTextContent(/^10:30 /)
  })
})
