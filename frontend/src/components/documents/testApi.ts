// Test helper (imported only by *.test.tsx): claims-api and docs-render as the documents page sees them. The
// docs-render stand-in keeps the jobs, answers an Idempotency-Key it has seen with the first job (422 for a
// different body, as docs-render does), and moves a job one step on every GET: queued → running 1/2 → done (or
// failed). It records every request.
import { caseRecord, claimant, page, principal, proceeding, renderJob } from '../../test/fixtures'
import { json, mockApi, problem, type Handler } from '../../test/helpers'

type Job = ReturnType<typeof renderJob>
type Claimant = ReturnType<typeof claimant>
type Proceeding = ReturnType<typeof proceeding>

export const PDF_BYTES = '%PDF-1.7 stand-in'

export function standInProceedings(): Proceeding[] {
  return [
    proceeding(1, 'lawsuit', '第1次訴訟'),
    proceeding(2, 'mediation', '第1次調停'),
    proceeding(3, 'lawsuit', '第2次訴訟'),
  ]
}

export function standInClaimants(): Claimant[] {
  return [claimant(7, '堺 三郎'), claimant(8, '堺 花子'), claimant(9, '京都 一郎')]
}

export interface DocumentsApiOptions {
  role?: 'viewer' | 'staff' | 'lawyer' | 'admin'
  jobs?: Job[]
  proceedings?: Proceeding[]
  claimants?: Claimant[]
  /** a problem POST /renders answers for a body instead of queueing it (a 422, say) */
  refuse?: (body: Record<string, unknown>) => Response | null
  /** the error a job fails with, instead of succeeding */
  failWith?: (job: Job) => string | null
  /** extra or overriding handlers ("METHOD /path") */
  handlers?: Record<string, Handler>
}

export function documentsApi({
  role = 'staff',
  jobs = [],
  proceedings = standInProceedings(),
  claimants = standInClaimants(),
  refuse = () => null,
  failWith = () => null,
  handlers = {},
}: DocumentsApiOptions = {}) {
  const state = { jobs: [...jobs], nextId: Math.max(100, ...jobs.map((j) => j.id + 1)), keys: new Map<string, number>() }

  function step(job: Job): Job {
    if (job.status === 'queued') Object.assign(job, { status: 'running', progress_done: 1, progress_total: 2, started_at: '2026-11-20T01:30:01Z' })
    else if (job.status === 'running') {
      const error = failWith(job)
      Object.assign(
        job,
        error
          ? { status: 'failed', error, finished_at: '2026-11-20T01:30:03Z' }
          : {
              status: 'succeeded',
              progress_done: 2,
              size: 254_976,
              sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
              filename: job.document === 'damage-schedule' ? `損害一覧_原告${job.claimant_id}.pdf` : `${job.document}.pdf`,
              finished_at: '2026-11-20T01:30:03Z',
            },
      )
    }
    return job
  }

  const fixed: Record<string, Handler> = {
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
    'GET /claims-api/api/v1/cases/1/proceedings': () => json(proceedings),
    'GET /claims-api/api/v1/claimants': (_req, url) => {
      const q = url.searchParams.get('q') ?? ''
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const hits = claimants.filter((c) => c.name.includes(q) || (c.office_name ?? '').includes(q))
      return json(page(hits.slice(0, limit), hits.length, limit, 0))
    },
    'POST /docs-render/api/v1/renders': async (req) => {
      const body = (await req.json()) as Record<string, unknown>
      const refused = refuse(body)
      if (refused) return refused
      const key = req.headers.get('Idempotency-Key')
      const seen = key ? state.keys.get(key) : undefined
      if (seen !== undefined) {
        const first = state.jobs.find((j) => j.id === seen)!
        const same = ['document', 'format', 'case_id', 'proceeding_id', 'claimant_id'].every(
          (f) => (first as Record<string, unknown>)[f] === (body[f] ?? null),
        )
        if (!same) {
          return problem(422, 'Invalid input', 'Idempotency-Key: already used for a different render request', {
            errors: [{ field: 'Idempotency-Key', reason: 'already used for a different render request' }],
          })
        }
        return json(first, 202)
      }
      const job = renderJob(state.nextId++, String(body.document), {
        format: body.format ?? 'pdf',
        case_id: body.case_id,
        proceeding_id: body.proceeding_id ?? null,
        claimant_id: body.claimant_id ?? null,
        created_at: '2026-11-20T01:30:00Z',
      })
      state.jobs.push(job)
      if (key) state.keys.set(key, job.id)
      return json(job, 202)
    },
    'GET /docs-render/api/v1/renders': (_req, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const mine = state.jobs.filter((j) => j.case_id === Number(url.searchParams.get('case_id'))).sort((a, b) => b.id - a.id)
      return json(page(mine.slice(offset, offset + limit), mine.length, limit, offset))
    },
    ...Object.fromEntries(claimants.map((c) => [`GET /claims-api/api/v1/claimants/${c.id}`, () => json(c)])),
    ...handlers,
  }

  // Job routes have ids made during the test: answered by pattern, behind the fixed handlers.
  const routes = new Proxy(fixed, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) return target[key]
      const match = /^GET \/docs-render\/api\/v1\/renders\/(\d+)(\/download-link)?$/.exec(key)
      if (!match) return undefined
      return (): Response => {
        const job = state.jobs.find((j) => j.id === Number(match[1]))
        if (!job) return problem(404, 'Not Found', `Render job ${match[1]} not found`)
        if (!match[2]) return json(step(job))
        if (job.status !== 'succeeded') return problem(409, 'Conflict', `Render job ${job.id} has no file: its status is ${job.status}`)
        return json({
          url: `https://s3.example.jp/renders/${job.id}/file.pdf?X-Amz-Signature=abc`,
          filename: job.filename ?? `render-${job.id}.pdf`,
          expires_at: '2026-12-01T06:10:00Z',
        })
      }
    },
  })

  const { spy, requests } = mockApi(routes)
  const posts = () => requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/docs-render/api/v1/renders')
  return { spy, requests, state, posts }
}
