// Browser test of the claimant page: the 人件費 item of a demo claimant is edited (one more hour on its first overtime
// line) and the computed amount, the 計算式 and the claimant's totals follow; then an exhibit is added to the 人件費
// slot and a file is uploaded to it by the file input: the progress ends, and the SHA-256 the page computed and the one
// claims-api recorded both equal the file's (computed here with node:crypto). The upload goes from the browser straight
// to the S3 server through its presigned URL, so this also checks the bucket's CORS rules for the SPA's origin.
// Writes test-results/claimant.png (after the damage edit) and test-results/claimant-exhibits.png (after the upload).
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip, SPA_URL } from './browser.mjs'

const yen = (text) => Number(text.replace(/[^\d]/g, ''))

/**
 * A claimant (from the end of the list, away from what other tests touch) whose 人件費 is claimed from the vendor and
 * starts with a whole number of overtime hours at a premium of at most two decimals: {claimantId, item, line}.
 */
function findStaffCost(page) {
  return page.evaluate(async () => {
    const { accessToken } = JSON.parse(sessionStorage.getItem('bengodan.session'))
    const get = async (path) => {
      const response = await fetch(`/claims-api/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } })
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
      return response.json()
    }
    const list = await get('/claimants?limit=500')
    for (const claimant of [...list.items].reverse()) {
      const items = await get(`/claimants/${claimant.id}/damage-items`)
      const item = items.find((i) => i.head === 'staff_cost' && i.claimed_from === 'vendor')
      const line = item?.inputs?.lines?.[0]
      if (line?.kind === 'overtime' && /^\d+$/.test(String(line.hours)) && /^\d+(\.\d{1,2})?$/.test(String(line.premium_rate))) {
        return { claimantId: claimant.id, name: claimant.name, item, line }
      }
    }
    return null
  })
}

/** What one overtime line comes to: hours × hourly rate × premium, yen below one cut off (in integers). */
function overtime(hours, rate, premium) {
  const [whole, frac = ''] = String(premium).split('.')
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0'))
  return Math.floor((hours * rate * hundredths) / 100)
}

test('edit a damage item and see the totals change; add an exhibit and upload its file', { skip, timeout: 150_000 }, async () => {
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)
    await logIn(page, '/claimants')
    const found = await findStaffCost(page)
    assert.ok(found, 'a demo claimant with an overtime line in 人件費')
    const { claimantId, name, item, line } = found

    await page.goto(new URL(`/claimants/${claimantId}`, SPA_URL).href)
    await page.getByRole('heading', { level: 1, name }).waitFor()
    const totals = page.getByRole('table', { name: '請求額' })
    await totals.waitFor()
    const contractRow = totals.getByRole('row', { name: /契約上の損害賠償 計/ })
    const totalRow = totals.getByRole('row', { name: /^合計/ })
    const contractBefore = yen(await contractRow.innerText())
    const totalBefore = yen(await totalRow.innerText())

    // one more hour on the first line: the preview recomputes the amount and the 計算式 as it is typed
    const hours = Number(line.hours) + 1
    const delta = overtime(hours, line.hourly_rate, line.premium_rate) - overtime(hours - 1, line.hourly_rate, line.premium_rate)
    const expected = item.amount + delta
    const expectedText = `${expected.toLocaleString('ja-JP')}円`
    await page.getByRole('button', { name: /^編集\s*（人件費）$/ }).click()
    const editor = page.getByRole('form', { name: '人件費を編集' })
    const field = editor.getByRole('textbox', { name: '時間（残業 1行目）' })
    await field.fill(String(hours))
    await editor.getByText(`計算額: ${expectedText}`).waitFor()
    const formula = editor.locator('dd.formula')
    await formula.filter({ hasText: `${hours}時間 × 時給${line.hourly_rate.toLocaleString('ja-JP')}円` }).waitFor()
    assert.match(await formula.innerText(), new RegExp(`合計 ${expectedText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    await editor.getByRole('button', { name: '保存' }).click()
    await page.getByText(`人件費を保存しました（${expectedText}）。`).waitFor()

    // the saved item and the claimant's totals follow (the API's figures, read again)
    const staffCard = page.getByRole('article').filter({ has: page.getByRole('heading', { level: 3, name: /人件費/ }) }).first()
    await staffCard.getByText(`${hours}時間 × 時給`, { exact: false }).first().waitFor()
    await page.waitForFunction(
      ([expectedTotal]) =>
        [...document.querySelectorAll('table.totals tr')].some(
          (tr) => /^合計/.test(tr.textContent ?? '') && Number((tr.textContent ?? '').replace(/[^\d]/g, '')) === expectedTotal,
        ),
      [totalBefore + delta],
    )
    assert.equal(yen(await contractRow.innerText()), contractBefore + delta, 'the contract total changed by the same amount')
    assert.equal(yen(await totalRow.innerText()), totalBefore + delta)
    await page.screenshot({ path: `${RESULTS}claimant.png`, fullPage: true })

    // an exhibit in the 人件費 slot (甲＿の2), numbered by claims-api
    const exhibits = page.getByRole('region', { name: '証拠', exact: true })
    await exhibits.scrollIntoViewIfNeeded()
    const title = `E2E 勤怠記録 ${Date.now().toString(36)}`
    await exhibits.getByRole('button', { name: /^証拠を追加\s*（人件費）$/ }).click()
    const form = exhibits.getByRole('group', { name: '証拠を追加する（甲＿の2 人件費）' })
    await form.getByLabel(/^標目/).fill(title)
    await form.getByLabel('作成者').fill(name)
    await form.getByLabel('立証趣旨').fill('障害対応のための残業時間')
    await form.getByRole('button', { name: '追加する' }).click()
    const card = exhibits.getByRole('region', { name: new RegExp(`^甲第\\d+号証の\\d+ ${title}$`) })
    await card.waitFor()
    await exhibits.getByText(/^甲第\d+号証の\d+を登録しました。$/).waitFor()

    // its file, by the file input (the drop zone's picker): hashed in the page, sent to S3 with progress, checked
    const content = Buffer.from(`氏名,日付,残業時間\n従業員A,2023-06-05,${hours}\n`.repeat(2000), 'utf8')
    const sha256 = createHash('sha256').update(content).digest('hex')
    await card.locator('input[type=file]').setInputFiles({ name: 'kintai.csv', mimeType: 'text/csv', buffer: content })
    await card.getByText('kintai.csvを第1版として登録しました。SHA-256は一致しました。').waitFor({ timeout: 30_000 })
    assert.equal(await card.getByRole('progressbar', { name: 'アップロードの進行状況' }).getAttribute('value'), '100')
    assert.equal((await card.getByTestId('upload-sha256').innerText()).trim(), sha256, 'the page computed the file’s SHA-256')
    const stored = card.getByTestId('stored-sha256')
    await stored.waitFor()
    assert.equal((await stored.innerText()).trim(), sha256, 'claims-api recorded the same SHA-256')
    await card.getByText(`${content.length.toLocaleString('ja-JP')}バイト`, { exact: false }).waitFor()
    await card.getByRole('button', { name: /^ダウンロード/ }).waitFor()
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${RESULTS}claimant-exhibits.png`, fullPage: true })

    // the change history (admins): the damage item's change, readable
    const history = page.getByRole('region', { name: '変更履歴' })
    await history.getByRole('table', { name: '変更履歴' }).waitFor()
    await history.getByText('損害項目を変更').first().waitFor()

    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
