import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { components } from '../../api/notify'
import { intakeClaimant, page, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn, type Handler } from '../../test/helpers'
import { renderPart, versioned, whenSignedInUserKnown } from '../claimant/testing'
import { message } from '../hearings/testApi'
import { MessagesSection } from './MessagesSection'

type Message = components['schemas']['MessageRead']
type OptOut = components['schemas']['OptOutRead']
type Intake = components['schemas']['IntakeReminderRead']

const notOptedOut: OptOut = { claimant_id: 7, opted_out: false, source: null, recorded_by: null, created_at: null }

function intake(overrides: Partial<Intake> = {}): Intake {
  return {
    claimant_id: 7,
    active: true,
    next_due_at: '2026-12-08T00:00:00Z',
    sent_count: 2,
    last_sent_at: '2026-12-01T00:00:05Z',
    stopped_at: null,
    stopped_by: null,
    completed_at: null,
    ...overrides,
  }
}

interface Options {
  role?: 'viewer' | 'staff'
  messages?: Message[]
  optOut?: OptOut
  intakeState?: Intake | null
  handlers?: Record<string, Handler>
}

/** notify as the claimant page sees it, for claimant 7: messages in due order (as notify lists them), the opt-out, the intake reminders (null: 404). */
function notifyApi({ role = 'staff', messages = [], optOut = notOptedOut, intakeState = null, handlers = {} }: Options = {}) {
  const state = { optOut, intake: intakeState, messages }
  const fixed: Record<string, Handler> = {
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/claimants/7': () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
    'GET /notify/api/v1/messages': (_req, url) => {
      const limit = Number(url.searchParams.get('limit'))
      const offset = Number(url.searchParams.get('offset'))
      const mine = state.messages.filter((m) => m.claimant_id === Number(url.searchParams.get('claimant_id')))
      const sorted = [...mine].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id)
      if (url.searchParams.get('newest_first') === 'true') sorted.reverse()
      return json(page(sorted.slice(offset, offset + limit), sorted.length, limit, offset))
    },
    'GET /notify/api/v1/claimants/7/opt-out': () => json(state.optOut),
    'PUT /notify/api/v1/claimants/7/opt-out': () => {
      state.optOut = { claimant_id: 7, opted_out: true, source: 'staff', recorded_by: 'user:staff', created_at: '2026-12-01T05:00:00Z' }
      state.messages = state.messages.map((m) => (m.status === 'queued' ? { ...m, status: 'cancelled', last_error: 'opted out' } : m))
      return json(state.optOut)
    },
    'DELETE /notify/api/v1/claimants/7/opt-out': () => {
      state.optOut = notOptedOut
      return new Response(null, { status: 204 })
    },
    'GET /notify/api/v1/claimants/7/intake-reminders': () =>
      state.intake ? json(state.intake) : problem(404, 'Not Found', 'intake reminder of claimant 7 not found'),
    'POST /notify/api/v1/claimants/7/intake-reminders/stop': () => {
      state.intake = { ...state.intake!, active: false, stopped_at: '2026-12-01T06:00:00Z', stopped_by: 'user:staff' }
      return json(state.intake)
    },
    'POST /notify/api/v1/claimants/7/intake-reminders/resume': () => {
      state.intake = { ...state.intake!, active: true, stopped_at: null, stopped_by: null }
      return json(state.intake)
    },
    ...Object.fromEntries(
      messages.map((m) => [`GET /notify/api/v1/messages/${m.id}`, () => json({ ...m, body: `堺 三郎 様\n\n${m.subject} の本文です。\n` })]),
    ),
    ...handlers,
  }
  return { state, ...mockApi(fixed) }
}

function section() {
  return screen.getByRole('region', { name: '連絡・通知' })
}

function historyRows(): string[][] {
  const table = within(section()).getByRole('table', { name: /メールの履歴/ })
  return [...table.querySelectorAll('tbody tr:not(.message-body-row)')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''))
}

const listReads = (requests: Request[]) => requests.filter((r) => new URL(r.url).pathname === '/notify/api/v1/messages')

