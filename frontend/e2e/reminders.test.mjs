// Browser test of the 期日 page and the claimant's 連絡・通知: a mediation session of 第2次調停 is scheduled 20 days
// ahead, notify's schedule for it appears (the notice to every consenting claimant of the proceeding, reminders 14, 7
// and 1 days before), and the notice is in a claimant's message history with its text. claims-api relays the event
// to notify through its outbox, so the schedule appears after a few seconds.
// Notify holds reminders and notices in the quiet hours (21:00–08:00 Japan time): run then, the notice is planned
// for 08:00 instead of sent, and the test expects that.
// Writes test-results/reminders.png and test-results/reminders-claimant.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip, SPA_URL } from './browser.mjs'

const tokyoDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(d)

/** A GET of a service behind the SPA's proxy with the signed-in user's token: {status, body}. */
function api(page, path) {
  return page.evaluate(async (p) => {
    const { accessToken } = JSON.parse(sessionStorage.getItem('bengodan.session'))
    const response = await fetch(p, { headers: { Authorization: `Bearer ${accessToken}` } })
    return { status: response.status, body: await response.json() }
  }, path)
}

/** The body row of `table` whose row header is `name`. */
function row(page, table, name) {
  return table.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) })
}

test('schedule a hearing, see its reminder schedule, find the notice in a claimant’s messages', { skip, timeout: 180_000 }, async () => {
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)
    await logIn(page, '/hearings')
    await page.getByRole('heading', { level: 1, name: '期日' }).waitFor()

    // schedule: 第2次調停, its usual kind, 20 days ahead at 10:00 Japan time
    const form = page.getByRole('region', { name: '期日を登録する' })
    const proceeding = form.getByLabel(/^手続/)
    const option = proceeding.locator('option', { hasText: '第2次調停' })
    await option.waitFor({ state: 'attached' })
    const proceedingId = await option.getAttribute('value')
    await proceeding.selectOption(proceedingId)
    assert.equal(await form.getByLabel('期日の種類').inputValue(), 'mediation_session')
    const day = tokyoDay(new Date(Date.now() + 20 * 86_400_000))
    await form.getByLabel('日付').fill(day)
    await form.getByLabel('時刻').fill('10:00')
    await form.getByLabel(/^場所/).fill('大阪簡易裁判所 調停室（ブラウザテスト）')
    await form.getByRole('button', { name: '登録' }).click()
    await form.getByText('第2次調停の調停期日を登録しました。').waitFor()
    await page.waitForURL(/[?&]hearing=\d+/)
    const hearingId = Number(new URL(page.url()).searchParams.get('hearing'))

    // whom notify writes to: the proceeding's claimants with consent and an e-mail address
    const recipients = await api(page, `/claims-api/api/v1/proceedings/${proceedingId}/recipients`)
    assert.equal(recipients.status, 200, JSON.stringify(recipients.body))
    const consenting = recipients.body.filter((r) => r.reminder_consent && r.email).length
    assert.ok(consenting > 0 && consenting < recipients.body.length, `${consenting} of ${recipients.body.length} consent`)

    // the schedule: 「通知を準備しています」 until notify has made the messages, then a line per notice and reminder day
    const schedule = page.getByRole('region', { name: '通知の予定' })
    const table = schedule.getByRole('table', { name: /^メール\d+通の予定と状況/ })
    await table.waitFor({ timeout: 60_000 })
    const notice = row(page, table, '期日のお知らせ（登録時）')
    assert.equal(await notice.locator('td').nth(1).innerText(), `${consenting}名`)
    // notify holds notices during its quiet hours (21:00–08:00 Japan time) unless they are off, as in the test stack
    const made = await api(page, `/notify/api/v1/messages?hearing_id=${hearingId}&limit=500`)
    assert.equal(made.status, 200, JSON.stringify(made.body))
    const held = made.body.items.some((m) => m.kind === 'hearing_notice' && Date.parse(m.due_at) > Date.now() + 60_000)
    if (held) {
      await notice.getByText(`予定 ${consenting}`, { exact: true }).waitFor()
      assert.match(await notice.locator('td').nth(0).innerText(), / 08:00$/)
    } else {
      // the page asks again while the notices are being sent
      await notice.getByText(`送信済み ${consenting}`, { exact: true }).waitFor({ timeout: 60_000 })
    }
    for (const days of [14, 7, 1]) {
      const reminder = row(page, table, `${days}日前のリマインド`)
      assert.equal(await reminder.locator('td').nth(1).innerText(), `${consenting}名`, `${days} days before`)
      await reminder.getByText(`予定 ${consenting}`, { exact: true }).waitFor()
      assert.match(await reminder.locator('td').nth(0).innerText(), / 09:00$/)
    }
    assert.equal(await table.locator('tbody tr').count(), 4)
    const selected = page.getByRole('table', { name: /^期日一覧/ }).locator('tr[aria-current="true"]')
    assert.match(await selected.innerText(), /第2次調停/)
    await page.screenshot({ path: `${RESULTS}reminders.png`, fullPage: true })

    // a claimant the notice went to: the notice is in the claimant's messages, and opens with its text
    const messages = await api(page, `/notify/api/v1/messages?hearing_id=${hearingId}&limit=500`)
    assert.equal(messages.status, 200, JSON.stringify(messages.body))
    const sent = messages.body.items.find((m) => m.kind === 'hearing_notice')
    assert.ok(sent, 'a notice was made')
    await page.goto(new URL(`/claimants/${sent.claimant_id}`, SPA_URL).href)
    const section = page.getByRole('region', { name: '連絡・通知' })
    const history = section.getByRole('table', { name: /^メールの履歴/ })
    await history.waitFor()
    const subject = history.getByRole('button', { name: sent.subject, exact: true })
    const line = history.locator('tbody tr', { has: page.getByRole('button', { name: sent.subject, exact: true }) })
    assert.match(await line.innerText(), /期日のお知らせ/)
    assert.match(await line.innerText(), held ? /予定/ : /送信済み|配達済み|送信中|予定/)
    await subject.click()
    await section.getByText(/第2次調停の調停期日が決まりましたので、お知らせいたします。/).waitFor()
    await section.getByRole('heading', { name: 'リマインドの配信' }).waitFor()
    await section.getByText('リマインド（期日のお知らせ・書類提出のお願い）を送っています。').waitFor()
    await page.screenshot({ path: `${RESULTS}reminders-claimant.png`, fullPage: true })

    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
