import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { campaign, campaignApi, counts, recipient, uploadableFile } from '../components/campaigns/testApi'
import type { LetterBatch, Recipient, RecipientImport } from '../components/campaigns/campaigns'
import { renderApp, signIn } from '../test/helpers'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function region(name: string | RegExp) {
  return screen.getByRole('region', { name })
}

async function opened(title = /個人情報の漏えいのおそれに関するお知らせとお詫び/) {
  await screen.findByRole('heading', { level: 1, name: title }, { timeout: 5000 })
}

const two = () => ({
  1: [
    recipient(11, '山田 太郎', { item_keys: ['name', 'address'] }),
    recipient(12, '佐藤 花子', { email: null, postal_code: '530-0001', address: '大阪府大阪市北区梅田一丁目1番1号', item_keys: ['mynumber'] }),
  ],
})

function upload(id: number, overrides: Partial<RecipientImport> = {}): RecipientImport {
  return {
    id,
    campaign_id: 1,
    filename: `list-${id}.csv`,
    encoding: 'auto',
    status: 'succeeded',
    bytes_total: 2048,
    bytes_read: 2048,
    rows_valid: 2,
    rows_invalid: 0,
    error: null,
    created_by: 'user:staff',
    created_at: '2026-11-20T01:30:00Z',
    finished_at: '2026-11-20T01:30:02Z',
    ...overrides,
  }
}

const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((c) => c.textContent)

function batch(id: number, overrides: Partial<LetterBatch> = {}): LetterBatch {
  return {
    id,
    campaign_id: 1,
    render_id: 500 + id,
    status: 'ready',
    letters: 1200,
    file_name: '個人情報に関するお知らせ_1200名.pdf',
    error: null,
    posted_on: null,
    posted_by: null,
    created_at: '2026-11-20T01:45:00Z',
    updated_at: '2026-11-20T01:50:00Z',
    ...overrides,
  }
}

