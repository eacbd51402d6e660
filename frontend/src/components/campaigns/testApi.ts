// Test helper (imported only by *.test.tsx): notify's campaign endpoints (and the bits of claims-api and
// docs-render the campaign pages read) as the SPA sees them. The stand-in keeps its state, answers an
// Idempotency-Key it has seen with the first answer, and moves things one step on every GET of it: an import runs
// (half the bytes read) and then succeeds; launched notices go queued → sending → sent. The import list shows the
// imports as they stand (it moves none). It records every request.
import { vi } from 'vitest'
import { caseRecord, claimant, page, principal, renderJob } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'
import type { Campaign, ChannelCounts, DeliveryCounts, LetterBatch, Recipient, RecipientImport } from './campaigns'

const stamp = '2026-11-20T01:30:00Z'

export const ITEMS = [
  { key: 'name', label: '氏名' },
  { key: 'address', label: '住所' },
  { key: 'mynumber', label: '個人番号' },
]

/**
 * A file the page can upload in a test. jsdom brings its own FormData and File, which Node's fetch does not take
 * for a multipart body (it sends "undefined"); so FormData is Node's for the test (setup.ts unstubs it) and the
 * file is one Node made itself, parsed out of a multipart body.
 */
export async function uploadableFile(text: string, name: string, type = 'text/csv'): Promise<File> {
  const NodeFormData = (await new Response(new URLSearchParams('a=1')).formData()).constructor as typeof FormData
  vi.stubGlobal('FormData', NodeFormData)
  const boundary = 'stand-in-boundary'
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.csv"\r\nContent-Type: ${type}\r\n\r\n${text}\r\n--${boundary}--\r\n`
  const form = await new Response(body, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } }).formData()
  const file = form.get('file') as File
  // the name as given (kept ASCII in the multipart header above)
  return Object.defineProperty(file, 'name', { value: name })
}

export function campaign(id: number, overrides: Partial<Campaign> = {}): Campaign {
  return {
    id,
    case_id: 1,
    claimant_id: null,
    status: 'draft',
    title: '個人情報の漏えいのおそれに関するお知らせとお詫び',
    sender: { name: '堺社会保険労務士事務所', postal_code: '590-0001', address: '大阪府堺市堺区一丁1番1号', representative: '所長　社会保険労務士　堺 三郎' },
    data_items: ITEMS,
    overview: '委託先のクラウドサービスが不正アクセスを受けました。',
    cause: '委託先の管理画面の認証情報が窃取されたためです。',
    secondary_harm: '現時点で二次被害は確認されていません。',
    measures: null,
    other: null,
    contact: { desk: '個人情報お問い合わせ窓口', phone: '072-000-0000', email: null, hours: '平日 午前9時～午後5時', address: null },
    became_known_on: '2026-11-02',
    unlawful_purpose: false,
    deadlines: {
      preliminary_from: '2026-11-05',
      preliminary_by: '2026-11-07',
      final_due: '2026-12-01',
      final_outer_limit: '2026-12-02',
      final_days: 30,
    },
    launched_at: null,
    launched_by: null,
    public_notice_published_on: null,
    public_notice_where: null,
    created_by: 'user:staff',
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  }
}

export function recipient(id: number, name: string, overrides: Partial<Recipient> = {}): Recipient {
  return {
    id,
    import_id: 1,
    line: id + 1,
    name,
    email: `r${id}@example.jp`,
    postal_code: null,
    address: null,
    item_keys: ['name'],
    ...overrides,
  }
}

export function counts(overrides: Partial<ChannelCounts> = {}): ChannelCounts {
  return { queued: 0, sending: 0, sent: 0, delivered: 0, bounced: 0, failed: 0, cancelled: 0, ...overrides }
}

function delivery(campaignId: number, recipients: number, email: ChannelCounts, postal: ChannelCounts, unqueued: Recipient[]): DeliveryCounts {
  const notified = email.sent + email.delivered + postal.sent + postal.delivered
  const unqueuedEmail = unqueued.filter((r) => r.email).length
  return {
    campaign_id: campaignId,
    recipients,
    email,
    postal,
    public_notice: counts(),
    notified,
    covered_by_public_notice: 0,
    outstanding: recipients - notified,
    unqueued_email: unqueuedEmail,
    unqueued_postal: unqueued.length - unqueuedEmail,
    summary: `2026年11月20日10時現在、本人${recipients}名のうち${notified}名に通知済み（電子メール${email.sent + email.delivered}件、郵送${postal.sent}件）、通知が困難な0名は公表による代替措置、未了${recipients - notified}名。`,
  }
}

