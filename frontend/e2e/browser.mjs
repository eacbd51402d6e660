// What the browser tests share: chromium (Debian's, through playwright-core), the environment they read, and
// logging in. Not a test file itself (node --test runs *.test.mjs).
//
// Env: SPA_URL (the SPA's origin; unset = skip, unless REQUIRE_BROWSER=1, then fail), E2E_USER and
// E2E_PASSWORD (a user of claims-api), CHROMIUM_PATH (default /usr/bin/chromium).
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const SPA_URL = process.env.SPA_URL
export const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url))
export const skip =
  !SPA_URL && process.env.REQUIRE_BROWSER !== '1'
    ? 'SPA_URL is not set: start the system and set SPA_URL, E2E_USER, E2E_PASSWORD to run the browser test'
    : false

export function credentials() {
  assert.ok(SPA_URL, 'REQUIRE_BROWSER=1 but SPA_URL is not set')
  const user = process.env.E2E_USER
  const password = process.env.E2E_PASSWORD
  assert.ok(user && password, 'E2E_USER and E2E_PASSWORD must be set')
  return { user, password }
}

export async function launch() {
  await mkdir(RESULTS, { recursive: true })
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

/** A page in Japanese, Tokyo time, collecting the page's errors (4xx responses the browser logs excepted). */
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text())
  })
  return { page, errors }
}

/** Opens `path` signed out, logs in on the page it is sent to, and waits to be back at `path`. */
export async function logIn(page, path) {
  const { user, password } = credentials()
  await page.goto(new URL(path, SPA_URL).href)
  await page.waitForURL(/\/login\?next=/)
  await page.getByLabel('メールアドレス').fill(user)
  await page.getByLabel('パスワード').fill(password)
  await page.getByRole('button', { name: 'ログイン' }).click()
  await page.waitForURL((url) => url.pathname === path)
}
