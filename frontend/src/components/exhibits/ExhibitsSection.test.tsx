import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { exhibit, exhibitFile, intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { renderPart, versioned, whenSignedInUserKnown } from '../claimant/testing'
import { ExhibitsSection } from './ExhibitsSection'
import { stubXhr } from './testXhr'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'
const EXHIBITS = 'GET /claims-api/api/v1/claimants/7/exhibits'
const TICKET = 'POST /claims-api/api/v1/exhibits/31/versions/uploads'
const COMPLETE = 'POST /claims-api/api/v1/exhibits/31/versions'
const S3_URL = 'http://127.0.0.1:9000/bengodan/evidence/exhibit-31/u/timesheet.csv?X-Amz-Signature=abc'

/** The SHA-256 of the test file's content 'hours,8\n9,1' (computed outside the browser code: python's hashlib). */
const CONTENT = 'hours,8\n9,1'
const CONTENT_SHA256 = 'd47031b898a2e0aaef08a205326a2d4ccfc11eee56667712133bc15f5b7b30ea'

function ticket(n = 1) {
  return { upload_id: String(n).repeat(32), method: 'PUT', url: S3_URL, headers: { 'Content-Type': 'text/csv' }, expires_at: '2026-11-20T02:30:00Z' }
}

/** claims-api with claimant 7, one exhibit in slot 2 (no file until an upload completes), and the upload endpoints. */
function uploadApi(role: 'staff' | 'viewer' = 'staff', extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  let file: ReturnType<typeof exhibitFile> | null = null
  let tickets = 0
  const timesheet = () => exhibit(31, 7, 12, 2, '勤怠記録（2023年6月）', { author: '堺 三郎', purpose: '残業時間', current_version: file })
  const api = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
    [EXHIBITS]: () => json([exhibit(30, 7, 12, 1, 'ネットde社労夢 利用契約書', { original_or_copy: 'original', made_on: '2019-04-01' }), timesheet()]),
    [TICKET]: () => {
      tickets += 1
      return json(ticket(tickets), 201)
    },
    [COMPLETE]: async (request) => {
      const body = (await request.json()) as { upload_id: string }
      file = { ...exhibitFile('timesheet.csv'), content_type: 'text/csv', size: 11, sha256: CONTENT_SHA256, version: 1 }
      expect(body.upload_id).toHaveLength(32)
      return json(file, 201)
    },
    ...extra,
  })
  return api
}

