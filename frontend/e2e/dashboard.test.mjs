// Browser test of the dashboard, the first screen: signing in at the site's root lands on it; it shows the claimants
// by stage (chart and table), the claim and filing fee per proceeding, the damages by head and the agenda; a stage's
// count opens the claimant list filtered by that stage, with as many claimants.
// Writes test-results/dashboard.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { credentials, launch, newPage, RESULTS, skip, SPA_URL } from './browser.mjs'

const count = (text) => Number(text.replace(/[^\d]/g, ''))

test('log in to the dashboard, read its figures, open the claimants of a stage', { skip, timeout: 90_000 }, async () => {
  const { user, password } = credentials()
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)

    // the site's root, signed out: the login page, then the dashboard (the index route)
    await page.goto(new URL('/', SPA_URL).href)
    await page.waitForURL(/\/login/)
    await page.getByLabel('メールアドレス').fill(user)
    await page.getByLabel('パスワード').fill(password)
    await page.getByRole('button', { name: 'ログイン' }).click()
    await page.waitForURL((url) => url.pathname === '/dashboard')
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'メインメニュー' })
    assert.equal((await nav.getByRole('link').first().innerText()).trim(), 'ダッシュボード')

    // claimants by stage: the chart (an image with its title) and the table with every stage
    await page.getByRole('img', { name: /^手続段階別の原告数（全[\d,]+名）の棒グラフ/ }).waitFor()
    const stages = page.getByRole('table', { name: /^手続段階別の原告数（全体・手続ごと）/ })
    await stages.waitFor()
    assert.equal(await stages.locator('tbody tr').count(), 9, 'every stage is listed')
    const total = count(await stages.locator('tfoot tr td').first().innerText())
    assert.ok(total > 0, `the demo case has claimants (got ${total})`)

    // the claim and filing fee per proceeding, in yen
    const proceedings = page.getByRole('table', { name: /^手続ごとの請求額/ })
    await proceedings.waitFor()
    const proceedingRows = await proceedings.locator('tbody tr').count()
    assert.ok(proceedingRows >= 1, `the demo proceedings (got ${proceedingRows})`)
    assert.match(await proceedings.locator('tbody tr').first().innerText(), /[\d,]+円[\s\S]*[\d,]+円/)

    // the damages by head: the total row in yen
    const damages = page.getByRole('table', { name: /^損害費目別の合計/ })
    assert.match(await damages.getByRole('row', { name: /^合計/ }).innerText(), /[\d,]+円/)

    // the agenda: the list or the message that there is nothing ahead
    const agenda = page.getByRole('region', { name: '期日・期限' })
    await agenda.waitFor()
    await agenda
      .getByRole('list', { name: /今後の期日と報告期限/ })
      .or(agenda.getByText('今後の期日と報告期限はありません。'))
      .first()
      .waitFor()
    await page.screenshot({ path: `${RESULTS}dashboard.png`, fullPage: true })

    // a stage's count opens the claimant list of that stage, with as many claimants
    const link = stages.locator('tbody tr td:nth-child(2) a').first()
    const expected = count(await link.innerText())
    await link.click()
    await page.waitForURL((url) => url.pathname === '/claimants' && url.searchParams.has('stage'))
    await page.getByRole('heading', { level: 1, name: '原告一覧' }).waitFor()
    await page.locator('table tbody tr').first().waitFor()
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('p, span, div')].some((el) => new RegExp(`^全${n}件$`).test((el.textContent ?? '').trim())),
      expected.toLocaleString('ja-JP'),
    )
    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
