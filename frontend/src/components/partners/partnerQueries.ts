// The 保険会社連携 page's reads and writes: the clients (claims-api, clients:admin), a client's access log (the audit log
// filtered by actor, audit:read) and the insurers named so far (for the register form's suggestions). A secret is
// never kept here: the create and rotate answers carry it, and the page takes it out of the mutation at once.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { claimsApi, unwrap } from '../../api/client'
import { LOG_PAGE, type Client, type ClientCreate, type ClientCreated, type ClientSecretRotated } from './partners'

export const partnerKeys = {
  clients: ['clients'] as const,
  log: (clientId: string) => ['audit-events', { actor: `client:${clientId}` }] as const,
  insurers: ['insurers'] as const,
}

/** claims-api's largest page of claimants. */
const CLAIMANT_PAGE = 500

export function useClients() {
  return useQuery({
    queryKey: partnerKeys.clients,
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/clients', { signal })),
  })
}

/** A client as answered, without the secret the answer may carry. */
function withoutSecret(answer: Client & { client_secret?: string | null }): Client {
  const client = { ...answer }
  delete client.client_secret
  return client
}

/** Puts a client as answered into the cached list (its secret left out), then reads the list again. */
function useStoreClient() {
  const queryClient = useQueryClient()
  return async (answer: ClientCreated | ClientSecretRotated | Client) => {
    const client = withoutSecret(answer)
    queryClient.setQueryData<Client[]>(partnerKeys.clients, (list) =>
      list ? (list.some((c) => c.client_id === client.client_id) ? list.map((c) => (c.client_id === client.client_id ? client : c)) : [...list, client]) : list,
    )
    await queryClient.invalidateQueries({ queryKey: partnerKeys.clients })
  }
}

export interface CreateClient {
  body: ClientCreate
  /** the same key for the same request (a double click, a retry), a new one for the next */
  idempotencyKey: string
}

export function useCreateClient() {
  const store = useStoreClient()
  return useMutation<ClientCreated, unknown, CreateClient>({
    mutationFn: async ({ body, idempotencyKey }) =>
      unwrap(await claimsApi.POST('/api/v1/clients', { body, params: { header: { 'idempotency-key': idempotencyKey } } })),
    onSuccess: (created) => store(created),
  })
}

/** Issues a new secret; the replaced one works for `graceHours` more (0: not at all). Not idempotent (no key). */
export function useRotateSecret() {
  const store = useStoreClient()
  return useMutation<ClientSecretRotated, unknown, { clientId: string; graceHours: number }>({
    mutationFn: async ({ clientId, graceHours }) =>
      unwrap(
        await claimsApi.POST('/api/v1/clients/{client_id}/rotate-secret', {
          params: { path: { client_id: clientId } },
          body: { grace_hours: graceHours },
        }),
      ),
    onSuccess: (rotated) => store(rotated),
  })
}

export function useRevokeClient() {
  const store = useStoreClient()
  return useMutation<Client, unknown, { clientId: string }>({
    mutationFn: async ({ clientId }) =>
      unwrap(await claimsApi.POST('/api/v1/clients/{client_id}/revoke', { params: { path: { client_id: clientId } } })),
    onSuccess: (revoked) => store(revoked),
  })
}

/** What a client did, newest first, LOG_PAGE entries at a time (the next page by the answer's cursor). */
export function useAccessLog(clientId: string) {
  return useInfiniteQuery({
    queryKey: partnerKeys.log(clientId),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/audit-events', {
          params: { query: { actor: `client:${clientId}`, limit: LOG_PAGE, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 0,
  })
}

/**
 * The insurers named so far, as suggestions for a new client: those of the clients and of the claimants (claims-api
 * has no list of insurers; one page of claimants, the largest, is read once). Failing quietly: the field is free text.
 */
export function useKnownInsurers(clients: Client[] | undefined): string[] {
  const claimants = useQuery({
    queryKey: partnerKeys.insurers,
    queryFn: async ({ signal }) => {
      const page = unwrap(await claimsApi.GET('/api/v1/claimants', { params: { query: { limit: CLAIMANT_PAGE } }, signal }))
      return page.items.map((c) => c.insurer)
    },
    staleTime: 10 * 60_000,
    retry: false,
  })
  const names = [...(clients ?? []).map((c) => c.insurer), ...(claimants.data ?? [])]
  return [...new Set(names.map((n) => n?.trim()).filter((n): n is string => Boolean(n)))].sort((a, b) => a.localeCompare(b, 'ja'))
}
