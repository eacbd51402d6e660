import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { components } from '../../api/claims-api'
import { ApiError, claimsApi, unwrap } from '../../api/client'

export type ClaimantImport = components['schemas']['ClaimantImportRead']
export type ClaimantImportSummary = components['schemas']['ClaimantImportSummary']
export type ImportMode = ClaimantImport['mode']

const POLL_MS = 1_000
const HISTORY_POLL_MS = 3_000
const HISTORY_SIZE = 20

export const importKeys = {
  job: (id: number) => ['claimantImports', 'job', id] as const,
  history: (caseId: number) => ['claimantImports', 'history', caseId] as const,
}

/** Checking or importing: the worker has it, or will take it up. */
export function isWorking(job: Pick<ClaimantImportSummary, 'status'> | undefined): boolean {
  return job?.status === 'checking' || job?.status === 'importing'
}

/** The stored problem of a failed step, as an ApiError, so ErrorAlert shows it as it shows any API error. */
export function problemOf(job: ClaimantImport): ApiError | null {
  const problem = job.problem as { status?: number; title?: string } | null
  if (!problem) return null
  return new ApiError(problem.status ?? 422, { ...problem, title: problem.title ?? '', status: problem.status ?? 422 })
}

function ended(queryClient: QueryClient, job: ClaimantImport) {
  void queryClient.invalidateQueries({ queryKey: importKeys.history(job.case_id) })
  if (job.status === 'imported') void queryClient.invalidateQueries({ queryKey: ['claimants'] })
}

/** One import, asked again every second while it is checked or imported. */
export function useImportJob(id: number) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: importKeys.job(id),
    queryFn: async ({ signal }) => {
      const job = unwrap(
        await claimsApi.GET('/api/v1/claimant-import-jobs/{import_id}', { params: { path: { import_id: id } }, signal }),
      )
      const before = queryClient.getQueryData<ClaimantImport>(importKeys.job(id))
      if (isWorking(before) && !isWorking(job)) ended(queryClient, job)
      return job
    },
    refetchInterval: (query) => (isWorking(query.state.data) ? POLL_MS : false),
    staleTime: 0,
  })
}

/** The case's recent imports, newest first; asked again while one of them is still working. */
export function useImportHistory(caseId: number) {
  return useQuery({
    queryKey: importKeys.history(caseId),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/cases/{case_id}/claimant-import-jobs', {
          params: { path: { case_id: caseId }, query: { limit: HISTORY_SIZE } },
          signal,
        }),
      ),
    refetchInterval: (query) => (query.state.data?.some(isWorking) ? HISTORY_POLL_MS : false),
    staleTime: 0,
  })
}

/** Hands the file over; the same key for the same chosen file, so a retry after a lost answer starts one import. */
export function useStartImport(caseId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, key }: { file: File; key: string }) => {
      const form = new FormData()
      form.append('file', file, file.name)
      return unwrap(
        await claimsApi.POST('/api/v1/cases/{case_id}/claimant-import-jobs', {
          params: { path: { case_id: caseId }, header: { 'idempotency-key': key } },
          // the typed body is the form's fields; the multipart form itself is sent (the browser sets the boundary)
          body: form as unknown as { file: string },
        }),
      )
    },
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(job.id), job)
      void queryClient.invalidateQueries({ queryKey: importKeys.history(caseId) })
    },
  })
}

function useJobAction(action: (job: ClaimantImport, mode: ImportMode) => Promise<ClaimantImport>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ job, mode }: { job: ClaimantImport; mode: ImportMode }) => action(job, mode),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(job.id), job)
      void queryClient.invalidateQueries({ queryKey: importKeys.history(job.case_id) })
    },
  })
}

export function useConfirmImport() {
  return useJobAction(async (job, mode) =>
    unwrap(
      await claimsApi.POST('/api/v1/claimant-import-jobs/{import_id}/import', {
        params: { path: { import_id: job.id } },
        body: { mode },
      }),
    ),
  )
}

export function useDiscardImport() {
  return useJobAction(async (job) =>
    unwrap(await claimsApi.POST('/api/v1/claimant-import-jobs/{import_id}/discard', { params: { path: { import_id: job.id } } })),
  )
}
