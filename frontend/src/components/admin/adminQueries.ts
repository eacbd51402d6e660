// The reads and writes of 設定 and the audit log. Writes of a record that has an ETag send back the one its form
// opened on in If-Match; a 412 (someone changed it meanwhile) refetches the record, and the form then shows what is
// stored now.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { claimsApi, isStale, unwrap } from '../../api/client'
import { renderKeys } from '../documents/renderQueries'
import { auditQuery, type AuditFilters, type CaseWrite, type FilingSettingsWrite, type ProceedingCreate, type ProceedingUpdate, type UserCreate, type UserUpdate } from './admin'

export const AUDIT_PAGE = 50

export const adminKeys = {
  case: (id: number) => ['admin', 'case', id] as const,
  proceeding: (id: number) => ['admin', 'proceeding', id] as const,
  members: (caseId: number, proceedingId: number) => ['admin', 'members', caseId, proceedingId] as const,
  filing: (caseId: number) => ['admin', 'filing-settings', caseId] as const,
  hearings: ['hearings'] as const,
  users: ['admin', 'users'] as const,
  audit: (filters: AuditFilters) => ['audit-events', 'log', filters] as const,
}


const etagHeader = (etag: string | null | undefined) => (etag ? { 'if-match': etag } : {})

// --- the case ---------------------------------------------------------------------------------------------

export function useCaseRecord(caseId: number) {
  return useQuery({
    queryKey: adminKeys.case(caseId),
    queryFn: async ({ signal }) => {
      const result = await claimsApi.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: caseId } }, signal })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    staleTime: 0,
  })
}

export function useSaveCase(caseId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, etag }: { body: CaseWrite; etag: string | null }) => {
      const result = await claimsApi.PUT('/api/v1/cases/{case_id}', { params: { path: { case_id: caseId }, header: etagHeader(etag) }, body })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(adminKeys.case(caseId), saved)
      await queryClient.invalidateQueries({ queryKey: renderKeys.cases })
    },
    onError: async (error) => {
      if (isStale(error)) await queryClient.invalidateQueries({ queryKey: adminKeys.case(caseId) })
    },
  })
}

// --- proceedings and their members ------------------------------------------------------------------------

async function refreshProceedings(queryClient: ReturnType<typeof useQueryClient>, caseId: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: renderKeys.proceedings(caseId) }),
    queryClient.invalidateQueries({ queryKey: ['admin', 'proceeding'] }),
  ])
}

export function useCreateProceeding(caseId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: ProceedingCreate; idempotencyKey: string }) =>
      unwrap(
        await claimsApi.POST('/api/v1/cases/{case_id}/proceedings', {
          params: { path: { case_id: caseId }, header: { 'idempotency-key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => refreshProceedings(queryClient, caseId),
  })
}

/** One proceeding with the ETag its PATCH and the removal of a member send back. */
export function useProceedingRecord(id: number) {
  return useQuery({
    queryKey: adminKeys.proceeding(id),
    queryFn: async ({ signal }) => {
      const result = await claimsApi.GET('/api/v1/proceedings/{proceeding_id}', { params: { path: { proceeding_id: id } }, signal })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    staleTime: 0,
  })
}

export function useUpdateProceeding(caseId: number, id: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, etag }: { body: ProceedingUpdate; etag: string | null }) => {
      const result = await claimsApi.PATCH('/api/v1/proceedings/{proceeding_id}', {
        params: { path: { proceeding_id: id }, header: etagHeader(etag) },
        body,
      })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    onSettled: () => refreshProceedings(queryClient, caseId),
  })
}

/** The members of a proceeding in number order (the 当事者目録's plaintiffs). */
export function useMembers(caseId: number, proceedingId: number) {
  return useQuery({
    queryKey: adminKeys.members(caseId, proceedingId),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/cases/{case_id}/parties', {
          params: { path: { case_id: caseId }, query: { proceeding_id: proceedingId } },
          signal,
        }),
      ).plaintiffs,
  })
}

async function refreshMembers(queryClient: ReturnType<typeof useQueryClient>, caseId: number, proceedingId: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: adminKeys.members(caseId, proceedingId) }),
    queryClient.invalidateQueries({ queryKey: adminKeys.proceeding(proceedingId) }),
    queryClient.invalidateQueries({ queryKey: renderKeys.proceedings(caseId) }),
  ])
}

export function useAddMember(caseId: number, proceedingId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ claimantId, idempotencyKey }: { claimantId: number; idempotencyKey: string }) =>
      unwrap(
        await claimsApi.POST('/api/v1/proceedings/{proceeding_id}/members', {
          params: { path: { proceeding_id: proceedingId }, header: { 'idempotency-key': idempotencyKey } },
          body: { claimant_id: claimantId },
        }),
      ),
    onSuccess: () => refreshMembers(queryClient, caseId, proceedingId),
  })
}

export function useRemoveMember(caseId: number, proceedingId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ claimantId, etag }: { claimantId: number; etag: string | null }) => {
      const result = await claimsApi.DELETE('/api/v1/proceedings/{proceeding_id}/members/{claimant_id}', {
        params: { path: { proceeding_id: proceedingId, claimant_id: claimantId }, header: etagHeader(etag) },
      })
      unwrap(result)
    },
    onSettled: () => refreshMembers(queryClient, caseId, proceedingId),
  })
}

// --- hearings (read only here: the 期日 page schedules them) -----------------------------------------------

export function useAllHearings() {
  return useQuery({
    queryKey: adminKeys.hearings,
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/hearings', { signal })),
  })
}

// --- filing settings --------------------------------------------------------------------------------------

export function useFilingSettings(caseId: number) {
  return useQuery({
    queryKey: adminKeys.filing(caseId),
    queryFn: async ({ signal }) => {
      const result = await claimsApi.GET('/api/v1/cases/{case_id}/filing-settings', { params: { path: { case_id: caseId } }, signal })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    staleTime: 0,
  })
}

export function useSaveFilingSettings(caseId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, etag }: { body: FilingSettingsWrite; etag: string | null }) => {
      const result = await claimsApi.PUT('/api/v1/cases/{case_id}/filing-settings', {
        params: { path: { case_id: caseId }, header: etagHeader(etag) },
        body,
      })
      return { record: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    onSuccess: (saved) => queryClient.setQueryData(adminKeys.filing(caseId), saved),
    onError: async (error) => {
      if (isStale(error)) await queryClient.invalidateQueries({ queryKey: adminKeys.filing(caseId) })
    },
  })
}

// --- users ------------------------------------------------------------------------------------------------

export function useUsers() {
  return useQuery({
    queryKey: adminKeys.users,
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/users', { signal })),
  })
}

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: UserCreate; idempotencyKey: string }) =>
      unwrap(await claimsApi.POST('/api/v1/users', { params: { header: { 'idempotency-key': idempotencyKey } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  })
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, body }: { id: number; body: UserUpdate }) =>
      unwrap(await claimsApi.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  })
}

// --- the audit log ----------------------------------------------------------------------------------------

/** The entries matching the filters, newest first, a page at a time (the next by the answer's cursor). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/audit-events', {
          params: { query: { ...auditQuery(filters), limit: AUDIT_PAGE, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 0,
  })
}

export function useVerifyAudit() {
  return useMutation({
    mutationFn: async () => unwrap(await claimsApi.GET('/api/v1/audit-events/verify')),
  })
}