describe('CampaignPage', { timeout: 15_000 }, () => {
  let saved: { href: string; download: string }[]
  const created = URL.createObjectURL
  const revoked = URL.revokeObjectURL

  beforeEach(() => {
    saved = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download })
    })
    URL.createObjectURL = () => 'blob:http://localhost/report'
    URL.revokeObjectURL = () => undefined
  })
  afterEach(() => {
    URL.createObjectURL = created
    URL.revokeObjectURL = revoked
  })

  it('shows the content, the deadlines and where the campaign stands', async () => {
    signIn()
    campaignApi({ campaigns: [campaign(1, { claimant_id: 7, unlawful_purpose: true, deadlines: { preliminary_from: '2026-11-05', preliminary_by: '2026-11-07', final_due: '2026-12-31', final_outer_limit: '2027-01-01', final_days: 60 } })] })
    renderApp('/campaigns/1')
    await opened()
    const steps = screen.getByRole('navigation', { name: '手順' })
    expect(within(steps).getByText('名簿').closest('li')).toHaveAttribute('aria-current', 'step')
    const content = region('内容')
    expect(content).toHaveTextContent('下書き')
    expect(await within(content).findByRole('link', { name: '堺 三郎社会保険労務士事務所（堺 三郎・番号 7）' })).toHaveAttribute('href', '/claimants/7')
    expect(content).toHaveTextContent('2026年11月5日〜2026年11月7日')
    expect(content).toHaveTextContent('2026年12月31日')
    expect(content).toHaveTextContent(/60日.*2027年1月1日/)
    expect(content).toHaveTextContent('氏名（name）')
  })

  it('uploads a recipient list, shows the progress, then the result and the error report', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1)] })
    const { router } = renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const section = region('名簿の取込み')
    expect(section).toHaveTextContent('氏名, メールアドレス, 郵便番号, 住所, 項目')

    // no file: said, nothing sent
    await user.click(within(section).getByRole('button', { name: '取り込む' }))
    expect(within(section).getByLabelText(/名簿ファイル（CSV）/)).toHaveAccessibleDescription(expect.stringContaining('ファイルを選んでください。'))

    const csv = await uploadableFile('氏名,メールアドレス,項目\n山田 太郎,t@example.jp,name\n', '名簿.csv')
    await user.upload(within(section).getByLabelText(/名簿ファイル（CSV）/), csv)
    await user.selectOptions(within(section).getByLabelText('文字コード'), 'Shift_JIS')
    await user.click(within(section).getByRole('button', { name: '取り込む' }))

    const panel = await within(section).findByRole('group', { name: '取込み 番号 100' })
    expect(router.state.location.search).toBe('?import=100')
    const bar = await within(panel).findByRole('progressbar', { name: '名簿の読込みの進捗' })
    await waitFor(() => expect(bar).toHaveAttribute('value', '1024'))
    expect(bar).toHaveAttribute('max', '2048')
    expect(panel).toHaveTextContent('1,024 / 2,048 バイト（50%）')
    expect(within(panel).getByText(/^状態:/)).toHaveTextContent('状態: 取込み中')

    await waitFor(() => expect(within(panel).getByText(/^状態:/)).toHaveTextContent('状態: 完了 有効 2行、除外 1行'), { timeout: 3000 })
    expect(within(panel).queryByRole('progressbar')).not.toBeInTheDocument()
    expect(panel).toHaveTextContent('問題のある1行は取り込んでいません。')
    const upload = api.calls('POST', /\/imports$/)[0]
    expect(upload.headers.get('Authorization')).toBe('Bearer test-token')
    expect(upload.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/)
    expect(api.state.uploads).toEqual([{ filename: '名簿.csv', encoding: 'shift_jis', text: '氏名,メールアドレス,項目\n山田 太郎,t@example.jp,name\n' }])
    // the recipients are refetched once the import is done
    const table = await screen.findByRole('table', { name: /受信者（1〜2人目／全2人）/ })
    expect(within(table).getAllByRole('row')).toHaveLength(3)

    await user.click(within(panel).getByRole('button', { name: 'エラー報告（CSV）をダウンロード' }))
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:http://localhost/report', download: 'recipients-import-100-errors.csv' }]))
    const report = api.calls('GET', /\/imports\/100\/errors\.csv$/)[0]
    expect(report.headers.get('Authorization')).toBe('Bearer test-token')

    // polling stopped once the import was done
    const polls = () => api.calls('GET', /\/imports\/100$/).length
    const settled = polls()
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(polls()).toBe(settled)
  })

  it('picks up an import from the URL', async () => {
    signIn()
    campaignApi({
      campaigns: [campaign(1)],
      imports: [{ id: 9, campaign_id: 1, filename: 'list.csv', encoding: 'auto', status: 'failed', bytes_total: 100, bytes_read: 40, rows_valid: 0, rows_invalid: 0, error: '3行目: 見出し行に「氏名」がありません', created_by: 'user:staff', created_at: '2026-11-20T01:30:00Z', finished_at: '2026-11-20T01:30:02Z' }],
    })
    renderApp('/campaigns/1?import=9')
    const panel = await screen.findByRole('group', { name: '取込み 番号 9' })
    expect(await within(panel).findByRole('alert')).toHaveTextContent('名簿を取り込めませんでした3行目: 見出し行に「氏名」がありません')
    expect(within(panel).queryByRole('button', { name: /エラー報告/ })).not.toBeInTheDocument()
  })

  it('lists the uploads newest first — who, when, how it went, the error report — and adds a new one as it ends', async () => {
    signIn()
    const api = campaignApi({
      campaigns: [campaign(1)],
      imports: [
        upload(8, { filename: '第1回.csv', rows_valid: 1200, rows_invalid: 3, created_by: 'user:lawyer' }),
        upload(9, { filename: '第2回.csv', status: 'failed', bytes_read: 40, rows_valid: 0, error: '3行目: 見出し行に「氏名」がありません', created_at: '2026-11-21T02:00:00Z' }),
      ],
    })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const history = region('取込み履歴')
    const table = await within(history).findByRole('table', { name: '取り込んだ名簿（新しい順、全2件）' })
    const [, failed, done] = within(table).getAllByRole('row')
    expect(cells(failed)).toEqual(['第2回.csv取込み 番号 9', '2026年11月21日 11:00', 'user:staff', '失敗3行目: 見出し行に「氏名」がありません', '0', '0', '—'])
    expect(cells(done)[0]).toBe('第1回.csv取込み 番号 8')
    expect(cells(done).slice(1, 6)).toEqual(['2026年11月20日 10:30', 'user:lawyer', '完了', '1,200', '3'])

    await user.click(within(done).getByRole('button', { name: 'エラー報告（CSV）（取込み 番号 8）' }))
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:http://localhost/report', download: 'recipients-import-8-errors.csv' }]))
    expect(api.calls('GET', /\/imports\/8\/errors\.csv$/)[0].headers.get('Authorization')).toBe('Bearer test-token')
    expect(api.calls('GET', /\/imports$/)[0].url).toMatch(/[?&]limit=10\b/)

    // a new upload: at the top while it runs, its result once it has ended
    const importer = region('名簿の取込み')
    await user.upload(within(importer).getByLabelText(/名簿ファイル（CSV）/), await uploadableFile('氏名,メールアドレス\n山田 太郎,t@example.jp\n', '第3回.csv'))
    await user.click(within(importer).getByRole('button', { name: '取り込む' }))
    await within(history).findByRole('table', { name: '取り込んだ名簿（新しい順、全3件）' })
    const newest = () => within(within(history).getByRole('table')).getAllByRole('row')[1]
    expect(cells(newest()).slice(0, 4)).toEqual(['第3回.csv取込み 番号 100', '2026年11月20日 10:30', 'user:staff', expect.stringMatching(/^取込み中/)])
    expect(within(newest()).queryByRole('button')).not.toBeInTheDocument()
    await waitFor(() => expect(cells(newest()).slice(3, 6)).toEqual(['完了', '2', '1']), { timeout: 3000 })
    expect(within(newest()).getByRole('button', { name: 'エラー報告（CSV）（取込み 番号 100）' })).toBeInTheDocument()
  })

  it('notices the end of an upload nobody follows: the history, the recipients and the launch refresh', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1)], imports: [upload(9, { status: 'running', bytes_read: 1024, rows_valid: 1, finished_at: null })] })
    renderApp('/campaigns/1')
    await opened()
    const history = region('取込み履歴')
    const table = await within(history).findByRole('table')
    expect(cells(within(table).getAllByRole('row')[1])[3]).toBe('取込み中（50%）')
    expect(await within(region('送信')).findByText('名簿を取り込むと送信できます。')).toBeInTheDocument()

    // notify finishes it meanwhile
    Object.assign(api.state.imports[0], { status: 'succeeded', bytes_read: 2048, rows_valid: 2, finished_at: '2026-11-20T01:31:00Z' })
    api.state.recipients[1] = two()[1]
    await waitFor(() => expect(cells(within(table).getAllByRole('row')[1])[3]).toBe('完了'), { timeout: 4500 })
    expect(await screen.findByRole('table', { name: /受信者（1〜2人目／全2人）/ })).toBeInTheDocument()
    expect(await within(region('送信')).findByRole('button', { name: '送信内容を確認する' })).toBeInTheDocument()
    // and the history stops asking
    const polls = () => api.calls('GET', /\/imports$/).length
    const settled = polls()
    await new Promise((resolve) => setTimeout(resolve, 3500))
    expect(polls()).toBe(settled)
  })

  it('says how many a launch reaches by e-mail and by post as notify counts them, however long the list', async () => {
    signIn()
    const many: Recipient[] = Array.from({ length: 2500 }, (_, i) =>
      recipient(1000 + i, `受信者 ${i}`, i < 1800 ? {} : { email: null, postal_code: '590-0001', address: '大阪府堺市堺区一丁1番1号' }),
    )
    const api = campaignApi({ campaigns: [campaign(1)], recipients: { 1: many } })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const send = region('送信')
    await user.click(await within(send).findByRole('button', { name: '送信内容を確認する' }))
    expect(await within(send).findByText('電子メールで1,800人、郵送で700人（合計2,500人）に通知します。')).toBeInTheDocument()
    // the recipient list is read for its table only, a page at a time
    expect(api.calls('GET', /\/recipients$/).map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(expect.arrayContaining(['50']))
    expect(api.calls('GET', /\/recipients$/).every((r) => new URL(r.url).searchParams.get('limit') === '50')).toBe(true)
  })

  it('offers a launched campaign the recipients imported since, by channel, once their import has ended', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1, { status: 'sending', launched_at: '2026-11-20T01:40:00Z' })], recipients: two(), importResult: { valid: 2, invalid: 0 } })
    api.state.delivery.set(1, { email: counts({ sent: 1 }), postal: counts({ sent: 1 }) })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const send = region('送信')
    expect(await within(send).findByText('取り込んだ受信者には、すべて通知を送信済み又は送信待ちにしています。')).toBeInTheDocument()
    expect(within(send).queryByRole('button')).not.toBeInTheDocument()

    const importer = region('名簿の取込み')
    await user.upload(within(importer).getByLabelText(/名簿ファイル（CSV）/), await uploadableFile('氏名,メールアドレス\n木村 三郎,s@example.jp\n', '追加.csv'))
    await user.click(within(importer).getByRole('button', { name: '取り込む' }))
    await user.click(await within(send).findByRole('button', { name: '追加の受信者2人に送信する' }, { timeout: 3000 }))
    const confirm = within(send).getByRole('group', { name: '送信の確認' })
    expect(confirm).toHaveTextContent('送信を始めた後に取り込まれ、まだ通知していない2人（電子メールで2人、郵送で0人）に通知します。')
    expect(confirm).toHaveTextContent('通知の内容は送信開始時のままです。')
    await user.click(within(confirm).getByRole('button', { name: '送信する' }))
    expect(await within(send).findByText('電子メール2件、郵送0件を送信待ちにしました。')).toBeInTheDocument()
    expect(api.calls('POST', /\/launch$/)).toHaveLength(1)
    // nothing more to send: no button, even after the counts are read again
    expect(within(send).queryByRole('button')).not.toBeInTheDocument()
  })

  it('previews a recipient’s e-mail: their own items only', async () => {
    signIn()
    campaignApi({ campaigns: [campaign(1)], recipients: two() })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const table = await screen.findByRole('table', { name: /^受信者（/ })
    const [, yamada, sato] = within(table).getAllByRole('row')
    expect(yamada).toHaveTextContent('r11@example.jp')
    expect(yamada).toHaveTextContent('氏名、住所')
    expect(sato).toHaveTextContent('郵送〒530-0001 大阪府大阪市北区梅田一丁目1番1号')
    expect(sato).toHaveTextContent('個人番号')

    const button = within(yamada).getByRole('button', { name: 'プレビュー（山田 太郎）' })
    expect(button).toHaveAttribute('aria-expanded', 'false')
    await user.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')
    const preview = await screen.findByRole('region', { name: '山田 太郎さんへの通知' })
    expect(await within(preview).findByText('【重要】個人情報の漏えいのおそれに関するお知らせとお詫び')).toBeInTheDocument()
    const body = preview.querySelector('pre')!
    expect(body.textContent).toContain('氏名、住所')
    expect(body.textContent).not.toContain('個人番号')
    expect(body).toHaveClass('mail-body')

    await user.click(within(sato).getByRole('button', { name: 'プレビュー（佐藤 花子）' }))
    const other = await screen.findByRole('region', { name: '佐藤 花子さんへの通知' })
    expect(await within(other).findByText('この方には郵送で、同じ内容の書面を送ります。')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: '山田 太郎さんへの通知' })).not.toBeInTheDocument()
  })

  it('asks to confirm the launch with the counts by channel, launches once, and shows what was queued', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1)], recipients: two() })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const send = region('送信')
    expect(within(screen.getByRole('navigation', { name: '手順' })).getByText('確認').closest('li')).toHaveAttribute('aria-current', 'step')

    await user.click(await within(send).findByRole('button', { name: '送信内容を確認する' }))
    const confirm = within(send).getByRole('group', { name: '送信の確認' })
    expect(within(confirm).getByRole('heading', { name: '送信の確認' })).toHaveFocus()
    expect(await within(confirm).findByText('電子メールで1人、郵送で1人（合計2人）に通知します。')).toBeInTheDocument()
    expect(confirm).toHaveTextContent('送信を始めると、通知の内容は変更できません。')
    expect(api.calls('POST', /\/launch$/)).toHaveLength(0)

    // 戻る: nothing sent, the button again
    await user.click(within(confirm).getByRole('button', { name: '戻る' }))
    expect(api.calls('POST', /\/launch$/)).toHaveLength(0)
    await user.click(within(send).getByRole('button', { name: '送信内容を確認する' }))
    await user.dblClick(within(send).getByRole('button', { name: '送信する' }))

    expect(await within(send).findByText('電子メール1件、郵送1件を送信待ちにしました。')).toBeInTheDocument()
    const posts = api.calls('POST', /\/launch$/)
    expect(posts).toHaveLength(1)
    expect(posts[0].headers.get('Idempotency-Key')).toMatch(UUID)
    expect(await screen.findByRole('region', { name: '送信状況' })).toBeInTheDocument()
    expect(region('内容')).toHaveTextContent('送信中')
    expect(within(screen.getByRole('navigation', { name: '手順' })).getByText('送信').closest('li')).toHaveAttribute('aria-current', 'step')
  })

  it('refreshes the delivery counts while notify sends, and stops when it has finished', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1, { status: 'sending', launched_at: '2026-11-20T01:40:00Z' })], recipients: two() })
    api.state.delivery.set(1, { email: counts({ queued: 1 }), postal: counts({ sending: 1 }) })
    renderApp('/campaigns/1')
    await opened()
    const delivery = await screen.findByRole('region', { name: '送信状況' })
    const table = await within(delivery).findByRole('table', { name: /通知方法・状態ごとの件数（受信者2人）/ })
    const email = () => within(table).getByRole('row', { name: /^電子メール/ })
    // the first answer already moved the e-mail on: sending
    await waitFor(() => expect(within(email()).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '1', '0', '0', '0', '0', '0', '1']))
    expect(delivery).toHaveTextContent('送信中のため、3秒ごとに更新しています。')
    // three seconds later: sent
    await waitFor(() => expect(within(email()).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '1', '0', '0', '0', '0', '1']), { timeout: 4500 })
    expect(delivery).toHaveTextContent('本人2名のうち1名に通知済み')
    expect(delivery).toHaveTextContent('自動送信は終わっています')
    const polls = () => api.calls('GET', /\/campaigns\/1\/delivery$/).length
    const settled = polls()
    await new Promise((resolve) => setTimeout(resolve, 3500))
    expect(polls()).toBe(settled)

    await userEvent.setup().click(within(delivery).getByRole('button', { name: '送達記録（CSV）' }))
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:http://localhost/report', download: 'campaign-1-proof.csv' }]))
  })

  it('downloads a letter batch from docs-render and records the day it was posted', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1, { status: 'sending', launched_at: '2026-11-20T01:40:00Z' })], recipients: two(), batches: [batch(3), batch(4, { status: 'rendering', render_id: null, file_name: null })] })
    renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const letters = await screen.findByRole('region', { name: '郵送' })
    const table = await within(letters).findByRole('table', { name: '郵送の束（2件）' })
    const [, ready, rendering] = within(table).getAllByRole('row')
    expect(ready).toHaveTextContent('完成')
    expect(ready).toHaveTextContent('1,200通')
    expect(rendering).toHaveTextContent('作成中')
    expect(within(rendering).queryByRole('button')).not.toBeInTheDocument()

    await user.click(within(ready).getByRole('button', { name: /^ダウンロード/ }))
    await waitFor(() => expect(saved).toEqual([{ href: 'https://s3.example.jp/renders/503/file.pdf?X-Amz-Signature=abc', download: 'render-503.pdf' }]))

    const date = within(ready).getByLabelText('番号3の投函日')
    await user.clear(date)
    await user.type(date, '2026-11-20')
    await user.click(within(ready).getByRole('button', { name: '投函日を記録（番号3）' }))
    await waitFor(() => expect(within(within(table).getAllByRole('row')[1]).getByText('投函済み')).toBeInTheDocument())
    expect(await api.calls('POST', /\/letter-batches\/3\/posted$/)[0].json()).toEqual({ posted_on: '2026-11-20' })
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2026年11月20日')
  })

  it('renders the public notice, downloads it, and records where it was published', async () => {
    signIn()
    const api = campaignApi({ campaigns: [campaign(1, { status: 'sending', launched_at: '2026-11-20T01:40:00Z' })], recipients: two() })
    const { router } = renderApp('/campaigns/1')
    const user = userEvent.setup()
    await opened()
    const notice = region('公表（代替措置）')
    await user.click(within(notice).getByRole('button', { name: '公表文を作成' }))
    const job = await within(notice).findByRole('group', { name: /公表文の作成 番号 \d+/ })
    expect(router.state.location.search).toMatch(/^\?notice=\d+$/)
    const download = await within(job).findByRole('button', { name: /^ダウンロード/ }, { timeout: 3000 })
    expect(within(job).getByRole('status')).toHaveTextContent('公表文: 完了')
    await user.click(download)
    await waitFor(() => expect(saved).toHaveLength(1))

    await user.clear(within(notice).getByLabelText(/^公表日/))
    await user.type(within(notice).getByLabelText(/^公表日/), '2026-11-20')
    await user.type(within(notice).getByLabelText(/^公表した場所/), 'https://example.jp/notice')
    await user.click(within(notice).getByRole('button', { name: '公表を記録' }))
    await waitFor(() => expect(within(notice).getByText('https://example.jp/notice', { selector: 'dd' })).toBeInTheDocument())
    expect(await api.calls('POST', /\/public-notice$/)[0].json()).toEqual({ published_on: '2026-11-20', where: 'https://example.jp/notice' })
  })

  it('shows a viewer everything and no write buttons', async () => {
    signIn()
    const api = campaignApi({
      role: 'viewer',
      campaigns: [campaign(1, { status: 'sending', launched_at: '2026-11-20T01:40:00Z' })],
      recipients: two(),
      batches: [batch(3)],
    })
    api.state.delivery.set(1, { email: counts({ sent: 1 }), postal: counts({ sending: 1 }) })
    renderApp('/campaigns/1')
    await opened()
    expect(await screen.findByText('変更する権限（notify:write）がないため、閲覧のみできます。')).toBeInTheDocument()
    const letters = await screen.findByRole('region', { name: '郵送' })
    await within(letters).findByRole('table')
    await screen.findByRole('table', { name: /^受信者（/ })
    await within(region('送信状況')).findByRole('table')
    await within(region('取込み履歴')).findByText('まだ名簿を取り込んでいません。')

    const buttons = screen.getAllByRole('button').map((b) => b.textContent)
    for (const write of ['取り込む', '送信内容を確認する', '送信する', '投函日を記録', '公表文を作成', '公表を記録']) {
      expect(buttons.some((text) => text?.startsWith(write))).toBe(false)
    }
    expect(screen.queryByLabelText(/名簿ファイル/)).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: '送信' })).not.toBeInTheDocument()
    // reading and downloading stay
    expect(within(letters).getByRole('button', { name: /^ダウンロード/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '送達記録（CSV）' })).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: /^プレビュー/ })).toHaveLength(2)
  })
})
