// Browser test of 保険会社連携 (admins): an insurer's client is registered, its secret is shown once (and works at the
// token endpoint), the client's access log shows the token it got, then the client is revoked after the confirmation
// and its secret no longer gets a token.
// Writes test-results/partners-secret.png (the secret panel) and test-results/partners.png (after the revocation).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip, SPA_URL } from './browser.mjs'

/**
 * claims-api's token endpoint, behind the SPA's proxy, for a client: the HTTP status. Asked from Node, not from the
 * page: a refused client gets 401 with `WWW-Authenticate: Basic`, which would make Chromium ask for a password.
 */
async function clientToken(clientId, secret) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })
  const response = await fetch(new URL('/claims-api/api/v1/auth/token', SPA_URL), { method: 'POST', body })
  await response.arrayBuffer()
  return response.status
}

test('register an insurer’s client, see its secret once, see its access, revoke it', { skip, timeout: 120_000 }, async () => {
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)
    await logIn(page, '/partners')
    await page.getByRole('heading', { level: 1, name: '保険会社連携' }).waitFor()
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '保険会社連携' }).waitFor()
    const clients = page.getByRole('table', { name: /^保険会社の連携先/ })
    await clients.waitFor()

    // register: a client ID of this run, the insurer as the demo claimants name it
    const clientId = `e2e-${Date.now().toString(36)}`
    const name = `ブラウザテスト ${clientId}`
    const form = page.getByRole('region', { name: '連携先を登録する' })
    await form.getByLabel(/^名称/).fill(name)
    await form.getByLabel(/^クライアントID/).fill(clientId)
    await form.getByLabel(/^保険会社/).fill('デモ損害保険株式会社')
    await form.getByRole('checkbox', { name: '保険金請求データの閲覧' }).check()
    await form.getByRole('checkbox', { name: '支払の登録' }).check()
    await form.getByRole('button', { name: '登録' }).click()

    // the secret, once, with the warning
    const dialog = page.getByRole('dialog', { name: `${name}を登録しました: シークレット` })
    await dialog.waitFor()
    await dialog.getByText('この画面を閉じると二度と表示されません。').waitFor()
    await dialog.getByRole('button', { name: 'コピー' }).waitFor()
    const secret = await dialog.getByRole('textbox', { name: 'シークレット' }).inputValue()
    assert.ok(secret.length >= 32, `a long secret (got ${secret.length} characters)`)
    await page.screenshot({ path: `${RESULTS}partners-secret.png`, fullPage: true })
    await dialog.getByRole('button', { name: '閉じる' }).click()
    await dialog.waitFor({ state: 'detached' })
    assert.ok(!(await page.content()).includes(secret), 'the secret is gone from the page')

    // the new client is listed and selected; its secret gets a token, which its access log shows
    const row = clients.locator('tbody tr', { hasText: clientId })
    assert.match(await row.innerText(), /有効/)
    assert.equal(await clientToken(clientId, secret), 200)
    await page.reload()
    const panel = page.getByRole('region', { name: `${name}（${clientId}）` })
    await panel.waitFor()
    const log = panel.getByRole('table', { name: /のアクセス記録/ })
    await log.waitFor()
    assert.match(await log.locator('tbody tr').first().innerText(), /トークンの取得/)

    // revoke, after the confirmation
    // Chromium puts a space before the visually hidden part of a name (an absolutely positioned, so block, box)
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    await panel.getByRole('button', { name: new RegExp(`^失効させる\\s*（${escaped}）$`) }).click()
    const confirm = panel.getByRole('group', { name: /を失効させます。/ })
    await confirm.waitFor()
    await confirm.getByRole('button', { name: '失効させる' }).click()
    await panel.getByText(`${name}を失効させました。`).waitFor()
    await clients.locator('tbody tr', { hasText: clientId }).locator('td.client-revoked').waitFor()
    await panel.getByText(/この連携先は失効しています/).waitFor()
    assert.equal(await clientToken(clientId, secret), 401)
    await page.screenshot({ path: `${RESULTS}partners.png`, fullPage: true })

    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
