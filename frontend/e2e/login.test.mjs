// Browser test of the SPA against the running system (claims-api behind the SPA's proxy).
//
//   SPA_URL=http://127.0.0.1:5173 E2E_USER=admin@example.com E2E_PASSWORD=... npm run e2e
//
// Env: SPA_URL (the SPA's origin; unset = skip, unless REQUIRE_BROWSER=1, then fail), E2E_USER and
// E2E_PASSWORD (a user of claims-api with claims:read), CHROMIUM_PATH (default /usr/bin/chromium).
// Writes test-results/claimants.png and test-results/claimant-detail.png.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const SPA_URL = process.env.SPA_URL
const REQUIRED = process.env.REQUIRE_BROWSER === '1'
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url))
const skip = !SPA_URL && !REQUIRED ? 'SPA_URL is not set: start the system and set SPA_URL, E2E_USER, E2E_PASSWORD to run the browser test' : false

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

test('log in, see the claimant list, search a name, open a claimant', { skip, timeout: 90_000 }, async () => {
  assert.ok(SPA_URL, 'REQUIRE_BROWSER=1 but SPA_URL is not set')
  const user = process.env.E2E_USER
  const password = process.env.E2E_PASSWORD
  assert.ok(user && password, 'E2E_USER and E2E_PASSWORD must be set')
  await mkdir(RESULTS, { recursive: true })

  const browser = await launch()
  try {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    const pageErrors = []
    page.on('pageerror', (err) => pageErrors.push(String(err)))
    page.on('console', (msg) => {
      // the browser logs every 4xx response ("Failed to load resource"); the wrong-password step causes one
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(msg.text())
    })

    // Signed out, the list sends us to the login page, which knows where to come back to.
    await page.goto(new URL('/claimants', SPA_URL).href)
    await page.waitForURL(/\/login\?next=%2Fclaimants$/)

    // A wrong password shows the API's problem detail.
    await page.getByLabel('メールアドレス').fill(user)
    await page.getByLabel('パスワード').fill(`${password}-wrong`)
    await page.getByRole('button', { name: 'ログイン' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    assert.notEqual((await alert.innerText()).trim(), '', 'the login error is shown')

    await page.getByLabel('パスワード').fill(password)
    await page.getByRole('button', { name: 'ログイン' }).click()
    await page.waitForURL(/\/claimants$/)

    // The list: a header with the app name, rows, the total count.
    await page.getByRole('link', { name: '弁護団 請求管理' }).waitFor()
    const rows = page.locator('table tbody tr')
    await rows.first().waitFor()
    const count = await rows.count()
    assert.ok(count > 0 && count <= 50, `a page of rows (got ${count})`)
    const totalText = await page.getByText(/^全[\d,]+件$/).innerText()
    const total = Number(totalText.replace(/[^\d]/g, ''))
    assert.ok(total >= count, `total ${total} >= rows ${count}`)
    assert.match(await rows.first().innerText(), /[\d,]+円/, 'amounts in yen')

    // Search by the name of a row.
    const name = (await rows.nth(Math.min(1, count - 1)).locator('th a').innerText()).trim()
    await page.getByLabel('氏名で検索').fill(name)
    await page.waitForURL((url) => url.searchParams.get('q') === name)
    await page.waitForFunction(
      (expected) => {
        const found = [...document.querySelectorAll('table tbody tr th a')].map((a) => a.textContent ?? '')
        return found.length > 0 && found.every((text) => text.includes(expected))
      },
      name,
    )
    const hits = await rows.count()
    assert.ok(hits >= 1 && hits < count + 1, `search for ${name} found ${hits} rows`)
    await page.screenshot({ path: `${RESULTS}claimants.png`, fullPage: true })

    // The claimant page: damage items and totals.
    await page.getByRole('link', { name }).first().click()
    await page.waitForURL(/\/claimants\/\d+$/)
    await page.getByRole('heading', { level: 1, name }).waitFor()
    const totals = page.getByRole('table', { name: '請求額' })
    await totals.waitFor()
    assert.match(await totals.getByRole('row', { name: /^合計/ }).innerText(), /[\d,]+円/)
    await page.screenshot({ path: `${RESULTS}claimant-detail.png`, fullPage: true })

    // Logging out ends the session.
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.waitForURL(/\/login/)
    assert.deepEqual(pageErrors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
