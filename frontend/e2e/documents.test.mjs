// Browser test of the 書類作成 page: a claimant's 損害一覧 is requested, its progress shown, and the file
// downloaded from S3 by its presigned link (docs-render and claims-api behind the SPA's proxy).
// Writes test-results/documents.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip } from './browser.mjs'

test('request a damage schedule, follow its progress, download the PDF', { skip, timeout: 120_000 }, async () => {
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)
    await logIn(page, '/documents')
    await page.getByRole('heading', { level: 1, name: '書類作成' }).waitFor()

    await page.getByLabel('書類', { exact: true }).selectOption({ label: '損害一覧' })
    await page.getByLabel('原告を検索').fill('事務所')
    const first = page.getByRole('radio', { name: /（番号 \d+）/ }).first()
    await first.check()
    await page.getByRole('button', { name: '作成' }).click()

    const panel = page.getByRole('region', { name: '作成状況' })
    const download = panel.getByRole('button', { name: /^ダウンロード/ })
    await download.waitFor({ timeout: 60_000 })
    assert.match(await panel.getByRole('status').innerText(), /完了/)
    await page.screenshot({ path: `${RESULTS}documents.png`, fullPage: true })

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()])
    assert.match(file.suggestedFilename(), /^損害一覧_.+\.pdf$/)
    const path = await file.path()
    const { readFile } = await import('node:fs/promises')
    assert.equal((await readFile(path)).subarray(0, 5).toString(), '%PDF-')
    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
