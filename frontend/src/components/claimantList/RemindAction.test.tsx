import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { caseRecord, claimant, page, principal } from '../../test/fixtures'
import { json, mockApi, problem, renderApp, signIn, type Handler } from '../../test/helpers'

const claimants = Array.from({ length: 6 }, (_, i) => claimant(i + 1, `原告 ${i + 1}`))

/** The claimant list's API for `role`, and notify's "send a reminder now" answered by `send`. */
function listApi(role: 'viewer' | 'staff', send: Handler) {
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/claimants': () => json(page(claimants, claimants.length)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json([]),
    'POST /notify/api/v1/intake-reminders/send': send,
  })
}

const reasons = ['no_email', 'opted_out', 'nothing_missing', 'stopped', 'already_sent_today'] as const

function answer(ids: number[]) {
  const results = ids.map((id, i) =>
    i === 0
      ? { claimant_id: id, status: 'queued', message_id: 900 + id, reason: null }
      : { claimant_id: id, status: 'skipped', message_id: null, reason: reasons[i - 1] },
  )
  return { results, queued: 1, skipped: ids.length - 1 }
}

describe('RemindAction (bulk: send a reminder)', () => {
  it('asks how many, sends the selected claimants to notify and lists each one’s result', async () => {
    signIn()
    const bodies: unknown[] = []
    const keys: (string | null)[] = []
    listApi('staff', async (req) => {
      const body = (await req.json()) as { claimant_ids: number[] }
      bodies.push(body)
      keys.push(req.headers.get('Idempotency-Key'))
      return json(answer(body.claimant_ids))
    })
    renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('checkbox', { name: 'このページの原告をすべて選択' }))

    await user.click(screen.getByRole('button', { name: '6件にリマインドを送る' }))
    const question = screen.getByRole('group', { name: '選択した6件の原告に、未提出書類のリマインドメールを今すぐ送りますか？' })
    expect(question).toHaveTextContent('本日送信済み')
    // cancel: nothing sent, the button is back with the focus
    await user.click(within(question).getByRole('button', { name: 'やめる' }))
    expect(bodies).toEqual([])
    expect(screen.getByRole('button', { name: '6件にリマインドを送る' })).toHaveFocus()

    await user.keyboard('{Enter}')
    expect(screen.getByRole('button', { name: '送る' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(await screen.findByText('リマインド: 送信予約 1件、送らなかった 5件')).toBeInTheDocument()
    expect(bodies).toEqual([{ claimant_ids: [1, 2, 3, 4, 5, 6] }])
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)

    const results = screen.getByRole('table', { name: 'リマインドの結果' })
    const text = (name: string) => within(results).getByRole('row', { name: new RegExp(`^${name} `) }).textContent
    expect(text('原告 1')).toContain('送信予約（メッセージ #901）')
    expect(text('原告 2')).toContain('送らなかった理由: メールアドレスがない（または使えない）')
    expect(text('原告 3')).toContain('送らなかった理由: 配信停止、またはリマインドへの同意なし')
    expect(text('原告 4')).toContain('送らなかった理由: 未提出の書類がない')
    expect(text('原告 5')).toContain('送らなかった理由: 書類の督促を停止中')
    expect(text('原告 6')).toContain('送らなかった理由: 本日すでに送信済み')
    expect(screen.queryByRole('group', { name: /今すぐ送りますか/ })).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '結果を閉じる' }))
    expect(screen.queryByRole('table', { name: 'リマインドの結果' })).not.toBeInTheDocument()
  })

  it('says a reason notify did not give is unknown, in the live region there from the start; closing keeps the focus', async () => {
    signIn()
    listApi('staff', async (req) => {
      const { claimant_ids } = (await req.json()) as { claimant_ids: number[] }
      const results = claimant_ids.map((id) => ({ claimant_id: id, status: 'skipped', message_id: null, reason: null }))
      return json({ results, queued: 0, skipped: results.length })
    })
    renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('checkbox', { name: '原告 1を選択' }))
    const remind = screen.getByRole('group', { name: 'リマインドを送る' })
    const status = within(remind).getByRole('status')
    expect(status).toBeEmptyDOMElement()

    await user.click(within(remind).getByRole('button', { name: '1件にリマインドを送る' }))
    await user.click(within(remind).getByRole('button', { name: '送る' }))
    await waitFor(() => expect(status).toHaveTextContent('リマインド: 送信予約 0件、送らなかった 1件'))
    // the question closed with the button that had the focus: the focus goes to what was sent
    await waitFor(() => expect(status).toHaveFocus())
    const row = within(screen.getByRole('table', { name: 'リマインドの結果' })).getByRole('row', { name: /^原告 1 / })
    expect(row).toHaveTextContent('送らなかった理由: 不明（通知サービスから理由が返されませんでした）')
    expect(row).not.toHaveTextContent('未提出の書類がない')

    await user.click(screen.getByRole('button', { name: '結果を閉じる' }))
    expect(screen.queryByRole('table', { name: 'リマインドの結果' })).not.toBeInTheDocument()
    expect(within(remind).getByText('リマインドを送る', { selector: 'p' })).toHaveFocus()
    expect(status).toBeEmptyDOMElement()
  })

  it('says the results in English', async () => {
    signIn()
    listApi('staff', async (req) => json(answer(((await req.json()) as { claimant_ids: number[] }).claimant_ids)))
    renderApp('/claimants', 'en')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('checkbox', { name: /原告 1/ }))
    await user.click(screen.getByRole('checkbox', { name: /原告 2/ }))
    await user.click(screen.getByRole('button', { name: 'Send a reminder to 2' }))
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByText('Reminders: 1 queued, 1 not sent')).toBeInTheDocument()
    const results = screen.getByRole('table', { name: 'Results of the reminders' })
    expect(within(results).getByRole('row', { name: /^原告 1 / })).toHaveTextContent('Queued (message #901)')
    expect(within(results).getByRole('row', { name: /^原告 2 / })).toHaveTextContent('Not sent: no (usable) e-mail address')
  })

  it('shows notify’s problem and keeps the question open to try again', async () => {
    signIn()
    listApi('staff', () =>
      problem(503, 'claims-api unavailable', 'the open checklists could not be read from claims-api; try again shortly'),
    )
    renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    await user.click(screen.getByRole('checkbox', { name: '原告 3を選択' }))
    await user.click(screen.getByRole('button', { name: '1件にリマインドを送る' }))
    await user.click(screen.getByRole('button', { name: '送る' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('claims-api unavailable')
    expect(alert).toHaveTextContent('the open checklists could not be read from claims-api; try again shortly')
    expect(screen.getByRole('button', { name: '送る' })).toBeInTheDocument()
  })

  it('cannot be pressed with nothing selected, and a viewer does not see it', async () => {
    signIn()
    const { requests } = listApi('staff', () => json(answer([])))
    const { unmount } = renderApp('/claimants')
    const user = userEvent.setup()
    await screen.findByRole('link', { name: '原告 1' })
    const button = screen.getByRole('button', { name: '0件にリマインドを送る' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    await user.click(button)
    expect(screen.queryByRole('button', { name: '送る' })).not.toBeInTheDocument()
    expect(requests.filter((r) => r.url.includes('/notify/'))).toEqual([])
    unmount()

    listApi('viewer', () => json(answer([])))
    renderApp('/claimants')
    await screen.findByRole('link', { name: '原告 1' })
    expect(screen.queryByRole('button', { name: /リマインドを送る/ })).not.toBeInTheDocument()
  })
})