/** The e-mail a recipient gets: their own items only. */
export function previewBody(c: Campaign, r: Recipient): string {
  const labels = c.data_items.filter((i) => r.item_keys.includes(i.key)).map((i) => i.label)
  return `${r.name} 様\n\n${c.overview}\n\n■漏えい等が発生し、又は発生したおそれがある個人データの項目\n${labels.join('、')}\n\n■お問い合わせ先\n${c.contact.desk}`
}

export interface CampaignApiOptions {
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  campaigns?: Campaign[]
  /** recipients by campaign id */
  recipients?: Record<number, Recipient[]>
  imports?: RecipientImport[]
  batches?: LetterBatch[]
  /** how an upload turns out: the lines stored and left out, or the whole file's error */
  importResult?: { valid: number; invalid: number; error?: string }
  /** a problem POST /campaigns answers for a body instead of creating the campaign (a 422, say) */
  refuseCreate?: (body: Record<string, unknown>) => Response | null
  /** extra or overriding handlers ("METHOD /path") */
  handlers?: Record<string, Handler>
}

export function campaignApi({
  role = 'staff',
  campaigns = [],
  recipients = {},
  imports = [],
  batches = [],
  importResult = { valid: 2, invalid: 1 },
  refuseCreate = () => null,
  handlers = {},
}: CampaignApiOptions = {}) {
  const state = {
    campaigns: [...campaigns],
    recipients: { ...recipients } as Record<number, Recipient[]>,
    imports: [...imports],
    batches: [...batches],
    delivery: new Map<number, { email: ChannelCounts; postal: ChannelCounts }>(),
    keys: new Map<string, unknown>(),
    renders: [] as ReturnType<typeof renderJob>[],
    nextId: 100,
    uploads: [] as { filename: string; encoding: string; text: string }[],
  }

  const find = (id: number) => state.campaigns.find((c) => c.id === id)
  const notFound = (what: string, id: string | number) => problem(404, 'Not Found', `${what} ${id} not found`)

  function once(request: Request, answer: () => Promise<Response> | Response): Promise<Response> | Response {
    const key = request.headers.get('Idempotency-Key')
    if (key && state.keys.has(key)) return json(state.keys.get(key), 201)
    const result = answer()
    return Promise.resolve(result).then(async (response) => {
      if (key && response.ok) state.keys.set(key, await response.clone().json())
      return response
    })
  }

  function stepImport(item: RecipientImport): RecipientImport {
    if (item.status !== 'running') return item
    if (item.bytes_read === 0) {
      Object.assign(item, { bytes_read: Math.floor(item.bytes_total / 2), rows_valid: 1 })
    } else if (importResult.error) {
      Object.assign(item, { status: 'failed', bytes_read: item.bytes_total, rows_valid: 0, rows_invalid: 0, error: importResult.error, finished_at: stamp })
    } else {
      Object.assign(item, { status: 'succeeded', bytes_read: item.bytes_total, rows_valid: importResult.valid, rows_invalid: importResult.invalid, finished_at: stamp })
      const list = state.recipients[item.campaign_id] ?? []
      for (let i = 0; i < importResult.valid; i += 1) {
        const id = state.nextId++
        list.push(recipient(id, i === 0 ? '山田 太郎' : `受信者 ${id}`, { import_id: item.id, line: i + 2, item_keys: i === 0 ? ['name', 'address'] : ['name'] }))
      }
      state.recipients[item.campaign_id] = list
    }
    return item
  }

  /** The recipients with no notice yet: those after the first (one notice each, in order) the counts hold. */
  function unqueued(id: number): Recipient[] {
    const d = state.delivery.get(id) ?? { email: counts(), postal: counts() }
    const sum = (c: ChannelCounts) => Object.values(c).reduce((a, b) => a + b, 0)
    return (state.recipients[id] ?? []).slice(sum(d.email) + sum(d.postal))
  }

  function stepDelivery(id: number): DeliveryCounts {
    const list = state.recipients[id] ?? []
    const d = state.delivery.get(id) ?? { email: counts(), postal: counts() }
    const e = d.email
    if (e.queued > 0) Object.assign(e, { sending: e.sending + e.queued, queued: 0 })
    else if (e.sending > 0) Object.assign(e, { sent: e.sent + e.sending, sending: 0 })
    state.delivery.set(id, d)
    return delivery(id, list.length, { ...d.email }, { ...d.postal }, unqueued(id))
  }

  const routes: [RegExp, Handler][] = [
    [/^GET \/claims-api\/api\/v1\/auth\/me$/, () => json(principal(role))],
    [/^GET \/claims-api\/api\/v1\/cases$/, () => json([caseRecord()])],
    [
      /^GET \/claims-api\/api\/v1\/claimants$/,
      (_req, url) => {
        const q = url.searchParams.get('q') ?? ''
        const all = [claimant(7, '堺 三郎'), claimant(8, '京都 花子')].filter((c) => c.name.includes(q) || (c.office_name ?? '').includes(q))
        return json(page(all, all.length, 10, 0))
      },
    ],
    [/^GET \/claims-api\/api\/v1\/claimants\/7$/, () => json(claimant(7, '堺 三郎'))],
    [
      /^GET \/notify\/api\/v1\/campaigns$/,
      (_req, url) => {
        const limit = Number(url.searchParams.get('limit') ?? 50)
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const all = [...state.campaigns].sort((a, b) => b.id - a.id)
        return json(page(all.slice(offset, offset + limit), all.length, limit, offset))
      },
    ],
    [
      /^POST \/notify\/api\/v1\/campaigns$/,
      (req) =>
        once(req, async () => {
          const body = (await req.clone().json()) as Record<string, unknown>
          const refused = refuseCreate(body)
          if (refused) return refused
          const made = campaign(state.nextId++, { ...(body as Partial<Campaign>), claimant_id: (body.claimant_id as number | undefined) ?? null })
          state.campaigns.push(made)
          return json(made, 201)
        }),
    ],
    [/^GET \/notify\/api\/v1\/campaigns\/(\d+)$/, (_req, url) => {
      const id = Number(url.pathname.split('/')[5])
      const c = find(id)
      return c ? json(c) : notFound('campaign', id)
    }],
    [
      /^POST \/notify\/api\/v1\/campaigns\/(\d+)\/imports$/,
      async (req, url) => {
        const id = Number(url.pathname.split('/')[5])
        if (!find(id)) return notFound('campaign', id)
        let filename = 'recipients.csv'
        let encoding = 'auto'
        let text = ''
        try {
          const form = await req.formData()
          const file = form.get('file')
          if (file && typeof file !== 'string') {
            filename = file.name
            text = await file.text()
          }
          encoding = String(form.get('encoding') ?? 'auto')
        } catch {
          // a body this fetch cannot parse as a form: the upload is still recorded
        }
        state.uploads.push({ filename, encoding, text })
        const item: RecipientImport = {
          id: state.nextId++,
          campaign_id: id,
          filename,
          encoding,
          status: 'running',
          bytes_total: 2048,
          bytes_read: 0,
          rows_valid: 0,
          rows_invalid: 0,
          error: null,
          created_by: 'user:staff',
          created_at: stamp,
          finished_at: null,
        }
        state.imports.push(item)
        return json({ ...item }, 202)
      },
    ],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/imports$/,
      (_req, url) => {
        const id = Number(url.pathname.split('/')[5])
        if (!find(id)) return notFound('campaign', id)
        const limit = Number(url.searchParams.get('limit') ?? 50)
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const all = state.imports.filter((i) => i.campaign_id === id).sort((a, b) => b.id - a.id)
        return json(page(all.slice(offset, offset + limit).map((i) => ({ ...i })), all.length, limit, offset))
      },
    ],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/imports\/(\d+)$/,
      (_req, url) => {
        const importId = Number(url.pathname.split('/')[7])
        const item = state.imports.find((i) => i.id === importId)
        return item ? json({ ...stepImport(item) }) : notFound('import', importId)
      },
    ],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/imports\/(\d+)\/errors\.csv$/,
      (_req, url) => {
        const importId = url.pathname.split('/')[7]
        return new Response('\ufeff行,列,内容\r\n4,メールアドレス,メールアドレスの形式が正しくありません\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="recipients-import-${importId}-errors.csv"` },
        })
      },
    ],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/recipients$/,
      (_req, url) => {
        const id = Number(url.pathname.split('/')[5])
        const limit = Number(url.searchParams.get('limit') ?? 50)
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const all = state.recipients[id] ?? []
        return json(page(all.slice(offset, offset + limit), all.length, limit, offset))
      },
    ],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/recipients\/(\d+)\/preview$/,
      (_req, url) => {
        const id = Number(url.pathname.split('/')[5])
        const rid = Number(url.pathname.split('/')[7])
        const c = find(id)
        const r = (state.recipients[id] ?? []).find((x) => x.id === rid)
        if (!c || !r) return notFound('recipient', rid)
        return json({ recipient_id: rid, channel: r.email ? 'email' : 'postal', subject: `【重要】${c.title}`, body: previewBody(c, r) })
      },
    ],
    [
      /^POST \/notify\/api\/v1\/campaigns\/(\d+)\/launch$/,
      (req, url) =>
        once(req, () => {
          const id = Number(url.pathname.split('/')[5])
          const c = find(id)
          if (!c) return notFound('campaign', id)
          const list = state.recipients[id] ?? []
          if (list.length === 0) return problem(409, 'Conflict', 'the campaign has no recipients yet; import a list first')
          const fresh = unqueued(id)
          const d = state.delivery.get(id) ?? { email: counts(), postal: counts() }
          const email = fresh.filter((r) => r.email).length
          const postal = fresh.length - email
          d.email.queued += email
          d.postal.queued += postal
          state.delivery.set(id, d)
          Object.assign(c, { status: 'sending', launched_at: c.launched_at ?? '2026-11-20T01:40:00Z', launched_by: c.launched_by ?? 'user:staff' })
          return json({ campaign: { ...c }, queued_email: email, queued_postal: postal })
        }),
    ],
    [/^GET \/notify\/api\/v1\/campaigns\/(\d+)\/delivery$/, (_req, url) => json(stepDelivery(Number(url.pathname.split('/')[5])))],
    [
      /^GET \/notify\/api\/v1\/campaigns\/(\d+)\/proof\.csv$/,
      (_req, url) =>
        new Response('\ufeff受信者番号,氏名,通知方法\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="campaign-${url.pathname.split('/')[5]}-proof.csv"` },
        }),
    ],
    [/^GET \/notify\/api\/v1\/campaigns\/(\d+)\/letter-batches$/, (_req, url) => json(state.batches.filter((b) => b.campaign_id === Number(url.pathname.split('/')[5])))],
    [
      /^POST \/notify\/api\/v1\/campaigns\/(\d+)\/letter-batches\/(\d+)\/posted$/,
      async (req, url) => {
        const batch = state.batches.find((b) => b.id === Number(url.pathname.split('/')[7]))
        if (!batch) return notFound('letter batch', url.pathname.split('/')[7])
        if (batch.status !== 'ready') return problem(409, 'Conflict', `letter batch ${batch.id} is ${batch.status}: only a ready batch can be recorded as posted`)
        const body = (await req.json()) as { posted_on: string }
        Object.assign(batch, { status: 'posted', posted_on: body.posted_on, posted_by: 'user:staff' })
        return json(batch)
      },
    ],
    [
      /^POST \/notify\/api\/v1\/campaigns\/(\d+)\/public-notice$/,
      async (req, url) => {
        const c = find(Number(url.pathname.split('/')[5]))
        if (!c) return notFound('campaign', url.pathname.split('/')[5])
        const body = (await req.json()) as { published_on: string; where: string }
        Object.assign(c, { public_notice_published_on: body.published_on, public_notice_where: body.where })
        return json({ campaign_id: c.id, published_on: body.published_on, where: body.where, recorded_by: 'user:staff', notified: 0 })
      },
    ],
    [
      /^POST \/notify\/api\/v1\/campaigns\/(\d+)\/public-notice\/render$/,
      () => {
        const job = renderJob(state.nextId++, 'public-notice', { status: 'queued' })
        state.renders.push(job)
        return json({ render_id: job.id }, 202)
      },
    ],
    [
      /^GET \/docs-render\/api\/v1\/renders\/(\d+)$/,
      (_req, url) => {
        const job = state.renders.find((j) => j.id === Number(url.pathname.split('/')[5]))
        if (!job) return notFound('render job', url.pathname.split('/')[5])
        if (job.status === 'queued') job.status = 'running'
        else if (job.status === 'running') Object.assign(job, { status: 'succeeded', filename: '公表文.pdf', size: 1024, sha256: 'ab'.repeat(32) })
        return json({ ...job })
      },
    ],
    [
      /^GET \/docs-render\/api\/v1\/renders\/(\d+)\/download-link$/,
      (_req, url) => {
        const id = url.pathname.split('/')[5]
        return json({ url: `https://s3.example.jp/renders/${id}/file.pdf?X-Amz-Signature=abc`, filename: `render-${id}.pdf`, expires_at: '2026-12-01T06:10:00Z' })
      },
    ],
  ]

  const table = new Proxy(handlers, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      const route = routes.find(([pattern]) => pattern.test(key))
      return route?.[1]
    },
  })

  const { spy, requests } = mockApi(table)
  const calls = (method: string, path: RegExp) => requests.filter((r) => r.method === method && path.test(new URL(r.url).pathname))
  return { spy, requests, state, calls }
}
