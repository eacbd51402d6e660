// Browser test of the SPA against the running system (claims-api behind the SPA's proxy).
//
//   SPA_URL=http://127.0.0.1:5173 E2E_USER=admin@example.com E2E_PASSWORD=... npm run e2e
//
// Env: see browser.mjs.
// Writes test-results/claimants.png and test-results/claimant-detail.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { credentials, launch, newPage, RESULTS, SPA_URL, skip } from './browser.mjs'

test('log in, see the claimant list, search a name, open a claimant', { skip, timeout: 90_000 }, async () => {
  const { user, password } = credentials()
  const browser = await launch()
  try {
    // the browser logs every 4xx response ("Failed to load resource"), such as the wrong-password step's: not errors
    const { page, errors: pageErrors } = await newPage(browser)

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
