// Browser test of 原告一覧 and 原告の取込み: find a claimant by kana and by registration number and open it, sort
// the list by the total, then import a small CSV with one bad row: the check names that row and column, and
// importing only the valid rows creates the other two, linked from the result.
// Writes test-results/claimant-list.png (sorted by the total) and test-results/claimant-import.png (the result).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launch, logIn, newPage, RESULTS, skip } from './browser.mjs'

/** Yen text ("1,100,698円") as a number. */
const yen = (text) => Number(text.replace(/[^\d]/g, ''))

/** A CSV as an office types it, with the columns of the transfer tests' examples; row 3 (Excel's numbering) is bad. */
function claimantsCsv(run) {
  const headers = ['種別', '氏名・名称', 'フリガナ', '社労士登録番号', '住所', 'メールアドレス', '信用毀損（請求する）']
  const digits = String(Date.now() % 1_000_000).padStart(6, '0')
  const rows = [
    ['社労士（個人）', `取込 一郎${run}`, 'トリコミ イチロウ', `90${digits}`, `大阪府大阪市中央区本町1-${digits}`, `import1-${run}@example.jp`, 'はい'],
    ['社労士さん', `取込 二郎${run}`, 'トリコミ ジロウ', '', `大阪府大阪市中央区本町2-${digits}`, `import2-${run}@example.jp`, 'はい'],
    ['社労士法人', `取込 三郎${run}`, 'トリコミ サブロウ', '', `大阪府大阪市中央区本町3-${digits}`, `import3-${run}@example.jp`, 'はい'],
  ]
  return [headers, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n'
}

test('find a claimant by kana and registration number, sort by total, import a CSV with one bad row', { skip, timeout: 120_000 }, async () => {
  const browser = await launch()
  try {
    const { page, errors } = await newPage(browser)
    await logIn(page, '/claimants')
    const table = page.locator('table.claimant-table')
    const rows = table.locator('tbody tr')
    await rows.first().waitFor()

    // Find by kana: the kana of a row that has one and a registration number (cells after the selection and the number)
    let name = ''
    let kana = ''
    let registrationNo = ''
    for (let i = 0; i < (await rows.count()) && !name; i++) {
      const cells = rows.nth(i).locator('td')
      const k = (await cells.nth(2).innerText()).trim()
      const r = (await cells.nth(3).innerText()).trim()
      if (/^[ァ-ヶー\s\u3000]+$/.test(k) && /^\d{8}$/.test(r)) {
        ;[name, kana, registrationNo] = [(await rows.nth(i).locator('th a').innerText()).trim(), k, r]
      }
    }
    assert.ok(name, 'a row with a kana reading and a registration number')
    const search = page.getByLabel('氏名で検索')
    await search.fill(kana)
    await page.waitForURL((url) => url.searchParams.get('q') === kana)
    await page.waitForFunction(
      (k) => [...document.querySelectorAll('table.claimant-table tbody tr')].every((tr) => tr.textContent?.includes(k)),
      kana,
    )
    assert.ok((await rows.allInnerTexts()).some((text) => text.includes(name)), `${name} found by ${kana}`)

    // ... and by registration number: exactly that claimant, opened
    await search.fill(registrationNo)
    await page.waitForURL((url) => url.searchParams.get('q') === registrationNo)
    await page.getByText(/^全1件$/).waitFor()
    await table.getByRole('link', { name }).click()
    await page.getByRole('heading', { level: 1, name }).waitFor()
    await page.goBack()
    await page.waitForURL((url) => url.searchParams.get('q') === registrationNo)
    await search.fill('')
    await page.waitForURL((url) => !url.searchParams.has('q'))

    // Sort by the total, largest first: the header says so and the amounts go down
    await table.getByRole('button', { name: /請求額合計で並べ替え/ }).click()
    await page.waitForURL((url) => url.searchParams.get('sort') === '-total')
    await table.locator('th[aria-sort="descending"]', { hasText: '請求額合計' }).waitFor()
    await page.waitForFunction(() => document.querySelector('table.claimant-table')?.getAttribute('aria-busy') === 'false')
    const totals = (await rows.locator('td.num:last-child').allInnerTexts()).map(yen)
    assert.ok(totals.length > 1, 'rows after sorting')
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a), 'totals in descending order')
    await page.screenshot({ path: `${RESULTS}claimant-list.png`, fullPage: true })

    // Import: check first (the bad row is named), then import the valid rows only
    await page.getByRole('link', { name: '原告の取込み' }).click()
    await page.getByRole('heading', { level: 1, name: '原告の取込み' }).waitFor()
    const run = Date.now().toString(36)
    await page.getByLabel('取り込むファイル（CSV・Excel）').setInputFiles({
      name: `原告一覧-${run}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(claimantsCsv(run), 'utf-8'),
    })
    await page.getByRole('button', { name: '検査する（まだ取り込みません）' }).click()
    await page.getByRole('heading', { name: '検査結果' }).waitFor()
    const errorRows = page.getByRole('table', { name: 'エラーの一覧' }).locator('tbody tr')
    assert.equal(await errorRows.count(), 1, 'one bad row')
    const [errorRow, errorColumn, reason] = await errorRows.first().locator('td').allInnerTexts()
    assert.equal(errorRow, '3')
    assert.equal(errorColumn, '種別')
    assert.match(reason, /社労士（個人）/, 'the reason lists the allowed values')

    // the checked import can be left and come back to, from the list of recent imports
    const importPath = new URL(page.url()).pathname
    assert.match(importPath, /^\/claimants\/import\/\d+$/, 'the import has an address of its own')
    await page.getByRole('link', { name: '原告一覧に戻る' }).click()
    await page.getByRole('link', { name: '原告の取込み' }).click()
    const recent = page.getByRole('table', { name: '最近の取込み' }).locator('tbody tr', { hasText: `原告一覧-${run}.csv` })
    assert.match(await recent.innerText(), /検査済み（取込みの確認待ち）/)
    await recent.getByRole('link').click()
    await page.getByRole('heading', { name: '検査結果' }).waitFor()
    assert.equal(new URL(page.url()).pathname, importPath)

    await page.getByLabel('正しい行だけを取り込み、エラーの行は除く').check()
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    await page.getByText('2名の原告を取り込みました。').waitFor()
    const imported = page.getByRole('link', { name: /^\d+行目 → 原告 \d+/ })
    assert.deepEqual(
      (await imported.allInnerTexts()).map((text) => text.split('行目')[0]),
      ['2', '4'],
      'rows 2 and 4 imported',
    )
    await page.screenshot({ path: `${RESULTS}claimant-import.png`, fullPage: true })

    await imported.first().click()
    await page.getByRole('heading', { level: 1, name: `取込 一郎${run}` }).waitFor()
    assert.deepEqual(errors, [], 'no errors in the page')
  } finally {
    await browser.close()
  }
})
