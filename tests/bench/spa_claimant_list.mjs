// The browser half of tests/bench/spa_claimant_list.py: drives Debian's Chromium with playwright-core (from
// frontend/node_modules) against a running SPA and prints one JSON document on stdout. Not run on its own.
//
// argv[2]: JSON {spa, localStorage, user, password, runs, throttle, expectedRows, total, quietMs, chromium}
// (localStorage: what the browser holds before each load, as left by an earlier visit)
//
// Each measured load is a new browser context (no HTTP cache, no V8 code cache of an earlier load) that starts
// signed in: the session the SPA keeps in sessionStorage after the one real login is put back by an init script
// before any of the page's scripts run. Times are performance.now() of the page, i.e. ms from navigation start.
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../frontend/package.json', import.meta.url))
const { chromium } = require('playwright-core')

const cfg = JSON.parse(process.argv[2])
const SESSION_KEY = 'bengodan.session' // src/auth/session.ts

// Installed before the page's own scripts: long tasks, and the moments the list reaches its two states.
// "painted" = the frame holding the change has been presented: a task posted from the requestAnimationFrame
// callback of the frame after the DOM change runs once that frame is done.
function probe({ expectedRows, total }) {
  const m = { longtasks: [], rowDom: null, rowPaint: null, readyDom: null, readyPaint: null }
  window.__bench = m
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.longtasks.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    m.longtasks = null
  }
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(null)
    })
  const check = () => {
    const main = document.querySelector('main')
    if (!main) return
    const rows = main.querySelectorAll('table tbody tr').length
    if (m.rowDom === null && rows > 0) {
      m.rowDom = performance.now()
      afterPaint((t) => (m.rowPaint = t))
    }
    if (m.readyDom === null) {
      const box = main.querySelector('input[type="search"]')
      if (box && !box.disabled && rows >= expectedRows && main.textContent.includes(total)) {
        m.readyDom = performance.now()
        afterPaint((t) => (m.readyPaint = t))
        observer.disconnect()
      }
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

const browser = await chromium.launch({
  executablePath: cfg.chromium,
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

async function newContext() {
  return browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } })
}

/** Paths of the .js and .css files the page requested (in request order, once each). */
function assetLog(page) {
  const seen = []
  page.on('requestfinished', (req) => {
    const path = new URL(req.url()).pathname
    if (/\.(js|css)$/.test(path) && !seen.includes(path)) seen.push(path)
  })
  return seen
}

// 1. /login signed out (its assets), then the one real login; keep the session the SPA stored.
const loginContext = await newContext()
const loginPage = await loginContext.newPage()
loginPage.setDefaultTimeout(30_000)
const loginAssets = assetLog(loginPage)
await loginPage.goto(new URL('/login', cfg.spa).href)
await loginPage.getByLabel('メールアドレス').waitFor()
await loginPage.waitForLoadState('networkidle')
const loginAssetList = [...loginAssets]
await loginPage.getByLabel('メールアドレス').fill(cfg.user)
await loginPage.getByLabel('パスワード').fill(cfg.password)
await loginPage.getByRole('button', { name: 'ログイン' }).click()
await loginPage.waitForURL((url) => url.pathname !== '/login') // to the app's start page, whichever it is
const session = await loginPage.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)
if (!session) throw new Error('no session in sessionStorage after the login')
await loginContext.close()

/** One cold load of /claimants, signed in; `rate` > 1 throttles the CPU through CDP. */
async function load(rate) {
  const context = await newContext()
  await context.addInitScript(
    ({ key, value, stored, origin }) => {
      if (location.origin !== origin) return
      sessionStorage.setItem(key, value)
      for (const [name, item] of Object.entries(stored)) localStorage.setItem(name, item)
    },
    { key: SESSION_KEY, value: session, stored: cfg.localStorage ?? {}, origin: new URL(cfg.spa).origin },
  )
  await context.addInitScript(probe, { expectedRows: cfg.expectedRows, total: cfg.total })
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  const errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  const assets = assetLog(page)
  if (rate > 1) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
  }
  await page.goto(new URL('/claimants', cfg.spa).href, { waitUntil: 'commit' })
  try {
    await page.waitForFunction(() => window.__bench && window.__bench.readyPaint !== null)
  } catch (err) {
    // Say what the page shows instead, with a screenshot, so a changed list page is quick to diagnose.
    const shot = new URL('../../frontend/test-results/bench-claimants-timeout.png', import.meta.url)
    await page.screenshot({ path: shot.pathname, fullPage: true }).catch(() => {})
    const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText)
    throw new Error(
      `the list never became ready (${err.message.split('\n')[0]}); errors: ${errors.join(' | ') || 'none'}; ` +
        `screenshot ${shot.pathname}; the page shows:\n${text.slice(0, 1500)}`,
    )
  }
  // Interactive once the main thread has had `quietMs` without a long task after the list was painted.
  await page.waitForFunction((quietMs) => {
    const m = window.__bench
    const ends = (m.longtasks ?? []).map(([start, duration]) => start + duration)
    return performance.now() - Math.max(m.readyPaint, ...ends) >= quietMs
  }, cfg.quietMs)
  const result = await page.evaluate(() => {
    const m = window.__bench
    const nav = performance.getEntriesByType('navigation')[0]
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]
    const resources = performance.getEntriesByType('resource').map((r) => ({
      path: new URL(r.name).pathname + new URL(r.name).search,
      start: r.startTime,
      end: r.responseEnd,
      ttfb: r.responseStart - r.requestStart,
    }))
    return {
      rowDom: m.rowDom,
      rowPaint: m.rowPaint,
      readyDom: m.readyDom,
      readyPaint: m.readyPaint,
      longtasks: m.longtasks,
      fcp: fcp ? fcp.startTime : null,
      htmlEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      resources,
    }
  })
  const ends = (result.longtasks ?? []).map(([start, duration]) => start + duration)
  result.interactive = Math.max(result.readyPaint, ...ends)
  // The search box takes typing (checked after the measurement, not timed).
  const box = page.locator('main input[type="search"]').first()
  await box.pressSequentially('負荷')
  result.inputOk = (await box.inputValue()) === '負荷'
  result.errors = errors
  result.assets = [...assets]
  await context.close()
  return result
}

await load(1) // warm-up of the servers (vite preview, claims-api): not counted
const runs = []
for (let n = 0; n < cfg.runs; n++) runs.push(await load(1))
const throttled = []
for (let n = 0; n < cfg.throttledRuns; n++) throttled.push(await load(cfg.throttle))
await browser.close()

process.stdout.write(JSON.stringify({ loginAssets: loginAssetList, runs, throttled }))
