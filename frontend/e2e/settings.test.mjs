// Browser test of 設定 and the audit log: as an admin, the case settings (the proceedings, the hearings calendar
// linking to 期日), users and roles, and the audit log with this login's entry and the chain verified; then as the demo
// viewer (viewer@example.com, the same demo password): no write control on a claimant's page nor in 設定, the admin
// pages say 権限がありません, and a write sent straight from the page with the viewer's token is refused (403).
// Writes test-results/settings-case.png, settings-users.png, audit.png and viewer.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { credentials, launch, logIn, newPage, RESULTS, skip, SPA_URL } from './browser.mjs'

const VIEWER = 'viewer@example.com'
/** Names of the buttons that change something somewhere in the SPA. */
const WRITE_BUTTON = /保存|追加|登録|削除|除外|変更|取り下げ|アップロード|送信|作成|無効|有効に戻す|進める|移す|取消/

async function writeButtons(page) {
  const names = await page.getByRole('button').evaluateAll((buttons) =>
    buttons.filter((b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true').map((b) => (b.textContent ?? '').trim()),
  )
  return names.filter((name) => WRITE_BUTTON.test(name))
}

test('admin: case settings, users, audit log; viewer: editing refused', { skip, timeout: 180_000 }, async () => {
  const browser = await launch()
  try {
    // --- as the admin -------------------------------------------------------------------------------------
    const { page, errors } = await newPage(browser)
    await logIn(page, '/settings/case')
    await page.getByRole('heading', { level: 1, name: '事件の設定' }).waitFor()
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '設定' }).waitFor()

    const caseForm = page.getByRole('form', { name: '事件と被告' })
    await caseForm.waitFor()
    assert.ok((await caseForm.getByLabel(/^被告の名称/).inputValue()).length > 0, 'the defendant is shown')
    await caseForm.getByRole('button', { name: '事件を保存' }).waitFor()

    const proceedings = page.getByRole('table', { name: /^手続 \d+件$/ })
    await proceedings.waitFor()
    const rows = await proceedings.locator('tbody tr').allInnerTexts()
    assert.ok(rows.length >= 3, `the demo's proceedings (got ${rows.length})`)
    assert.ok(rows.some((r) => r.includes('調停')) && rows.some((r) => r.includes('訴訟')), 'mediations and the lawsuit')

    // the members of the first proceeding
    await proceedings.getByRole('button', { name: /^編集・原告/ }).first().click()
    const members = page.getByRole('table', { name: /名（番号順）$/ })
    await members.waitFor()
    assert.ok((await members.locator('tbody tr').count()) > 0, 'the proceeding has members')

    // the calendar: a month grid with the next hearing, linking to the 期日 page
    const grid = page.getByRole('grid')
    await grid.waitFor()
    const hearingLink = grid.locator('a[href^="/hearings?hearing="]').first()
    await hearingLink.waitFor()
    await page.getByRole('form', { name: '書面の文案と代理人' }).getByText('{defendant_name}', { exact: true }).waitFor()
    await page.screenshot({ path: `${RESULTS}settings-case.png`, fullPage: true })

    const href = await hearingLink.getAttribute('href')
    await hearingLink.click()
    await page.waitForURL((url) => url.pathname === '/hearings' && url.search === href.slice('/hearings'.length))
    await page.getByRole('heading', { level: 1, name: '期日' }).waitFor()

    // users and roles
    await page.goto(new URL('/settings/users', SPA_URL).href)
    const users = page.getByRole('table', { name: /^利用者 \d+名/ })
    await users.waitFor()
    const viewerRow = users.locator('tbody tr', { hasText: VIEWER })
    assert.match(await viewerRow.innerText(), /閲覧者/)
    assert.match(await users.locator('tbody tr', { hasText: credentials().user }).innerText(), /自分自身/)
    await page.getByRole('form', { name: '利用者を追加' }).waitFor()
    await page.screenshot({ path: `${RESULTS}settings-users.png`, fullPage: true })

    // the audit log: this login is its newest entries' subject; the chain verifies
    await page.getByRole('navigation', { name: '設定のページ' }).getByRole('link', { name: '監査ログ' }).click()
    await page.waitForURL((url) => url.pathname === '/audit')
    const filters = page.getByRole('form', { name: '絞り込み' })
    await filters.getByLabel('操作').fill('login')
    await filters.getByRole('button', { name: '絞り込む' }).click()
    const log = page.getByRole('table', { name: /^新しい順に \d+件を表示$/ })
    await log.waitFor()
    const first = await log.locator(':scope > tbody > tr').first().innerText()
    assert.match(first, /login/)
    await page.getByRole('button', { name: '連鎖を検査' }).click()
    await page.getByText(/^異常なし: [\d,]+件を検査しました。/).waitFor()
    await log.locator(':scope > tbody > tr').first().locator('summary').click()
    await page.screenshot({ path: `${RESULTS}audit.png`, fullPage: true })
    assert.deepEqual(errors, [], 'no errors in the admin’s pages')
    await page.context().close()

    // --- as the viewer ------------------------------------------------------------------------------------
    const viewer = await newPage(browser)
    const v = viewer.page
    await v.goto(new URL('/claimants', SPA_URL).href)
    await v.waitForURL(/\/login\?next=/)
    await v.getByLabel('メールアドレス').fill(VIEWER)
    await v.getByLabel('パスワード').fill(credentials().password)
    await v.getByRole('button', { name: 'ログイン' }).click()
    await v.waitForURL((url) => url.pathname === '/claimants')
    await v.getByText('ログイン中: 閲覧者（デモ）').waitFor()
    const nav = v.getByRole('navigation', { name: 'メインメニュー' })
    await nav.getByRole('link', { name: '期日' }).waitFor()
    // 設定 is in a viewer's menu too (the case page is everyone's to read), without users or the audit log
    await nav.getByRole('link', { name: '設定' }).waitFor()

    // a claimant's page: read, but nothing to change
    const list = v.getByRole('table').first()
    await list.waitFor()
    await list.locator('tbody tr a').first().click()
    await v.waitForURL(/\/claimants\/\d+$/)
    const claimantId = Number(new URL(v.url()).pathname.split('/').pop())
    await v.getByRole('table', { name: '請求額' }).waitFor()
    await v.waitForLoadState('networkidle')
    assert.deepEqual(await writeButtons(v), [], 'no write buttons on the claimant page')
    assert.equal(await v.locator('input[type="file"]').count(), 0, 'no upload')

    // a write sent from the page with the viewer's own token: 403
    const refused = await v.evaluate(async (id) => {
      const token = JSON.parse(sessionStorage.getItem('bengodan.session')).accessToken
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
      const cases = await (await fetch('/claims-api/api/v1/cases', { headers })).json()
      const put = await fetch(`/claims-api/api/v1/cases/${cases[0].id}`, { method: 'PUT', headers, body: JSON.stringify(cases[0]) })
      const patch = await fetch(`/claims-api/api/v1/claimants/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ phone: '06-0000-0000' }) })
      return { put: put.status, putBody: await put.json(), patch: patch.status }
    }, claimantId)
    assert.equal(refused.put, 403, 'the case cannot be changed by a viewer')
    assert.equal(refused.putBody.detail, 'Missing scope: cases:write')
    assert.equal(refused.patch, 403, 'a claimant cannot be changed by a viewer')

    // 設定: read-only with 権限がありません; the admin pages show nothing but that
    await v.goto(new URL('/settings/case', SPA_URL).href)
    await v.getByText('権限がありません').waitFor()
    await v.getByRole('form', { name: '事件と被告' }).waitFor()
    await v.getByRole('table', { name: /^手続 \d+件$/ }).waitFor()
    await v.getByRole('form', { name: '書面の文案と代理人' }).waitFor()
    assert.ok(await v.getByRole('form', { name: '事件と被告' }).getByLabel(/^被告の名称/).isDisabled(), 'the case form is disabled')
    assert.deepEqual(await writeButtons(v), [], 'no write buttons in 設定')
    await v.screenshot({ path: `${RESULTS}viewer.png`, fullPage: true })

    for (const path of ['/settings/users', '/audit']) {
      await v.goto(new URL(path, SPA_URL).href)
      await v.getByText('権限がありません').waitFor()
      assert.equal(await v.getByRole('table').count(), 0, `${path} shows no data to a viewer`)
    }
    assert.deepEqual(viewer.errors, [], 'no errors in the viewer’s pages')
  } finally {
    await browser.close()
  }
})
