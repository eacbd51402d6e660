// The documents page's reads and writes: the case it works on, its proceedings, the claimant search, render
// jobs (polled while they run) and the render history. Keys shared with other pages (the claimant, the claimant
// list) are the same as theirs, so one cache serves both.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { claimsApi, docsRenderApi, unwrap } from '../../api/client'
import { pickCase, useChosenCaseId } from '../casePicker/chosenCase'
import { useMe } from '../claimant/claimantQueries'
import { isActive, type RenderCreate, type RenderRead } from './documents'

/** How often a queued or running job is asked for its progress. */
export const POLL_MS = 700
/** How often the history is refreshed while one of its jobs is still queued or running. */
export const HISTORY_POLL_MS = 2000
export const HISTORY_PAGE_SIZE = 20
export const CLAIMANT_SEARCH_LIMIT = 10

export const renderKeys = {
  cases: ['cases'] as const,
  proceedings: (caseId: number) => ['case', caseId, 'proceedings'] as const,
  claimantSearch: (caseId: number, q: string) => ['claimants', { case_id: caseId, q, limit: CLAIMANT_SEARCH_LIMIT }] as const,
  job: (id: number) => ['render', id] as const,
  history: (caseId: number) => ['renders', caseId] as const,
  historyPage: (caseId: number, offset: number) => ['renders', caseId, { offset, limit: HISTORY_PAGE_SIZE }] as const,
}

const casesQuery = queryOptions({
  queryKey: renderKeys.cases,
  queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/cases', { signal })),
  staleTime: 10 * 60_000,
})

/** Every case claims-api holds (the header's case picker lists them); the same query as useCurrentCase's. */
export function useCases() {
  return useQuery(casesQuery)
}

/**
 * The case the SPA works on: the one chosen in the header's picker, else (none chosen, or the chosen one is gone)
 * the first one claims-api lists. `data` is null when no case has been set up yet.
 */
export function useCurrentCase() {
  const chosenId = useChosenCaseId()
  return useQuery({ ...casesQuery, select: (cases) => pickCase(cases, chosenId) })
}

export function useProceedings(caseId: number) {
  return useQuery({
    queryKey: renderKeys.proceedings(caseId),
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/cases/{case_id}/proceedings', { params: { path: { case_id: caseId } }, signal })),
    staleTime: 5 * 60_000,
  })
}

/** The case's claimants matching `q` (name, kana, office, registration number); nothing is asked for an empty q. */
export function useClaimantSearch(caseId: number, q: string) {
  return useQuery({
    queryKey: renderKeys.claimantSearch(caseId, q),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants', {
          params: { query: { case_id: caseId, q, limit: CLAIMANT_SEARCH_LIMIT } },
          signal,
        }),
      ),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  })
}

/**
 * One render job, asked again every POLL_MS while it is queued or running. The query lives as long as a page
 * shows it: leaving the page stops the polling, coming back (the job id is in the URL) starts it again.
 * When the job finishes, the history is refetched so that it shows the same.
 */
export function useRenderJob(id: number) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: renderKeys.job(id),
    queryFn: async ({ signal }) => {
      const job = unwrap(await docsRenderApi.GET('/api/v1/renders/{job_id}', { params: { path: { job_id: id } }, signal }))
      const before = queryClient.getQueryData<RenderRead>(renderKeys.job(id))
      if (isActive(before) && !isActive(job)) {
        void queryClient.invalidateQueries({ queryKey: renderKeys.history(job.case_id) })
      }
      return job
    },
    refetchInterval: (query) => (isActive(query.state.data) ? POLL_MS : false),
    staleTime: 0,
  })
}

/** A page of the case's render history, newest first; refreshed while one of its jobs still runs. */
export function useRenderHistory(caseId: number, offset: number) {
  return useQuery({
    queryKey: renderKeys.historyPage(caseId, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await docsRenderApi.GET('/api/v1/renders', {
          params: { query: { case_id: caseId, limit: HISTORY_PAGE_SIZE, offset } },
          signal,
        }),
      ),
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? HISTORY_POLL_MS : false),
    placeholderData: keepPreviousData,
    staleTime: 0,
  })
}

export interface CreateRender {
  body: RenderCreate
  /** the same key for the same request (a double click, a retry), a new one for the next request */
  idempotencyKey: string
}

/** Queues a render; the job it answers goes into the cache (the progress shows at once) and the history is refetched. */
export function useCreateRender() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: CreateRender) =>
      unwrap(
        await docsRenderApi.POST('/api/v1/renders', {
          body,
          params: { header: { 'idempotency-key': idempotencyKey } },
        }),
      ),
    onSuccess: (job) => {
      queryClient.setQueryData(renderKeys.job(job.id), job)
      void queryClient.invalidateQueries({ queryKey: renderKeys.history(job.case_id) })
    },
  })
}

/**
 * True when the user holds renders:write (staff, lawyer, admin); false for a viewer and while /auth/me is
 * unknown. docs-render enforces the scope anyway (403); this only keeps the form away from read-only users.
 */
export function useCanWriteRenders(): { canWrite: boolean; known: boolean } {
  const me = useMe()
  return { canWrite: me.data?.scopes.includes('renders:write') ?? false, known: me.isSuccess }
}
