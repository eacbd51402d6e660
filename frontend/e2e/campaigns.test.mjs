// Browser test of 本人通知: a breach-notice campaign is created, a recipient list with two good lines and a bad one
// imported (progress, 1 line left out, its error report), one recipient's e-mail previewed (only their items), the
// campaign launched, and the e-mail followed until the stack's worker has sent it to the SMTP sink.
// Writes test-results/campaign.png.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip } from './browser.mjs'

/** A day in Japan, `days` before today, as <input type="date"> wants it. */
function tokyoDay(days = 0) {
  const at = new Date(Date.now() - days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

// Line 4 has neither an e-mail nor an address: left out, with its reason in the error report.
const CSV = [
  '氏名,メールアドレス,郵便番号,住所,項目',
  'E2E 山田 太郎,yamada.e2e@example.jp,,,"氏名|住所"',
  'E2E 佐藤 花子,,530-0001,大阪府大阪市北区梅田一丁目1番1号,個人番号',
  'E2E 鈴木 一郎,,,,氏名',
  '',
].join('\r\n')

test('create a breach-notice campaign, import recipients, preview, launch, follow the delivery', { skip, timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bengodan-e2e-'))
  const browser = await launch()
  let shown = null
  try {
    const csvPath = join(dir, '名簿.csv')
    await writeFile(csvPath, CSV, 'utf8')
    const { page, errors } = await newPage(browser)
    shown = page
    await logIn(page, '/campaigns')
    await page.getByRole('heading', { level: 1, name: '本人通知' }).waitFor()

    // 1. 内容
    await page.getByRole('link', { name: '新規作成' }).click()
    await page.waitForURL((url) => url.pathname === '/campaigns/new')
    const form = page.getByRole('form', { name: '通知の内容' })
    await form.waitFor()
    const title = `E2E お知らせ ${Date.now()}`
    await form.getByLabel(/^件名/).fill(title)
    await form.getByLabel(/^名称/).fill('E2E 社会保険労務士事務所')
    await form.getByLabel(/^郵便番号/).fill('530-0001')
    await form.getByLabel(/^住所/).fill('大阪府大阪市北区梅田一丁目1番1号')
    await form.getByLabel(/^概要/).fill('委託先のクラウドサービスが不正アクセスを受け、個人データが漏えいしたおそれがあります。')
    const items = [
      ['name', '氏名'],
      ['address', '住所'],
      ['mynumber', '個人番号'],
    ]
    for (const [i, [key, label]] of items.entries()) {
      if (i > 0) await form.getByRole('button', { name: '項目を追加' }).click()
      await form.getByLabel(`項目${i + 1}のキー`).fill(key)
      await form.getByLabel(`項目${i + 1}の表示名`).fill(label)
    }
    await form.getByLabel(/^原因/).fill('委託先の管理画面の認証情報が窃取されたためです。')
    await form.getByLabel(/^二次被害又はそのおそれの有無及びその内容/).fill('現時点で二次被害は確認されていません。')
    await form.getByLabel(/^窓口の名称/).fill('個人情報お問い合わせ窓口')
    await form.getByLabel(/^電話番号/).fill('06-0000-0000')
    await form.getByLabel(/^漏えい等を把握した日/).fill(tokyoDay(2))
    await form.getByRole('button', { name: '作成して名簿の取込みへ' }).click()
    await page.waitForURL(/\/campaigns\/\d+$/)
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor()
    const steps = page.getByRole('navigation', { name: '手順' })
    assert.equal(await steps.locator('[aria-current="step"]').innerText().then((s) => s.replace(/[\s→]+/g, '')), '2名簿')

    // 2. 名簿: the upload, its progress, the result and the error report
    const importer = page.getByRole('region', { name: '名簿の取込み' })
    await importer.getByLabel(/名簿ファイル（CSV）/).setInputFiles(csvPath)
    await importer.getByRole('button', { name: '取り込む' }).click()
    await page.waitForURL(/\?import=\d+$/)
    const panel = importer.getByRole('group', { name: /^取込み 番号 \d+$/ })
    const status = panel.getByText(/^状態:/)
    await status.filter({ hasText: '完了' }).waitFor({ timeout: 30_000 })
    assert.match(await status.innerText(), /有効 2行、除外 1行/)
    assert.equal(await panel.getByRole('progressbar').count(), 0, 'no progress bar once done')
    assert.match(await panel.innerText(), /問題のある1行は取り込んでいません。/)
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'エラー報告（CSV）をダウンロード' }).click(),
    ])
    assert.match(report.suggestedFilename(), /^recipients-import-\d+-errors\.csv$/)
    const reportText = (await readFile(await report.path(), 'utf8')).replace(/^\ufeff/, '')
    assert.match(reportText, /^行,列,内容\r?\n/)
    assert.match(reportText, /^4,/m, 'line 4 is reported')

    // 3. 確認: the recipients and one preview (only that person's items)
    const recipients = page.getByRole('table', { name: /^受信者（1〜2人目／全2人）/ })
    await recipients.waitFor()
    await recipients.getByRole('button', { name: /^プレビュー\s?（E2E 山田 太郎）$/ }).click()
    const preview = page.getByRole('region', { name: 'E2E 山田 太郎さんへの通知' })
    const body = preview.locator('pre')
    await body.waitFor()
    const text = await body.innerText()
    assert.match(text, /氏名、住所/)
    assert.doesNotMatch(text, /個人番号/)

    // 4. 送信: confirm, launch, the counts
    const send = page.getByRole('region', { name: '送信', exact: true })
    await send.getByRole('button', { name: '送信内容を確認する' }).click()
    await send.getByText('電子メールで1人、郵送で1人（合計2人）に通知します。').waitFor()
    await send.getByRole('button', { name: '送信する' }).click()
    await send.getByText('電子メール1件、郵送1件を送信待ちにしました。').waitFor()
    assert.equal(await steps.locator('[aria-current="step"]').innerText().then((s) => s.replace(/[\s→]+/g, '')), '4送信')

    // the e-mail reaches 送信済み (the worker sends it to the SMTP sink; the page refreshes every 3 s)
    const delivery = page.getByRole('region', { name: '送信状況' })
    const emailRow = delivery.getByRole('row', { name: /^電子メール/ })
    await page.waitForFunction(
      () => {
        const row = [...document.querySelectorAll('table.delivery-table tbody tr')].find((r) => r.textContent?.startsWith('電子メール'))
        const cells = row ? [...row.querySelectorAll('td')].map((c) => c.textContent) : []
        return cells[2] === '1' || cells[3] === '1' // 送信済み or 配達済み
      },
      undefined,
      { timeout: 60_000 },
    )
    const cells = await emailRow.getByRole('cell').allInnerTexts()
    assert.deepEqual(cells.slice(0, 2), ['0', '0'], 'nothing left queued or sending')
    assert.match(await delivery.innerText(), /本人2名のうち\d名に通知済み/)
    await page.screenshot({ path: `${RESULTS}campaign.png`, fullPage: true })

    const [proof] = await Promise.all([page.waitForEvent('download'), delivery.getByRole('button', { name: '送達記録（CSV）' }).click()])
    assert.match(proof.suggestedFilename(), /^campaign-\d+-proof\.csv$/)
    assert.match(await readFile(await proof.path(), 'utf8'), /yamada\.e2e@example\.jp/)
    assert.deepEqual(errors, [], 'no errors in the page')
  } catch (error) {
    // what the page showed when it failed (test-results/campaign-failure.png)
    await shown?.screenshot({ path: `${RESULTS}campaign-failure.png`, fullPage: true }).catch(() => {})
    throw error
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
})