describe('MessagesSection', () => {
  it('lists the claimant’s e-mails newest first, with the error of one that failed, and opens one’s text', async () => {
    signIn()
    notifyApi({
      messages: [
        message(1, { kind: 'hearing_notice', due_at: '2026-12-01T03:00:00Z', sent_at: '2026-12-01T03:00:04Z', status: 'delivered', subject: '【期日のお知らせ】第2次調停' }),
        message(2, { kind: 'hearing_reminder', due_at: '2026-12-07T00:00:00Z', status: 'queued', subject: '【期日のリマインド】14日後' }),
        message(3, { kind: 'intake_reminder', due_at: '2026-11-20T00:00:00Z', status: 'bounced', sent_at: '2026-11-20T00:00:03Z', last_error: '550 5.1.1 user unknown', subject: '【書類のご提出のお願い】' }),
        message(4, { kind: 'hearing_reminder', due_at: '2026-11-10T00:00:00Z', status: 'failed', attempts: 5, subject: '【期日のリマインド】1日後' }),
        message(9, { claimant_id: 8, subject: '他の原告' }),
      ],
    })
    const user = userEvent.setup()
    renderPart(<MessagesSection claimantId={7} />)

    await within(section()).findByRole('table', { name: 'メールの履歴（全4通、新しい順）' })
    expect(historyRows()).toEqual([
      ['期日のリマインド', '【期日のリマインド】14日後', '予定 2026年12月7日 09:00', '予定'],
      ['期日のお知らせ', '【期日のお知らせ】第2次調停', '送信 2026年12月1日 12:00', '配達済み'],
      ['書類提出のお願い', '【書類のご提出のお願い】', '送信 2026年11月20日 09:00', '不達550 5.1.1 user unknown'],
      ['期日のリマインド', '【期日のリマインド】1日後', '予定 2026年11月10日 09:00', '失敗理由は記録されていません。'],
    ])

    const subject = within(section()).getByRole('button', { name: '【期日のお知らせ】第2次調停' })
    expect(subject).toHaveAttribute('aria-expanded', 'false')
    await user.click(subject)
    expect(subject).toHaveAttribute('aria-expanded', 'true')
    const body = document.getElementById(subject.getAttribute('aria-controls')!)!
    expect(await within(body).findByText(/【期日のお知らせ】第2次調停 の本文です。/)).toHaveClass('mail-text')
    expect(within(body).getByText('sr7@example.com')).toBeInTheDocument()
    await user.click(subject)
    expect(subject).toHaveAttribute('aria-expanded', 'false')
    expect(screen.queryByText(/の本文です。/)).not.toBeInTheDocument()
  })

  it('pages through many e-mails from the newest, one request a page', async () => {
    signIn()
    const many = Array.from({ length: 45 }, (_, i) =>
      message(i + 1, { due_at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 86_400_000).toISOString(), subject: `お知らせ${i + 1}`, status: 'sent' }),
    )
    const { requests } = notifyApi({ messages: many })
    const user = userEvent.setup()
    renderPart(<MessagesSection claimantId={7} />)

    await within(section()).findByRole('table', { name: 'メールの履歴（全45通、新しい順）' })
    const subjects = () => historyRows().map((r) => r[1])
    expect(subjects()).toEqual(Array.from({ length: 20 }, (_, i) => `お知らせ${45 - i}`))
    const pager = within(section()).getByRole('navigation', { name: 'メールの履歴のページ送り' })
    expect(within(pager).getByText('1 / 3 ページ')).toBeInTheDocument()
    expect(listReads(requests).map((r) => new URL(r.url).search)).toEqual(['?claimant_id=7&newest_first=true&limit=20&offset=0'])

    await user.click(within(pager).getByRole('button', { name: '古いメール' }))
    await waitFor(() => expect(subjects()[0]).toBe('お知らせ25'))
    expect(subjects()).toHaveLength(20)
    expect(subjects()[19]).toBe('お知らせ6')
    await user.click(within(pager).getByRole('button', { name: '古いメール' }))
    await waitFor(() => expect(subjects()).toEqual(['お知らせ5', 'お知らせ4', 'お知らせ3', 'お知らせ2', 'お知らせ1']))
    expect(within(pager).getByRole('button', { name: '古いメール' })).toBeDisabled()
    expect(within(pager).getByText('3 / 3 ページ')).toBeInTheDocument()
  })

  it('stops the claimant’s reminders after confirming (PUT), shows how, and sends them again (DELETE)', async () => {
    signIn()
    const { requests } = notifyApi({ messages: [message(2, { kind: 'hearing_reminder', due_at: '2026-12-07T00:00:00Z', subject: '【期日のリマインド】14日後' })] })
    const user = userEvent.setup()
    renderPart(<MessagesSection claimantId={7} />)

    expect(await within(section()).findByText('リマインド（期日のお知らせ・書類提出のお願い）を送っています。')).toBeInTheDocument()
    await within(section()).findByRole('table', { name: /メールの履歴/ })
    await user.click(within(section()).getByRole('button', { name: 'リマインドを停止する' }))
    const confirm = within(section()).getByRole('group', { name: /この原告へのリマインド（期日のお知らせ・リマインド・書類提出のお願い）を停止します。/ })
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0)
    // changing one's mind sends nothing
    await user.click(within(confirm).getByRole('button', { name: 'やめる' }))
    expect(within(section()).queryByRole('group')).not.toBeInTheDocument()
    expect(within(section()).getByRole('button', { name: 'リマインドを停止する' })).toHaveFocus()
    await user.click(within(section()).getByRole('button', { name: 'リマインドを停止する' }))
    const reads = listReads(requests).length
    await user.click(within(section()).getByRole('button', { name: '停止する' }))

    expect(await within(section()).findByText('リマインドを停止しました。')).toHaveAttribute('role', 'status')
    expect(requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).pathname)).toEqual(['/notify/api/v1/claimants/7/opt-out'])
    expect(within(section()).getByText('リマインドを停止しています。').parentElement).toHaveTextContent(
      'リマインドを停止しています。 （事務局が本人に代わって停止、2026年12月1日 14:00） 記録: user:staff',
    )
    // the queued reminder was cancelled by notify: the history is read again
    await waitFor(() => expect(historyRows()[0][3]).toBe('取消しopted out'))
    expect(listReads(requests).length).toBeGreaterThan(reads)

    await user.click(within(section()).getByRole('button', { name: 'リマインドを再開する' }))
    expect(await within(section()).findByText('リマインドを再開しました。これから予定されるリマインドから送られます。')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual(['/notify/api/v1/claimants/7/opt-out'])
    expect(within(section()).getByText('リマインド（期日のお知らせ・書類提出のお願い）を送っています。')).toBeInTheDocument()
  })

  it('says the intake reminders have no schedule yet when notify answers 404, not an error', async () => {
    signIn()
    notifyApi({ intakeState: null })
    renderPart(<MessagesSection claimantId={7} />)
    expect(await within(section()).findByText('まだ予定はありません。')).toBeInTheDocument()
    expect(await within(section()).findByText('この原告へのメールはまだありません。')).toBeInTheDocument()
    expect(within(section()).queryByRole('alert')).not.toBeInTheDocument()
    expect(within(section()).queryByRole('button', { name: /書類提出のお願いを/ })).not.toBeInTheDocument()
  })

  it('shows the intake reminders and lets staff stop and resume them', async () => {
    signIn()
    const { requests } = notifyApi({ intakeState: intake() })
    const user = userEvent.setup()
    renderPart(<MessagesSection claimantId={7} />)

    const state = await within(section()).findByText('次回の予定')
    expect(state.nextElementSibling).toHaveTextContent('2026年12月8日 09:00')
    expect(within(section()).getByText('これまでのお願い').nextElementSibling).toHaveTextContent('2回')
    expect(within(section()).getByText('状態').nextElementSibling).toHaveTextContent('送信中')
    await user.click(await within(section()).findByRole('button', { name: '書類提出のお願いを停止する' }))

    expect(await within(section()).findByText('書類提出のお願いを停止しました。')).toBeInTheDocument()
    expect(within(section()).getByText('状態').nextElementSibling).toHaveTextContent('停止中')
    expect(within(section()).getByText('停止').nextElementSibling).toHaveTextContent('2026年12月1日 15:00 （user:staff）')
    expect(within(section()).queryByText('次回の予定')).not.toBeInTheDocument()
    await user.click(within(section()).getByRole('button', { name: '書類提出のお願いを再開する' }))
    expect(await within(section()).findByText('書類提出のお願いを再開しました。')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual([
      '/notify/api/v1/claimants/7/intake-reminders/stop',
      '/notify/api/v1/claimants/7/intake-reminders/resume',
    ])
  })

  it('shows a completed intake without controls', async () => {
    signIn()
    notifyApi({ intakeState: intake({ active: false, completed_at: '2026-11-28T01:00:00Z' }) })
    const { queryClient } = renderPart(<MessagesSection claimantId={7} />)
    expect((await within(section()).findByText('状態')).nextElementSibling).toHaveTextContent('完了（書類がそろいました）')
    await whenSignedInUserKnown(queryClient)
    expect(within(section()).queryByRole('button', { name: /書類提出のお願いを/ })).not.toBeInTheDocument()
  })

  it('gives a viewer what notify sends without any control to change it', async () => {
    signIn()
    notifyApi({
      role: 'viewer',
      intakeState: intake(),
      optOut: { claimant_id: 7, opted_out: true, source: 'link', recorded_by: null, created_at: '2026-11-30T10:00:00Z' },
      messages: [message(1, { status: 'sent', sent_at: '2026-12-01T03:00:04Z' })],
    })
    const { queryClient } = renderPart(<MessagesSection claimantId={7} />)

    expect(await within(section()).findByText(/メールのリンクから本人が停止、2026年11月30日 19:00/)).toBeInTheDocument()
    await within(section()).findByText('次回の予定')
    await within(section()).findByRole('table', { name: /メールの履歴/ })
    await whenSignedInUserKnown(queryClient)
    // the subjects open the e-mails; nothing else is a control
    expect(within(section()).getAllByRole('button').map((b) => b.textContent)).toEqual([message(1).subject])
  })

  it('shows every problem notify answers, each where it belongs', async () => {
    signIn()
    notifyApi({
      handlers: {
        'GET /notify/api/v1/claimants/7/opt-out': () => problem(503, 'Service Unavailable', 'notify database unavailable'),
        'GET /notify/api/v1/messages': () => problem(500, 'Internal Server Error', 'An unexpected error occurred.', { request_id: 'req-9' }),
        'GET /notify/api/v1/claimants/7/intake-reminders': () => problem(403, 'Forbidden', 'notify:read is required'),
      },
    })
    renderPart(<MessagesSection claimantId={7} />)
    await waitFor(() => expect(within(section()).getAllByRole('alert')).toHaveLength(3))
    const [optOut, intakeAlert, history] = within(section()).getAllByRole('alert')
    expect(optOut).toHaveTextContent('notify database unavailable')
    expect(intakeAlert).toHaveTextContent('notify:read is required')
    expect(history).toHaveTextContent('問い合わせ番号: req-9')
  })
})
