// One way for the claimant page's editors to write: If-Match with the ETag of the claimant as shown, a
// refetch of the page's data afterwards, and a 412 (someone else changed the claimant first) turned into a
// refetch and a plain notice instead of an error.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError } from '../../api/client'
import { claimantKeys, refreshClaimant, type VersionedClaimant } from './claimantQueries'

export type WriteHeaders = Record<string, string>

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412
}

/** True when the API's problem names `field` among its field errors (to mark that input invalid). */
export function fieldError(error: unknown, field: string): boolean {
  return error instanceof ApiError && Array.isArray(error.problem.errors) && error.problem.errors.some((e) => e.field === field)
}

/**
 * `write(vars, headers)` calls the API with `headers` (If-Match, when the claimant's ETag is known) and
 * returns the unwrapped answer. The mutation stays pending until the page's data has been refetched, so
 * `isSuccess` means the page already shows the change, and a second write carries the new ETag.
 */
export function useClaimantWrite<V, D>(claimantId: number, write: (vars: V, headers: WriteHeaders) => Promise<D>) {
  const queryClient = useQueryClient()
  return useMutation<D, unknown, V>({
    mutationFn: (vars) => {
      const etag = queryClient.getQueryData<VersionedClaimant>(claimantKeys.detail(claimantId))?.etag
      return write(vars, etag ? { 'If-Match': etag } : {})
    },
    onSuccess: () => refreshClaimant(queryClient, claimantId),
    onError: async (error) => {
      if (isConflict(error)) await refreshClaimant(queryClient, claimantId)
    },
  })
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; the fallback does not). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (typeof c?.randomUUID === 'function') return c.randomUUID()
  const bytes = c.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
