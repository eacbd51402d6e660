import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn, type Handler } from '../../test/helpers'
import { renderPart, whenSignedInUserKnown } from '../claimant/testing'
import { ReminderRules } from './ReminderRules'
import { defaultRules, rule } from './testApi'
import type { ReminderRule } from './hearings'

const RULES = 'GET /notify/api/v1/reminder-rules'

function rulesApi(role: 'viewer' | 'staff', initial: ReminderRule[], handlers: Record<string, Handler> = {}) {
  let rules = initial
  const api = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    [RULES]: () => json(rules),
    'PUT /notify/api/v1/reminder-rules/mediation_session': async (req) => {
      const body = (await req.json()) as { days_before: number[]; hour_jst: number }
      const saved = rule('mediation_session', {
        days_before: [...body.days_before].sort((a, b) => b - a),
        hour_jst: body.hour_jst,
        is_default: false,
        updated_by: 'user:staff',
        updated_at: '2026-12-01T04:00:00Z',
      })
      rules = rules.map((r) => (r.hearing_kind === 'mediation_session' ? saved : r))
      return json(saved)
    },
    'DELETE /notify/api/v1/reminder-rules/deadline': () => {
      rules = rules.map((r) => (r.hearing_kind === 'deadline' ? rule('deadline') : r))
      return new Response(null, { status: 204 })
    },
    ...handlers,
  })
  return api
}

function kind(name: string) {
  return screen.getByRole('group', { name })
}

