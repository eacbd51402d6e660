import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { todayInTokyo } from '../components/claimant/claimantQueries'
import { hearing, hearingsApi, message, scheduleOf } from '../components/hearings/testApi'
import { problem, renderApp, signIn } from '../test/helpers'

/** The rows of a table's body, each cell's text (the items of a list in a cell joined by " / "). */
function rowTexts(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((cell) => {
      const items = [...cell.querySelectorAll('li')]
      return items.length ? items.map((li) => li.textContent).join(' / ') : (cell.textContent ?? '')
    }),
  )
}

function schedule() {
  return screen.getByRole('region', { name: '通知の予定' })
}

const messageReads = (requests: Request[]) => requests.filter((r) => new URL(r.url).pathname === '/notify/api/v1/messages').length

describe('HearingsPage', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lists the case’s hearings and shows a hearing’s notices grouped by due time, with recipients and statuses', async () => {
    signIn()
    const messages = scheduleOf(5, '2026-12-21', [131, 132, 133], { noticeAt: '2026-12-01T03:00:00Z' })
    messages[0].status = 'sent'
    messages[4].status = 'delivered'
    Object.assign(messages[8], { status: 'failed', last_error: '550 mailbox unavailable' })
    messages[10].status = 'cancelled'
    hearingsApi({
      hearings: [
        hearing(5, 2, '2026-12-21T01:00:00Z'),
        hearing(6, 3, '2027-01-20T01:30:00Z', { kind: 'oral_argument', place: '大阪地方裁判所 本館 第1001号法廷', online_url: 'https://meet.example.jp/a' }),
        hearing(7, 1, '2024-10-04T04:30:00Z', { status: 'held' }),
        hearing(8, 99, '2026-12-24T01:00:00Z'), // a proceeding of another case
      ],
      messages: { 5: messages },
    })
    const user = userEvent.setup()
    const { router } = renderApp('/hearings')

    const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
    expect(within(nav).getByRole('link', { name: '期日' })).toHaveAttribute('href', '/hearings')
    const list = await screen.findByRole('table', { name: /期日一覧（全3件/ })
    expect(rowTexts(list)).toEqual([
      ['2024年10月4日 13:30', '調停期日', '第1次調停', '大阪地方裁判所 調停室', '実施済み'],
      ['2026年12月21日 10:00', '調停期日', '第2次調停', '大阪地方裁判所 調停室', '予定'],
      ['2027年1月20日 10:30', '口頭弁論期日', '本訴訟', '大阪地方裁判所 本館 第1001号法廷オンライン: https://meet.example.jp/a', '予定'],
    ])

    await user.click(within(list).getByRole('link', { name: '2026年12月21日 10:00' }))
    expect(router.state.location.search).toBe('?hearing=5')
    const table = await within(schedule()).findByRole('table', { name: 'メール12通の予定と状況（予定日時の順）' })
    expect(rowTexts(table)).toEqual([
      ['期日のお知らせ（登録時）', '2026年12月1日 12:00', '3名', '送信済み 1 / 配達済み 1 / 失敗 1'],
      ['14日前のリマインド', '2026年12月7日 09:00', '3名', '予定 3'],
      ['7日前のリマインド', '2026年12月14日 09:00', '3名', '予定 2 / 取消し 1'],
      ['1日前のリマインド', '2026年12月20日 09:00', '3名', '予定 3'],
    ])
    const total = table.querySelector('tfoot tr') as HTMLElement
    expect(within(total).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['予定 8', '送信済み 1', '配達済み 1', '失敗 1', '取消し 1'])
    expect(within(list).getByRole('row', { current: true })).toHaveTextContent('第2次調停')
    // nothing is about to change (reminders wait for their day): no polling, no waiting message
    expect(within(schedule()).queryByText('通知を準備しています…')).not.toBeInTheDocument()

    await user.click(within(schedule()).getByRole('button', { name: '通知の予定を閉じる' }))
    expect(router.state.location.search).toBe('')
    expect(screen.queryByRole('region', { name: '通知の予定' })).not.toBeInTheDocument()
  })

  it('speaks English when switched', async () => {
    signIn()
    hearingsApi({
      hearings: [hearing(5, 2, '2099-12-21T01:00:00Z')],
      messages: { 5: scheduleOf(5, '2099-12-21', [131, 132], { noticeAt: '2099-12-01T03:00:00Z', noticeStatus: 'sent' }) },
    })
    renderApp('/hearings?hearing=5', 'en')
    const region = await screen.findByRole('region', { name: 'Notices' })
    const table = await within(region).findByRole('table', { name: '8 e-mails, planned and sent (by due time)' })
    expect(rowTexts(table).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Hearing notice (when scheduled)', '2', 'Sent 2'],
      ['Reminder 14 days before', '2', 'Planned 2'],
      ['Reminder 7 days before', '2', 'Planned 2'],
      ['Reminder 1 day before', '2', 'Planned 2'],
    ])
    expect(within(screen.getByRole('navigation', { name: 'Main menu' })).getByRole('link', { name: 'Hearings' })).toHaveAttribute('href', '/hearings')
    expect(await screen.findByRole('group', { name: 'Mediation session' })).toBeInTheDocument()
  })

  it('schedules a hearing in Japan time with an Idempotency-Key, then waits for notify’s notices and shows them', async () => {
    signIn()
    const { posts, state } = hearingsApi({ notifyAfter: 1 })
    const user = userEvent.setup()
    const { router } = renderApp('/hearings')
    const day = todayInTokyo(new Date(Date.now() + 20 * 86_400_000))

    const form = await screen.findByRole('region', { name: '期日を登録する' })
    await user.selectOptions(within(form).getByLabelText(/^手続/), '第2次調停（調停・原告21名）')
    expect(within(form).getByLabelText('期日の種類')).toHaveValue('mediation_session') // a mediation's usual kind
    expect(within(form).getByText('裁判所: 大阪簡易裁判所')).toBeInTheDocument()
    await user.type(within(form).getByLabelText('日付'), day)
    await user.clear(within(form).getByLabelText('時刻'))
    await user.type(within(form).getByLabelText('時刻'), '10:00')
    await user.type(within(form).getByLabelText(/^場所/), '大阪簡易裁判所 調停室')
    await user.click(within(form).getByRole('button', { name: '登録' }))

    expect(await within(form).findByText('第2次調停の調停期日を登録しました。')).toHaveAttribute('role', 'status')
    const [post] = posts('/claims-api/api/v1/hearings')
    expect(await post.json()).toEqual({
      proceeding_id: 2,
      kind: 'mediation_session',
      starts_at: `${day}T10:00:00+09:00`,
      place: '大阪簡易裁判所 調停室',
      note: '',
    })
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(router.state.location.search).toBe('?hearing=50')
    expect(state.hearings).toHaveLength(1)

    // notify has not made the messages at the first read
    expect(await within(await screen.findByRole('region', { name: '通知の予定' })).findByText('通知を準備しています…')).toHaveAttribute('role', 'status')
    const table = await within(schedule()).findByRole('table', { name: /メール12通/ }, { timeout: 8000 })
    expect(rowTexts(table).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['期日のお知らせ（登録時）', '3名', '予定 3'],
      ['14日前のリマインド', '3名', '予定 3'],
      ['7日前のリマインド', '3名', '予定 3'],
      ['1日前のリマインド', '3名', '予定 3'],
    ])
    expect(within(schedule()).queryByText('通知を準備しています…')).not.toBeInTheDocument()
    // the new hearing is in the list, selected; the form is empty for the next one
    expect(within(screen.getByRole('table', { name: /期日一覧/ })).getByRole('row', { current: true })).toHaveTextContent('第2次調停')
    expect(within(form).getByLabelText(/^場所/)).toHaveValue('')
  })

  it('says what is missing before sending, and sends nothing', async () => {
    signIn()
    const { posts } = hearingsApi()
    const user = userEvent.setup()
    renderApp('/hearings')

    const form = await screen.findByRole('region', { name: '期日を登録する' })
    await user.clear(within(form).getByLabelText('時刻'))
    await user.type(within(form).getByLabelText(/^オンライン参加のURL/), 'http://meet.example.jp/a')
    await user.click(within(form).getByRole('button', { name: '登録' }))

    expect(within(form).getByText('手続を選択してください。')).toBeInTheDocument()
    expect(within(form).getByText('日付を入力してください。')).toBeInTheDocument()
    expect(within(form).getByText('時刻を入力してください。')).toBeInTheDocument()
    expect(within(form).getByText('場所を入力してください。')).toBeInTheDocument()
    expect(within(form).getByText('URLは https:// で始まる形で入力してください。')).toBeInTheDocument()
    expect(within(form).getByLabelText(/^手続/)).toHaveFocus()
    expect(within(form).getByLabelText(/^手続/)).toHaveAccessibleDescription('手続を選択してください。')
    expect(within(form).getByLabelText(/^場所/)).toHaveAttribute('aria-invalid', 'true')
    expect(posts('/claims-api/api/v1/hearings')).toHaveLength(0)
  })

  it('shows claims-api’s 422 with its field, and marks the date and time', async () => {
    signIn()
    hearingsApi({
      handlers: {
        'POST /claims-api/api/v1/hearings': () =>
          problem(422, 'Invalid input', 'starts_at: a hearing must be scheduled in the future', {
            errors: [{ field: 'starts_at', reason: 'a hearing must be scheduled in the future' }],
          }),
      },
    })
    const user = userEvent.setup()
    renderApp('/hearings')
    const form = await screen.findByRole('region', { name: '期日を登録する' })
    await user.selectOptions(within(form).getByLabelText(/^手続/), '本訴訟（訴訟・原告151名）')
    expect(within(form).getByLabelText('期日の種類')).toHaveValue('oral_argument')
    await user.type(within(form).getByLabelText('日付'), todayInTokyo(new Date(Date.now() + 3 * 86_400_000)))
    await user.type(within(form).getByLabelText(/^場所/), '大阪地方裁判所 本館 第1001号法廷')
    await user.click(within(form).getByRole('button', { name: '登録' }))

    const alert = await within(form).findByRole('alert')
    expect(alert).toHaveTextContent('starts_at: a hearing must be scheduled in the future')
    expect(within(alert).getByRole('listitem')).toHaveTextContent('項目: starts_at — a hearing must be scheduled in the future')
    expect(within(form).getByLabelText('日付')).toHaveAttribute('aria-invalid', 'true')
    expect(within(form).getByLabelText('時刻')).toHaveAttribute('aria-invalid', 'true')
  })

  it('says so when notify has made no notice 30 seconds after the hearing was set, and stops asking', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    signIn()
    const { requests } = hearingsApi({ hearings: [hearing(5, 2, '2026-12-21T01:00:00Z', { created_at: new Date().toISOString() })] })
    renderApp('/hearings?hearing=5')

    expect(await within(await screen.findByRole('region', { name: '通知の予定' })).findByText('通知を準備しています…')).toBeInTheDocument()
    await act(async () => {
      await vi.advanceTimersByTimeAsync(31_000)
    })
    const alert = await within(schedule()).findByRole('alert')
    expect(alert).toHaveTextContent('30秒たっても通知が作られていません。')
    expect(within(schedule()).queryByText('通知を準備しています…')).not.toBeInTheDocument()
    const reads = messageReads(requests)
    expect(reads).toBeGreaterThan(3)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000)
    })
    expect(messageReads(requests)).toBe(reads)
  })

  it('says a hearing set long ago without notices has none, without waiting', async () => {
    signIn()
    hearingsApi({ hearings: [hearing(7, 1, '2024-10-04T04:30:00Z', { status: 'held' })] })
    renderApp('/hearings?hearing=7')
    expect(await within(await screen.findByRole('region', { name: '通知の予定' })).findByText(/この期日の通知はありません/)).toBeInTheDocument()
    expect(screen.queryByText('通知を準備しています…')).not.toBeInTheDocument()
  })

  it('cancels a hearing after confirming, with the ETag it showed, then shows the cancellation notices', async () => {
    signIn()
    const messages = scheduleOf(5, '2099-12-21', [131, 132], { noticeAt: '2026-12-01T03:00:00Z', noticeStatus: 'sent' })
    const { posts } = hearingsApi({ hearings: [hearing(5, 2, '2099-12-21T01:00:00Z')], messages: { 5: messages } })
    const user = userEvent.setup()
    renderApp('/hearings?hearing=5')

    await within(await screen.findByRole('region', { name: '通知の予定' })).findByRole('table', { name: /メール8通/ })
    await user.click(within(schedule()).getByRole('button', { name: 'この期日を取り消す' }))
    await user.click(within(schedule()).getByRole('button', { name: 'やめる' }))
    expect(within(schedule()).getByRole('button', { name: 'この期日を取り消す' })).toHaveFocus()
    expect(posts('/claims-api/api/v1/hearings/5/cancel')).toHaveLength(0)
    await user.keyboard('{Enter}')
    const confirm = within(schedule()).getByRole('group', { name: /この期日を取り消します。/ })
    expect(within(confirm).getByRole('button', { name: '取り消す' })).toHaveFocus()
    await user.click(within(confirm).getByRole('button', { name: '取り消す' }))

    expect(await within(schedule()).findByText('期日を取り消しました。')).toBeInTheDocument()
    // the cancel button went away: the keyboard stays in the schedule
    expect(within(schedule()).getByRole('heading', { name: '通知の予定' })).toHaveFocus()
    const [cancel] = posts('/claims-api/api/v1/hearings/5/cancel')
    expect(cancel.headers.get('If-Match')).toBe('"h5-scheduled"')
    const table = await within(schedule()).findByRole('table', { name: /メール10通/ }, { timeout: 8000 })
    expect(rowTexts(table).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['期日のお知らせ（登録時）', '2名', '送信済み 2'],
      ['期日取消しのお知らせ', '2名', '予定 2'],
      ['14日前のリマインド', '2名', '取消し 2'],
      ['7日前のリマインド', '2名', '取消し 2'],
      ['1日前のリマインド', '2名', '取消し 2'],
    ])
    expect(within(schedule()).getByText('状態').nextElementSibling).toHaveTextContent('取消し')
    expect(within(schedule()).queryByRole('button', { name: 'この期日を取り消す' })).not.toBeInTheDocument()
  })

  it('gives a viewer the hearings and their notices without any control to change them', async () => {
    signIn()
    hearingsApi({
      role: 'viewer',
      hearings: [hearing(5, 2, '2026-12-21T01:00:00Z')],
      messages: { 5: [message(1, { status: 'sent', sent_at: '2026-12-01T03:00:10Z' })] },
    })
    renderApp('/hearings?hearing=5')

    await within(await screen.findByRole('region', { name: '通知の予定' })).findByRole('table', { name: /メール1通/ })
    expect(await screen.findByText(/期日を登録する権限（hearings:write）がないため/)).toBeInTheDocument()
    expect(await screen.findByRole('table', { name: '期日の種類ごとのリマインド' })).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: '期日を登録する' })).not.toBeInTheDocument()
    const main = screen.getByRole('main')
    for (const role of ['textbox', 'combobox'] as const) expect(within(main).queryAllByRole(role)).toEqual([])
    expect(within(main).getAllByRole('button').map((b) => b.textContent)).toEqual(['通知の予定を閉じる'])
  })

  it('shows the problem when a hearing or its messages cannot be read', async () => {
    signIn()
    hearingsApi({
      hearings: [hearing(5, 2, '2026-12-21T01:00:00Z')],
      handlers: {
        'GET /notify/api/v1/messages': () => problem(503, 'Service Unavailable', 'notify database unavailable', { request_id: 'req-1' }),
      },
    })
    const { unmount } = renderApp('/hearings?hearing=5')
    const alert = await within(await screen.findByRole('region', { name: '通知の予定' })).findByRole('alert')
    expect(alert).toHaveTextContent('notify database unavailable')
    expect(alert).toHaveTextContent('問い合わせ番号: req-1')
    unmount()

    renderApp('/hearings?hearing=999')
    await waitFor(() => expect(within(schedule()).getByRole('alert')).toHaveTextContent('hearing 999 not found'))
  })
})
