import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { adminApi, hearing } from '../components/admin/testApi'
import { renderApp, signIn } from '../test/helpers'

describe('SettingsCasePage', () => {
  it('is in the main menu of every role: the case page is everyone’s to read', async () => {
    for (const role of ['lawyer', 'staff'] as const) {
      signIn()
      adminApi({ role })
      const { unmount } = renderApp('/claimants')
      const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
      expect(await within(nav).findByRole('link', { name: '設定' })).toHaveAttribute('href', '/settings/case')
      unmount()
    }
  })

  it('saves the defendant and the case with the ETag it read, amounts with separators', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case')

    const form = await screen.findByRole('form', { name: '事件と被告' })
    const name = within(form).getByRole('textbox', { name: '被告の名称（必須）' })
    expect(name).toHaveValue('株式会社デモシステム')
    expect(within(form).getByText('= 1,000,000円')).toBeInTheDocument()
    await user.clear(name)
    await user.type(name, '株式会社デモクラウド')
    const amount = within(form).getByRole('textbox', { name: '信用毀損の額（1原告あたり）' })
    await user.clear(amount)
    await user.type(amount, '1,200,000')
    expect(within(form).getByText('= 1,200,000円')).toBeInTheDocument()
    await user.click(within(form).getByRole('button', { name: '事件を保存' }))

    expect(await within(form).findByText('保存しました。')).toBeInTheDocument()
    const [put] = api.sent('PUT', '/cases/1')
    expect(put.headers.get('If-Match')).toBe('"case-1"')
    const body = (await put.json()) as Record<string, unknown>
    expect(body).toMatchObject({ defendant_name: '株式会社デモクラウド', reputation_amount: 1200000, incident_date: '2023-06-05', served_on: null })
    expect(api.state.case.defendant_name).toBe('株式会社デモクラウド')
  })

  it('refuses an amount that is not whole yen before sending, and shows the API’s field error', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case')
    const form = await screen.findByRole('form', { name: '事件と被告' })
    const amount = within(form).getByRole('textbox', { name: '信用毀損の額（1原告あたり）' })
    await user.clear(amount)
    await user.type(amount, '12万')
    await user.click(within(form).getByRole('button', { name: '事件を保存' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('円単位の整数で入力してください')
    expect(amount).toHaveAttribute('aria-invalid', 'true')
    expect(api.sent('PUT', '/cases/1')).toHaveLength(0)

    await user.clear(amount)
    await user.type(amount, '1000000')
    await user.clear(within(form).getByRole('textbox', { name: '被告の名称（必須）' }))
    await user.click(within(form).getByRole('button', { name: '事件を保存' }))
    const alert = await within(form).findByRole('alert')
    expect(alert).toHaveTextContent('defendant_name: String should have at least 1 character')
    expect(within(form).getByRole('textbox', { name: '被告の名称（必須）' })).toHaveAttribute('aria-invalid', 'true')
  })

  it('says so when someone else changed the case first (412) and shows what is stored now', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case')
    const form = await screen.findByRole('form', { name: '事件と被告' })
    api.state.case = { ...api.state.case, court: '東京地方裁判所' }
    api.state.caseVersion = 2
    await user.click(within(form).getByRole('button', { name: '事件を保存' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent('ほかの人が先に変更していたため保存しませんでした')
    await waitFor(() => expect(within(form).getByRole('textbox', { name: '裁判所（必須）' })).toHaveValue('東京地方裁判所'))
  })

  it('lists the proceedings, edits one with its ETag and adds one', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case')

    const table = await screen.findByRole('table', { name: '手続 2件' })
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))
    expect(rows[0].slice(0, 7)).toEqual(['第1次調停', '調停', '大阪簡易裁判所', '—', '2024年5月23日', '係属中', '2名'])
    await user.click(within(table).getByRole('button', { name: '編集・原告（第1次調停）' }))

    const edit = await screen.findByRole('form', { name: '「第1次調停」を編集' })
    const caseNumber = within(edit).getByRole('textbox', { name: '事件番号' })
    await user.type(caseNumber, '令和6年(ノ)第123号')
    await user.selectOptions(within(edit).getByRole('combobox', { name: '状況' }), 'settled')
    await user.click(within(edit).getByRole('button', { name: '手続を保存' }))
    expect(await within(edit).findByText('保存しました。')).toBeInTheDocument()
    const [patch] = api.sent('PATCH', '/proceedings/1')
    expect(patch.headers.get('If-Match')).toBe('"p1-1"')
    expect(await patch.json()).toMatchObject({ case_number: '令和6年(ノ)第123号', status: 'settled' })
    expect(await screen.findByRole('cell', { name: '成立・和解' })).toBeInTheDocument()

    const create = screen.getByRole('form', { name: '手続を追加' })
    await user.click(within(create).getByRole('button', { name: '手続を追加' }))
    expect(await within(create).findByRole('alert')).toHaveTextContent('name: String should have at least 1 character')
    await user.selectOptions(within(create).getByRole('combobox', { name: '種類' }), 'mediation')
    await user.type(within(create).getByRole('textbox', { name: '手続の名称（必須）' }), '第2次調停')
    await user.type(within(create).getByRole('textbox', { name: '裁判所（必須）' }), '大阪簡易裁判所')
    await user.click(within(create).getByRole('button', { name: '手続を追加' }))
    expect(await within(create).findByText('手続「第2次調停」を追加しました。')).toBeInTheDocument()
    expect(await screen.findByRole('table', { name: '手続 3件' })).toBeInTheDocument()
    const posts = api.sent('POST', '/cases/1/proceedings')
    expect(posts.at(-1)?.headers.get('Idempotency-Key')).toBeTruthy()
  })

  it('lists a proceeding’s members, adds one found by search and removes one after confirming', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')

    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    const members = await within(panel).findByRole('table', { name: '2名（番号順）' })
    expect(within(members).getByRole('link', { name: '堺 三郎' })).toHaveAttribute('href', '/claimants/7')

    await user.type(within(panel).getByRole('searchbox', { name: '原告を検索して追加' }), '天満')
    const results = await within(panel).findByRole('list', { name: '検索結果' })
    await user.click(within(results).getByRole('button', { name: '追加（天満 次郎）' }))
    expect(await within(panel).findByText('番号 3 で追加しました。')).toBeInTheDocument()
    expect(await within(panel).findByRole('table', { name: '3名（番号順）' })).toBeInTheDocument()
    expect(api.state.members[1]).toEqual([7, 8, 9])

    await user.click(within(panel).getByRole('button', { name: '除外（難波 花子）' }))
    const question = within(panel).getByRole('group', { name: '難波 花子 を「第1次調停」から除外しますか？' })
    await user.click(within(question).getByRole('button', { name: '除外する' }))
    expect(await within(panel).findByRole('table', { name: '2名（番号順）' })).toBeInTheDocument()
    const [del] = api.sent('DELETE', '/proceedings/1/members/8')
    expect(del.headers.get('If-Match')).toMatch(/^"p1-\d+"$/)
    expect(api.state.members[1]).toEqual([7, 9])
  })

  it('shows the hearings on a month calendar, keyboard navigable, each linking to the 期日 page', async () => {
    signIn()
    adminApi({ hearings: [hearing(11, 1, '2027-01-14T01:30:00Z'), hearing(12, 1, '2027-01-20T05:00:00Z', { kind: 'deadline', status: 'cancelled' })] })
    const user = userEvent.setup()
    renderApp('/settings/case')

    const grid = await screen.findByRole('grid', { name: '2027年1月' })
    expect(screen.getByText('この月の期日 2件')).toBeInTheDocument()
    const cell = within(grid).getByRole('gridcell', { name: /2027年1月14日.*期日 1件/ })
    expect(within(cell).getByRole('link', { name: /10:30 調停期日/ })).toHaveAttribute('href', '/hearings?hearing=11')
    expect(cell).toHaveAttribute('tabindex', '0')

    cell.focus()
    fireEvent.keyDown(cell, { key: 'ArrowRight' })
    await waitFor(() => expect(within(grid).getByRole('gridcell', { name: /2027年1月15日/ })).toHaveFocus())
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    await waitFor(() => expect(within(grid).getByRole('gridcell', { name: /2027年1月22日/ })).toHaveFocus())
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' })
    expect(await screen.findByRole('grid', { name: '2027年2月' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('gridcell', { name: /2027年2月22日/ })).toHaveFocus())

    await user.click(screen.getByRole('button', { name: '前の月' }))
    expect(screen.getByRole('grid', { name: '2027年1月' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '期日の画面へ' })).toHaveAttribute('href', '/hearings')
    // no form to schedule a hearing here: the 期日 page has it
    expect(screen.queryByRole('button', { name: /期日を登録/ })).not.toBeInTheDocument()
  })

  it('explains the placeholders and saves the office, counsel and texts with the ETag', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case')

    const form = await screen.findByRole('form', { name: '書面の文案と代理人' })
    expect(within(form).getByText('{defendant_name}')).toBeInTheDocument()
    expect(within(form).getByText('被告の名称')).toBeInTheDocument()
    const cause = within(form).getByRole('textbox', { name: '訴状 第2 請求の原因' })
    await user.type(cause, '{{total}{{tota}')
    expect(within(form).getByText('次の記号は置き換えられず、そのまま印字されます: {tota}')).toBeInTheDocument()

    await user.click(within(form).getByRole('button', { name: '下へ（弁護士 山田）' }))
    expect(within(form).getByRole('textbox', { name: '代理人1 氏名（必須）' })).toHaveValue('弁護士 川口')
    await user.click(within(form).getByRole('button', { name: '代理人を追加' }))
    await user.click(within(form).getByRole('button', { name: '文案と代理人を保存' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent('counsel.2.name')
    expect(within(form).getByRole('textbox', { name: '代理人3 氏名（必須）' })).toHaveAttribute('aria-invalid', 'true')

    await user.type(within(form).getByRole('textbox', { name: '代理人3 氏名（必須）' }), '弁護士 森')
    await user.click(within(form).getByRole('button', { name: '文案と代理人を保存' }))
    expect(await within(form).findByText('保存しました。')).toBeInTheDocument()
    const puts = api.sent('PUT', '/cases/1/filing-settings')
    const last = puts.at(-1)!
    expect(last.headers.get('If-Match')).toBe('"filing-1"')
    const body = (await last.json()) as { counsel: { name: string }[]; texts: { complaint_cause: string; mediation_resolution_items: string[] } }
    expect(body.counsel.map((c) => c.name)).toEqual(['弁護士 川口', '弁護士 山田', '弁護士 森'])
    expect(body.texts.complaint_cause.endsWith('{total}{tota}')).toBe(true)
    expect(body.texts.mediation_resolution_items).toEqual(['相当額の支払'])
  })

  it('shows a viewer 権限がありません and the settings without any write control', async () => {
    signIn()
    const api = adminApi({ role: 'viewer' })
    renderApp('/settings/case?proceeding=1')

    expect(await screen.findByText('権限がありません')).toBeInTheDocument()
    expect(screen.getByText(/この画面は閲覧のみです/)).toBeInTheDocument()
    const form = await screen.findByRole('form', { name: '事件と被告' })
    expect(within(form).getByRole('textbox', { name: '被告の名称（必須）' })).toBeDisabled()
    await screen.findByRole('table', { name: '2名（番号順）' })
    await screen.findByRole('form', { name: '書面の文案と代理人' })
    for (const name of ['事件を保存', '文案と代理人を保存', '手続を追加', '代理人を追加', '手続を保存']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    }
    expect(screen.queryByRole('button', { name: /^除外/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '原告を見る（第1次調停）' })).toBeInTheDocument()
    expect(api.requests.filter((r) => r.method !== 'GET')).toHaveLength(0)
  })

  it('lets staff add and remove members only, saying the rest is not theirs to change', async () => {
    signIn()
    adminApi({ role: 'staff' })
    renderApp('/settings/case?proceeding=1')
    expect(await screen.findByText('権限がありません')).toBeInTheDocument()
    expect(screen.getByText(/原告の追加と除外だけです/)).toBeInTheDocument()
    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' })
    await within(panel).findByRole('table', { name: '2名（番号順）' })
    expect(within(panel).getByRole('searchbox', { name: '原告を検索して追加' })).toBeInTheDocument()
    expect(within(panel).getByRole('button', { name: '除外（堺 三郎）' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '事件を保存' })).not.toBeInTheDocument()
    expect(screen.queryByRole('form', { name: '「第1次調停」を編集' })).not.toBeInTheDocument()
  })
})