describe('ReminderRules', () => {
  it('saves a kind’s days and hour with PUT, latest day first, and shows who changed it', async () => {
    signIn()
    const { requests } = rulesApi('staff', defaultRules())
    const user = userEvent.setup()
    renderPart(<ReminderRules />)

    const mediation = await screen.findByRole('group', { name: '調停期日' })
    const days = within(mediation).getByRole('textbox', { name: '何日前に送るか' })
    expect(days).toHaveValue('14, 7, 1')
    expect(within(mediation).getByText('初期設定')).toBeInTheDocument()
    expect(screen.getByText(/この後に登録または変更される期日から適用されます/)).toBeInTheDocument()
    await user.clear(days)
    await user.type(days, '3、１４, 7')
    await user.selectOptions(within(mediation).getByRole('combobox', { name: '送信時刻（日本時間）' }), '10時')
    await user.click(within(mediation).getByRole('button', { name: '保存（調停期日）' }))

    expect(await screen.findByText('調停期日のリマインドを「14日前・7日前・3日前、10時」に変更しました。')).toHaveAttribute('role', 'status')
    const put = requests.find((r) => r.method === 'PUT')!
    expect(new URL(put.url).pathname).toBe('/notify/api/v1/reminder-rules/mediation_session')
    expect(await put.json()).toEqual({ days_before: [14, 7, 3], hour_jst: 10 })
    expect(within(kind('調停期日')).getByText('user:staffが2026年12月1日 13:00に変更')).toBeInTheDocument()
    expect(within(kind('調停期日')).getByRole('textbox', { name: '何日前に送るか' })).toHaveValue('14, 7, 3')
    expect(within(kind('調停期日')).getByRole('button', { name: '初期設定に戻す（調停期日）' })).toBeInTheDocument()
  })

  it.each([
    ['7, 91', '「91」日前は指定できません。0〜90日の範囲で入力してください。'],
    ['7, 3, 7', '7日前が2回以上入力されています。'],
    ['1,2,3,4,5,6,7,8,9,10,11', 'リマインドは10回までです（11個入力されています）。'],
    ['7, 三', '「三」は日数として読めません。0〜90の整数をカンマで区切って入力してください。'],
  ])('refuses “%s” before sending, next to the field', async (typed, said) => {
    signIn()
    const { requests } = rulesApi('staff', defaultRules())
    const user = userEvent.setup()
    renderPart(<ReminderRules />)

    const days = within(await screen.findByRole('group', { name: '調停期日' })).getByRole('textbox', { name: '何日前に送るか' })
    await user.clear(days)
    await user.type(days, typed)
    await user.click(within(kind('調停期日')).getByRole('button', { name: '保存（調停期日）' }))

    expect(within(kind('調停期日')).getByText(said)).toBeInTheDocument()
    expect(days).toHaveAttribute('aria-invalid', 'true')
    expect(days).toHaveAccessibleDescription(expect.stringContaining(said))
    expect(days).toHaveFocus()
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0)
    // typing again clears the problem
    await user.type(days, '0')
    expect(within(kind('調停期日')).queryByText(said)).not.toBeInTheDocument()
  })

  it('sends an empty list for an empty field (no reminders)', async () => {
    signIn()
    const { requests } = rulesApi('staff', defaultRules())
    const user = userEvent.setup()
    renderPart(<ReminderRules />)
    const days = within(await screen.findByRole('group', { name: '調停期日' })).getByRole('textbox', { name: '何日前に送るか' })
    await user.clear(days)
    await user.click(within(kind('調停期日')).getByRole('button', { name: '保存（調停期日）' }))
    await screen.findByText('調停期日のリマインドを「送らない、9時」に変更しました。')
    expect(await requests.find((r) => r.method === 'PUT')!.json()).toEqual({ days_before: [], hour_jst: 9 })
  })

  it('puts a changed kind back to the default with DELETE', async () => {
    signIn()
    const changed = rule('deadline', { days_before: [10, 5], hour_jst: 8, is_default: false, updated_by: 'user:lawyer', updated_at: '2026-11-30T00:00:00Z' })
    const { requests } = rulesApi('staff', [...defaultRules().slice(0, 3), changed])
    const user = userEvent.setup()
    renderPart(<ReminderRules />)

    const deadline = await screen.findByRole('group', { name: '提出期限' })
    expect(within(deadline).getByText('user:lawyerが2026年11月30日 09:00に変更')).toBeInTheDocument()
    expect(within(deadline).getByRole('textbox', { name: '何日前に送るか' })).toHaveValue('10, 5')
    expect(within(kind('調停期日')).queryByRole('button', { name: /初期設定に戻す/ })).not.toBeInTheDocument()
    await user.click(within(deadline).getByRole('button', { name: '初期設定に戻す（提出期限）' }))

    expect(await screen.findByText('提出期限のリマインドを初期設定に戻しました。')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual(['/notify/api/v1/reminder-rules/deadline'])
    expect(within(kind('提出期限')).getByRole('textbox', { name: '何日前に送るか' })).toHaveValue('7, 3, 1')
    expect(within(kind('提出期限')).getByText('初期設定')).toBeInTheDocument()
    // the reset button went away: the keyboard stays in this rule
    expect(within(kind('提出期限')).getByRole('textbox', { name: '何日前に送るか' })).toHaveFocus()
  })

  it('shows notify’s 422 with its field', async () => {
    signIn()
    rulesApi('staff', defaultRules(), {
      'PUT /notify/api/v1/reminder-rules/mediation_session': () =>
        problem(422, 'Invalid input', 'days_before: each day may be listed once', { errors: [{ field: 'days_before', reason: 'each day may be listed once' }] }),
    })
    const user = userEvent.setup()
    renderPart(<ReminderRules />)
    await user.click(within(await screen.findByRole('group', { name: '調停期日' })).getByRole('button', { name: '保存（調停期日）' }))
    const alert = await within(kind('調停期日').closest('form')!).findByRole('alert')
    expect(alert).toHaveTextContent('days_before: each day may be listed once')
    expect(within(kind('調停期日')).getByRole('textbox', { name: '何日前に送るか' })).toHaveAttribute('aria-invalid', 'true')
  })

  it('shows a viewer the rules as a table, without fields or buttons', async () => {
    signIn()
    rulesApi('viewer', [...defaultRules().slice(0, 3), rule('deadline', { days_before: [0], is_default: false, updated_by: 'user:lawyer', updated_at: '2026-11-30T00:00:00Z' })])
    const { queryClient } = renderPart(<ReminderRules />)

    const table = await screen.findByRole('table', { name: '期日の種類ごとのリマインド' })
    await whenSignedInUserKnown(queryClient)
    expect([...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['調停期日', '14日前・7日前・1日前', '9時', '初期設定'],
      ['口頭弁論期日', '14日前・7日前・1日前', '9時', '初期設定'],
      ['弁論準備手続期日', '7日前・1日前', '9時', '初期設定'],
      ['提出期限', '当日', '9時', 'user:lawyerが2026年11月30日 09:00に変更'],
    ])
    expect(screen.queryAllByRole('textbox')).toEqual([])
    expect(screen.queryAllByRole('button')).toEqual([])
  })
})