describe('ExhibitsSection', () => {
  it('lists the claimant’s exhibits by slot of the damage schedule, with their description', async () => {
    signIn()
    uploadApi('viewer')
    const { queryClient } = renderPart(<ExhibitsSection claimantId={7} />)

    const slots = await screen.findAllByRole('article')
    expect(slots.map((s) => within(s).getByRole('heading', { level: 3 }).textContent)).toEqual([
      '甲＿の1 契約書・利用合意',
      '甲＿の2 人件費',
      '甲＿の3 オンプレ版費用',
      '甲＿の4 利用料差額',
      '甲＿の5 信用毀損',
      '甲＿の6 その他実損',
    ])
    const contract = within(slots[0]).getByRole('region', { name: '甲第12号証の1 ネットde社労夢 利用契約書' })
    expect(within(contract).getByText('原本・写し').nextElementSibling).toHaveTextContent('原本')
    expect(within(contract).getByText('作成年月日').nextElementSibling).toHaveTextContent('2019年4月1日')
    expect(within(contract).getByText('ファイル').nextElementSibling).toHaveTextContent('未登録')
    const timesheet = within(slots[1]).getByRole('region', { name: '甲第12号証の2 勤怠記録（2023年6月）' })
    expect(within(timesheet).getByText('作成年月日').nextElementSibling).toHaveTextContent('不明')
    expect(within(timesheet).getByText('立証趣旨').nextElementSibling).toHaveTextContent('残業時間')
    expect(within(slots[2]).getByText('この欄の証拠は登録されていません。')).toBeInTheDocument()
    // a viewer reads: no add, edit or upload
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it('uploads a file picked: shows its SHA-256, the progress, then the stored version with the same hash', async () => {
    signIn()
    const Xhr = stubXhr()
    const { requests } = uploadApi()
    renderPart(<ExhibitsSection claimantId={7} />)

    const content = CONTENT
    const input = await screen.findByLabelText('甲第12号証の2のファイル')
    fireEvent.change(input, { target: { files: [new File([content], 'timesheet.csv', { type: 'text/csv' })] } })

    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    const card = screen.getByRole('region', { name: /甲第12号証の2/ })
    expect(within(card).getByTestId('upload-sha256')).toHaveTextContent(CONTENT_SHA256)
    const put = Xhr.sent[0]
    expect(put.method).toBe('PUT')
    expect(put.url).toBe(S3_URL)
    expect(put.headers).toEqual({ 'Content-Type': 'text/csv' })
    expect((put.body as File).name).toBe('timesheet.csv')
    const asked = requests.find((r) => r.method === 'POST' && r.url.endsWith('/versions/uploads'))!
    expect(await asked.json()).toEqual({ filename: 'timesheet.csv', content_type: 'text/csv', size: 11, sha256: CONTENT_SHA256 })
    expect(asked.headers.get('Idempotency-Key')).toBeTruthy()

    await put.progress(6, 11)
    const bar = within(card).getByRole('progressbar', { name: 'アップロードの進行状況' })
    expect(bar).toHaveAttribute('value', '54')
    expect(within(card).getByText(/timesheet.csvをアップロードしています… 50%/)).toHaveAttribute('role', 'status')

    await put.respond(200)
    expect(await within(card).findByText('timesheet.csvを第1版として登録しました。SHA-256は一致しました。')).toBeInTheDocument()
    expect(bar).toHaveAttribute('value', '100')
    const complete = requests.find((r) => r.method === 'POST' && r.url.endsWith('/exhibits/31/versions'))!
    expect(await complete.json()).toEqual({ upload_id: '1'.repeat(32) })
    // the list is read again: the stored version, its size and the hash claims-api computed
    expect(await within(card).findByTestId('stored-sha256')).toHaveTextContent(CONTENT_SHA256)
    expect(within(card).getByText('ファイル').nextElementSibling).toHaveTextContent('timesheet.csv（11 B・11バイト）')
  })

  it('takes a file dropped on the drop zone, which is also a button that opens the picker', async () => {
    signIn()
    const Xhr = stubXhr()
    uploadApi()
    renderPart(<ExhibitsSection claimantId={7} />)

    const zone = await screen.findByRole('button', { name: 'ファイルをここにドロップ、またはクリックして選択（甲第12号証の2）' })
    const input = screen.getByLabelText<HTMLInputElement>('甲第12号証の2のファイル')
    const picker = vi.spyOn(input, 'click')
    zone.focus()
    await userEvent.keyboard('{Enter}')
    expect(picker).toHaveBeenCalledTimes(1)

    fireEvent.drop(zone, { dataTransfer: { files: [new File(['hours,8\n9,1'], 'timesheet.csv', { type: 'text/csv' })] } })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].respond(200)
    expect(await screen.findByText(/SHA-256は一致しました/)).toBeInTheDocument()
  })

  it('shows why the storage refused the file, and uploads again with a new ticket', async () => {
    signIn()
    const Xhr = stubXhr()
    const { requests } = uploadApi()
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    fireEvent.change(await screen.findByLabelText('甲第12号証の2のファイル'), {
      target: { files: [new File(['hours,8\n9,1'], 'timesheet.csv', { type: 'text/csv' })] },
    })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].respond(403, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('アップロードできませんでした')
    expect(alert).toHaveTextContent('ストレージがファイルを受け付けませんでした（HTTP 403）。')
    expect(alert).toHaveTextContent('AccessDenied: Request has expired')
    expect(screen.getByText('失敗した段階: timesheet.csvをアップロードしています…')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'もう一度アップロードする' }))
    await waitFor(() => expect(Xhr.sent).toHaveLength(2))
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/versions/uploads'))).toHaveLength(2)
    await Xhr.sent[1].respond(200)
    expect(await screen.findByText(/第1版として登録しました/)).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('stops an upload on request and can start it again', async () => {
    signIn()
    const Xhr = stubXhr()
    uploadApi()
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    fireEvent.change(await screen.findByLabelText('甲第12号証の2のファイル'), {
      target: { files: [new File(['hours,8\n9,1'], 'timesheet.csv', { type: 'text/csv' })] },
    })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].progress(3, 11)
    await user.click(screen.getByRole('button', { name: 'アップロードを中止' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('アップロードを中止しました。')
    await user.click(screen.getByRole('button', { name: 'アップロードをやり直す' }))
    await waitFor(() => expect(Xhr.sent).toHaveLength(2))
  })

  it('shows claims-api’s refusal of the completion (hash mismatch) with its field', async () => {
    signIn()
    const Xhr = stubXhr()
    uploadApi('staff', {
      [COMPLETE]: () =>
        problem(422, 'Upload does not match', 'sha256: declared SHA-256 does not match the stored object', {
          errors: [{ field: 'sha256', reason: 'declared SHA-256 does not match the stored object' }],
        }),
    })
    renderPart(<ExhibitsSection claimantId={7} />)

    fireEvent.change(await screen.findByLabelText('甲第12号証の2のファイル'), {
      target: { files: [new File(['hours,8\n9,1'], 'timesheet.csv', { type: 'text/csv' })] },
    })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].respond(200)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Upload does not match')
    expect(alert).toHaveTextContent('項目: sha256 — declared SHA-256 does not match the stored object')
    expect(screen.getByText('失敗した段階: timesheet.csvのサイズとSHA-256を照合しています…')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'もう一度アップロードする' })).toBeInTheDocument()
  })

  it('adds an exhibit to a slot: claims-api numbers it, and it is listed there', async () => {
    signIn()
    let created: ReturnType<typeof exhibit> | null = null
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json(created ? [created] : []),
      'POST /claims-api/api/v1/cases/1/exhibits': async (request) => {
        const body = (await request.json()) as { title: string; author: string; purpose: string }
        created = exhibit(40, 7, 15, 4, body.title, { author: body.author, purpose: body.purpose })
        return json(created, 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '証拠を追加（利用料差額）' }))
    const form = screen.getByRole('group', { name: '証拠を追加する（甲＿の4 利用料差額）' })
    await user.type(within(form).getByLabelText(/^標目/), '請求書（2023年7月分）')
    await user.type(within(form).getByLabelText('作成者'), '株式会社エムケイシステム')
    await user.type(within(form).getByLabelText('立証趣旨'), '障害期間中も利用料が請求されたこと')
    await user.click(within(form).getByRole('button', { name: '追加する' }))

    expect(await screen.findByText('甲第15号証の4を登録しました。')).toHaveAttribute('role', 'status')
    expect(await screen.findByRole('region', { name: '甲第15号証の4 請求書（2023年7月分）' })).toBeInTheDocument()
    const post = requests.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({
      claimant_id: 7,
      side: '甲',
      slot: 4,
      title: '請求書（2023年7月分）',
      original_or_copy: 'copy',
      made_on: null,
      author: '株式会社エムケイシステム',
      purpose: '障害期間中も利用料が請求されたこと',
      note: '',
    })
    expect(post.headers.get('Idempotency-Key')).toBeTruthy()
  })

  it('edits an exhibit’s description with the If-Match of the exhibit as read, and shows a 422 with its field', async () => {
    signIn()
    let purpose = '残業時間'
    let calls = 0
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { purpose })]),
      'GET /claims-api/api/v1/exhibits/31': () => versioned(exhibit(31, 7, 12, 2, '勤怠記録', { purpose }), '"e1"'),
      'PATCH /claims-api/api/v1/exhibits/31': async (request) => {
        calls += 1
        const body = (await request.json()) as { purpose: string }
        if (calls === 1) return problem(422, 'Invalid input', 'made_on: must not be in the future', { errors: [{ field: 'made_on', reason: 'must not be in the future' }] })
        purpose = body.purpose
        return json(exhibit(31, 7, 12, 2, '勤怠記録', { purpose }))
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '記載を編集（甲第12号証の2）' }))
    // the form is filled from the exhibit as read now
    await screen.findByLabelText('立証趣旨')
    const form = screen.getByRole('group', { name: '甲第12号証の2の記載を編集する' })
    const field = within(form).getByLabelText('立証趣旨')
    expect(field).toHaveValue('残業時間')
    await user.clear(field)
    await user.type(field, '障害対応のための残業時間')
    await waitFor(() => expect(requests.some((r) => r.method === 'GET' && r.url.endsWith('/exhibits/31'))).toBe(true))
    await user.click(within(form).getByRole('button', { name: '保存する' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('項目: made_on — must not be in the future')
    expect(within(form).getByLabelText('作成年月日')).toHaveAttribute('aria-invalid', 'true')

    await user.click(within(form).getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('甲第12号証の2の記載を保存しました。')).toBeInTheDocument()
    const patches = requests.filter((r) => r.method === 'PATCH')
    expect(patches[1].headers.get('If-Match')).toBe('"e1"')
    expect((await patches[1].json()).purpose).toBe('障害対応のための残業時間')
    expect(await screen.findByText('障害対応のための残業時間')).toBeInTheDocument()
  })

  it('fills the edit from the exhibit as read now, not the list, and saves with that read’s ETag', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      // the list as read hours ago; someone has changed the purpose since
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { purpose: '残業時間' })]),
      'GET /claims-api/api/v1/exhibits/31': () => versioned(exhibit(31, 7, 12, 2, '勤怠記録', { purpose: '残業時間と休日出勤' }), '"e2"'),
      'PATCH /claims-api/api/v1/exhibits/31': async (request) => json(exhibit(31, 7, 12, 2, '勤怠記録', (await request.json()) as Record<string, unknown>)),
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '記載を編集（甲第12号証の2）' }))
    expect(await screen.findByLabelText('立証趣旨')).toHaveValue('残業時間と休日出勤')
    await user.type(screen.getByLabelText('作成者'), '堺 三郎')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('甲第12号証の2の記載を保存しました。')).toBeInTheDocument()
    const [patch] = requests.filter((r) => r.method === 'PATCH')
    expect(patch.headers.get('If-Match')).toBe('"e2"')
    expect(await patch.json()).toMatchObject({ purpose: '残業時間と休日出勤', author: '堺 三郎' })
  })

  it('after someone else’s change (412) shows the exhibit as stored now, says what differs, and saves over nothing unseen', async () => {
    signIn()
    let stored = exhibit(31, 7, 12, 2, '勤怠記録', { purpose: '残業時間' })
    let version = 1
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([stored]),
      'GET /claims-api/api/v1/exhibits/31': () => versioned(stored, `"e${version}"`),
      'PATCH /claims-api/api/v1/exhibits/31': async (request) => {
        if (request.headers.get('If-Match') !== `"e${version}"`) return problem(412, 'Precondition Failed', 'the exhibit has changed')
        stored = { ...stored, ...((await request.json()) as object) }
        version += 1
        return versioned(stored, `"e${version}"`)
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '記載を編集（甲第12号証の2）' }))
    await user.type(await screen.findByLabelText('作成者'), '堺 三郎')
    // meanwhile another user changes the purpose
    stored = { ...stored, purpose: '残業時間と休日出勤' }
    version = 2
    await user.click(screen.getByRole('button', { name: '保存する' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('ほかの人がこの証拠を先に変更していたため、保存しませんでした。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 立証趣旨')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 作成者。')
    expect(screen.getByLabelText('立証趣旨')).toHaveValue('残業時間と休日出勤')
    expect(screen.getByLabelText('作成者')).toHaveValue('')

    await user.type(screen.getByLabelText('作成者'), '堺 三郎')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('甲第12号証の2の記載を保存しました。')).toBeInTheDocument()
    const patches = requests.filter((r) => r.method === 'PATCH')
    expect(patches).toHaveLength(2)
    expect(patches[1].headers.get('If-Match')).toBe('"e2"')
    expect(stored).toMatchObject({ purpose: '残業時間と休日出勤', author: '堺 三郎' })
  })

  it('says so in English after a 412', async () => {
    signIn()
    let reads = 0
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録')]),
      'GET /claims-api/api/v1/exhibits/31': () => {
        reads += 1
        return reads === 1 ? versioned(exhibit(31, 7, 12, 2, '勤怠記録'), '"e1"') : versioned(exhibit(31, 7, 12, 2, '勤怠記録（6月）'), '"e2"')
      },
      'PATCH /claims-api/api/v1/exhibits/31': () => problem(412, 'Precondition Failed', 'changed'),
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />, 'en')
    await user.click(await screen.findByRole('button', { name: /^Edit description/ }))
    await user.type(await screen.findByLabelText('What it proves'), 'hours')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Someone else changed this exhibit first, so your changes were not saved.')
    expect(alert).toHaveTextContent('Changed by someone else: Title')
    expect(alert).toHaveTextContent('Your entries that were not saved: What it proves.')
  })

  it('keeps what was typed after a 412 when only something outside the form changed (the file)', async () => {
    signIn()
    let file: ReturnType<typeof exhibitFile> | null = null
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: file })]),
      'GET /claims-api/api/v1/exhibits/31': () => versioned(exhibit(31, 7, 12, 2, '勤怠記録', { current_version: file }), file ? '"e2"' : '"e1"'),
      'PATCH /claims-api/api/v1/exhibits/31': async (request) => {
        if (request.headers.get('If-Match') !== (file ? '"e2"' : '"e1"')) return problem(412, 'Precondition Failed', 'changed')
        return json(exhibit(31, 7, 12, 2, '勤怠記録', (await request.json()) as Record<string, unknown>))
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '記載を編集（甲第12号証の2）' }))
    await user.type(await screen.findByLabelText('作成者'), '堺 三郎')
    file = exhibitFile('kintai.pdf', 1)
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('このフォームの項目は変更されていないため、入力した内容はそのまま残しています。')
    expect(screen.getByLabelText('作成者')).toHaveValue('堺 三郎')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('甲第12号証の2の記載を保存しました。')).toBeInTheDocument()
    const patches = requests.filter((r) => r.method === 'PATCH')
    expect(patches[1].headers.get('If-Match')).toBe('"e2"')
    expect(await patches[1].json()).toMatchObject({ author: '堺 三郎' })
  })

  it('lists an exhibit without a slot on its own, not under 甲＿の6', async () => {
    signIn()
    uploadApi('viewer', {
      [EXHIBITS]: () => json([{ ...exhibit(33, 7, 14, null, '陳述書'), slot: null, slot_name: null }, exhibit(34, 7, 12, 6, '領収書')]),
    })
    renderPart(<ExhibitsSection claimantId={7} />)

    const slots = await screen.findAllByRole('article')
    expect(slots.map((s) => within(s).getByRole('heading', { level: 3 }).textContent)).toEqual([
      '甲＿の1 契約書・利用合意',
      '甲＿の2 人件費',
      '甲＿の3 オンプレ版費用',
      '甲＿の4 利用料差額',
      '甲＿の5 信用毀損',
      '甲＿の6 その他実損',
      '区分なし',
    ])
    expect(within(slots[5]).getByRole('region', { name: '甲第12号証の6 領収書' })).toBeInTheDocument()
    expect(within(slots[5]).queryByRole('region', { name: /陳述書/ })).not.toBeInTheDocument()
    expect(within(slots[6]).getByRole('region', { name: '甲第14号証 陳述書' })).toBeInTheDocument()
  })

  it('asks for a download link once while the first is pending', async () => {
    signIn()
    let answer: (r: Response) => void = () => {}
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: exhibitFile('kintai.pdf', 2) })]),
      'GET /claims-api/api/v1/exhibits/31/versions/2/download': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    const button = await screen.findByRole('button', { name: 'ダウンロード（甲第12号証の2 第2版 kintai.pdf）' })
    await user.click(button)
    await waitFor(() => expect(button).toHaveAttribute('aria-disabled', 'true'))
    await user.click(button)
    answer(json({ version: 2, filename: 'kintai.pdf', url: 'http://127.0.0.1:9000/bengodan/x?sig=1', expires_at: '2026-11-20T02:30:00Z' }))
    expect(await screen.findByText('kintai.pdfのダウンロードを開始しました。')).toBeInTheDocument()
    expect(requests.filter((r) => r.url.endsWith('/download'))).toHaveLength(1)
  })

  it('retries a failed completion alone, with the same upload and Idempotency-Key', async () => {
    signIn()
    const Xhr = stubXhr()
    let completions = 0
    const { requests } = uploadApi('staff', {
      [COMPLETE]: () => {
        completions += 1
        if (completions === 1) return problem(503, 'Service Unavailable', 'the database is restarting')
        return json({ ...exhibitFile('timesheet.csv'), content_type: 'text/csv', size: 11, sha256: CONTENT_SHA256, version: 1 }, 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    fireEvent.change(await screen.findByLabelText('甲第12号証の2のファイル'), {
      target: { files: [new File([CONTENT], 'timesheet.csv', { type: 'text/csv' })] },
    })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].respond(200)
    expect(await screen.findByRole('alert')).toHaveTextContent('the database is restarting')
    await user.click(screen.getByRole('button', { name: 'もう一度アップロードする' }))
    expect(await screen.findByText(/第1版として登録しました/)).toBeInTheDocument()

    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/versions/uploads'))).toHaveLength(1)
    expect(Xhr.sent).toHaveLength(1)
    const completes = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/exhibits/31/versions'))
    expect(completes).toHaveLength(2)
    expect(await completes[1].json()).toEqual({ upload_id: '1'.repeat(32) })
    expect(completes[1].headers.get('Idempotency-Key')).toBe(completes[0].headers.get('Idempotency-Key'))
  })

  it('retries a failed ticket with the same key, and a failed transfer with the same ticket while it is valid', async () => {
    signIn()
    const Xhr = stubXhr()
    let asked = 0
    const { requests } = uploadApi('staff', {
      [TICKET]: () => {
        asked += 1
        if (asked === 1) return problem(503, 'Service Unavailable', 'try again')
        return json({ ...ticket(1), expires_at: new Date(Date.now() + 15 * 60_000).toISOString() }, 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    fireEvent.change(await screen.findByLabelText('甲第12号証の2のファイル'), {
      target: { files: [new File([CONTENT], 'timesheet.csv', { type: 'text/csv' })] },
    })
    expect(await screen.findByRole('alert')).toHaveTextContent('try again')
    await user.click(screen.getByRole('button', { name: 'もう一度アップロードする' }))
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    await Xhr.sent[0].fail()
    expect(await screen.findByRole('alert')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'もう一度アップロードする' }))
    await waitFor(() => expect(Xhr.sent).toHaveLength(2))
    expect(Xhr.sent[1].url).toBe(S3_URL)
    await Xhr.sent[1].respond(200)
    expect(await screen.findByText(/第1版として登録しました/)).toBeInTheDocument()

    const tickets = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/versions/uploads'))
    expect(tickets).toHaveLength(2)
    expect(tickets[1].headers.get('Idempotency-Key')).toBe(tickets[0].headers.get('Idempotency-Key'))
  })

  it('downloads the current file through its presigned URL, for a viewer too', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: exhibitFile('kintai.pdf', 2) })]),
      'GET /claims-api/api/v1/exhibits/31/versions/2/download': () =>
        json({ version: 2, filename: 'kintai.pdf', url: 'http://127.0.0.1:9000/bengodan/x?sig=1', expires_at: '2026-11-20T02:30:00Z' }),
    })
    const opened: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.href)
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    const card = await screen.findByRole('region', { name: '甲第12号証の2 勤怠記録' })
    expect(within(card).getByText(/第2版 2026年11月20日 10:30 user:staff/)).toBeInTheDocument()
    expect(within(card).getByTestId('stored-sha256')).toHaveTextContent('a'.repeat(64))
    await user.click(within(card).getByRole('button', { name: 'ダウンロード（甲第12号証の2 第2版 kintai.pdf）' }))
    expect(await within(card).findByText('kintai.pdfのダウンロードを開始しました。')).toBeInTheDocument()
    expect(opened).toEqual(['http://127.0.0.1:9000/bengodan/x?sig=1'])
  })

  it('lists the earlier versions of a file when opened, newest first, each to download', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: exhibitFile('kintai-v2.pdf', 2) })]),
      'GET /claims-api/api/v1/exhibits/31/versions': () =>
        json([
          { ...exhibitFile('kintai.pdf', 1), sha256: 'b'.repeat(64) },
          exhibitFile('kintai-v2.pdf', 2),
        ]),
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />)

    const card = await screen.findByRole('region', { name: '甲第12号証の2 勤怠記録' })
    expect(requests.some((r) => r.url.endsWith('/versions'))).toBe(false)
    await user.click(within(card).getByText('これまでの版（2版）'))
    const items = await within(card).findAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^第2版 .*kintai-v2\.pdf（117\.2 KB） a{64}/),
      expect.stringMatching(/^第1版 .*kintai\.pdf（117\.2 KB） b{64}/),
    ])
    expect(within(items[1]).getByRole('button', { name: 'ダウンロード（甲第12号証の2 第1版 kintai.pdf）' })).toBeInTheDocument()
  })

  it('speaks English when switched', async () => {
    signIn()
    uploadApi('staff')
    renderPart(<ExhibitsSection claimantId={7} />, 'en')
    expect(await screen.findByRole('heading', { level: 3, name: 'Kō _ no 2 Staff cost' })).toBeInTheDocument()
    // the hidden part of a name is read after the visible one (jsdom joins them without the space)
    expect(await screen.findByRole('button', { name: /^Drop a file here, or click to choose one\s*\(甲第12号証の2\)$/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Add an exhibit\s*\(Staff cost\)$/ })).toBeInTheDocument()
    expect(screen.getAllByText('Original or copy')).toHaveLength(2)
  })

  it('names a file with its size in English punctuation while uploading and once stored', async () => {
    signIn()
    const Xhr = stubXhr()
    uploadApi()
    renderPart(<ExhibitsSection claimantId={7} />, 'en')

    const input = await screen.findByLabelText('File of 甲第12号証の2')
    fireEvent.change(input, { target: { files: [new File([CONTENT], 'timesheet.csv', { type: 'text/csv' })] } })
    await waitFor(() => expect(Xhr.sent).toHaveLength(1))
    const card = screen.getByRole('region', { name: /甲第12号証の2/ })
    expect(within(card).getByText('timesheet.csv (11 B)')).toBeInTheDocument()

    await Xhr.sent[0].respond(200)
    expect(await within(card).findByTestId('stored-sha256')).toHaveTextContent(CONTENT_SHA256)
    expect(within(card).getByText('File').nextElementSibling).toHaveTextContent('timesheet.csv (11 B, 11 bytes)')
  })

  it('lists the earlier versions in English punctuation', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => json([exhibit(31, 7, 12, 2, '勤怠記録', { current_version: exhibitFile('kintai-v2.pdf', 2) })]),
      'GET /claims-api/api/v1/exhibits/31/versions': () => json([exhibitFile('kintai.pdf', 1), exhibitFile('kintai-v2.pdf', 2)]),
    })
    const user = userEvent.setup()
    renderPart(<ExhibitsSection claimantId={7} />, 'en')

    const card = await screen.findByRole('region', { name: '甲第12号証の2 勤怠記録' })
    await user.click(within(card).getByText('All versions (2)'))
    const items = await within(card).findAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Version 2, .*kintai-v2\.pdf \(117\.2 KB\) a{64}/),
      expect.stringMatching(/^Version 1, .*kintai\.pdf \(117\.2 KB\) a{64}/),
    ])
  })

  it('shows the error of the list with a retry', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [EXHIBITS]: () => problem(404, 'Not Found', 'claimant 7 not found'),
    })
    renderPart(<ExhibitsSection claimantId={7} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('claimant 7 not found')
    expect(within(alert).getByRole('button', { name: '再試行' })).toBeInTheDocument()
  })
})
