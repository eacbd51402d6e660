// The damage section's reads and writes. The list and the summary share their keys with the claimant page
// (and the claimant list shows the totals): a write refetches all three before it counts as done.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { ApiError, claimsApi, isStale, unwrap } from '../../api/client'
import { claimantKeys } from '../claimant/claimantQueries'
import type { ClaimedFrom, DamageItem, DamageItemBody } from './drafts'

export const damageKeys = {
  items: (claimantId: number) => ['claimant', claimantId, 'damage-items'] as const,
  item: (claimantId: number, itemId: number) => ['claimant', claimantId, 'damage-items', itemId] as const,
  summary: (claimantId: number) => ['claimant', claimantId, 'summary'] as const,
  preview: (claimantId: number, body: string | null) => ['damage-preview', claimantId, body] as const,
  case: (caseId: number) => ['case', caseId] as const,
  citableExhibits: (claimantId: number) => ['claimant', claimantId, 'exhibits', 'citable'] as const,
}

export function useDamageItems(claimantId: number, enabled = true) {
  return useQuery({
    queryKey: damageKeys.items(claimantId),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants/{claimant_id}/damage-items', {
          params: { path: { claimant_id: claimantId } },
          signal,
        }),
      ),
    enabled,
  })
}

/** One item as read, with the ETag to send back in If-Match. */
export interface VersionedItem {
  item: DamageItem
  etag: string | null
}

export function useDamageItem(claimantId: number, itemId: number | null) {
  return useQuery({
    queryKey: damageKeys.item(claimantId, itemId ?? 0),
    queryFn: async ({ signal }): Promise<VersionedItem> => {
      const result = await claimsApi.GET('/api/v1/claimants/{claimant_id}/damage-items/{item_id}', {
        params: { path: { claimant_id: claimantId, item_id: itemId ?? 0 } },
        signal,
      })
      return { item: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    enabled: itemId !== null,
    // the editor starts from the item as it is now, never from a copy cached by an earlier opening
    staleTime: 0,
    gcTime: 0,
  })
}

/** The exhibits a damage item of the claimant may cite: the case's common exhibits and the claimant's own, in
 * label order. Read when an editor opens (exhibits are recorded elsewhere, meanwhile too). */
export function useCitableExhibits(claimantId: number) {
  return useQuery({
    queryKey: damageKeys.citableExhibits(claimantId),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants/{claimant_id}/exhibits', {
          params: { path: { claimant_id: claimantId }, query: { include_common: true } },
          signal,
        }),
      ),
    staleTime: 0,
  })
}

/** The case's incident date, for the first unusable day of a new fee difference; failing quietly (the API
 * takes the incident when the day is left blank). */
export function useIncidentDate(caseId: number | null): string | null {
  const query = useQuery({
    queryKey: damageKeys.case(caseId ?? 0),
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: caseId ?? 0 } }, signal })),
    enabled: caseId !== null,
    staleTime: 10 * 60_000,
  })
  return query.data?.incident_date ?? null
}

/** After a write: the items (and any item read for editing), the summary and the claimant list. */
export async function refreshDamages(queryClient: QueryClient, claimantId: number): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: damageKeys.items(claimantId) }),
    queryClient.invalidateQueries({ queryKey: damageKeys.summary(claimantId) }),
    queryClient.invalidateQueries({ queryKey: claimantKeys.list }),
  ])
}

export interface SaveVars {
  body: DamageItemBody
  /** the item to replace (PUT); none to create (POST) */
  itemId: number | null
  etag: string | null
  idempotencyKey: string
}

/**
 * Saves an item: POST (with an Idempotency-Key) or PUT (with If-Match). Pending until the page's data has been
 * refetched; then `onSaved` runs (here, not as a callback of mutate(): the editor may have gone from the page
 * by then). A 412 (someone changed the item first) refetches the item, so "reload" shows the latest; a 409
 * on create (the head has an item already) refetches the list, which then shows it.
 */
export function useSaveDamage(claimantId: number, onSaved: (saved: VersionedItem) => void) {
  const queryClient = useQueryClient()
  return useMutation<VersionedItem, unknown, SaveVars>({
    mutationFn: async ({ body, itemId, etag, idempotencyKey }) => {
      const result =
        itemId === null
          ? await claimsApi.POST('/api/v1/claimants/{claimant_id}/damage-items', {
              params: { path: { claimant_id: claimantId } },
              body,
              headers: { 'Idempotency-Key': idempotencyKey },
            })
          : await claimsApi.PUT('/api/v1/claimants/{claimant_id}/damage-items/{item_id}', {
              params: { path: { claimant_id: claimantId, item_id: itemId } },
              body,
              headers: etag ? { 'If-Match': etag } : {},
            })
      return { item: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(damageKeys.item(claimantId, saved.item.id), saved)
      await refreshDamages(queryClient, claimantId)
      onSaved(saved)
    },
    onError: async (error, { itemId }) => {
      // someone changed the item (412), or created the head's item meanwhile (409): show what is there now
      const created = itemId === null && error instanceof ApiError && error.status === 409
      if (isStale(error) || created) await refreshDamages(queryClient, claimantId)
    },
  })
}

/** Deletes an item with If-Match; `onDeleted` runs once the page's data has been refetched (the item, and
 * with it its editor, is gone from the page by then). */
export function useDeleteDamage(claimantId: number, onDeleted: () => void) {
  const queryClient = useQueryClient()
  return useMutation<void, unknown, { itemId: number; etag: string | null }>({
    mutationFn: async ({ itemId, etag }) => {
      unwrap(
        await claimsApi.DELETE('/api/v1/claimants/{claimant_id}/damage-items/{item_id}', {
          params: { path: { claimant_id: claimantId, item_id: itemId } },
          headers: etag ? { 'If-Match': etag } : {},
        }),
      )
    },
    onSuccess: async (_, { itemId }) => {
      queryClient.removeQueries({ queryKey: damageKeys.item(claimantId, itemId), exact: true })
      await refreshDamages(queryClient, claimantId)
      onDeleted()
    },
    onError: async (error) => {
      if (isStale(error)) await refreshDamages(queryClient, claimantId)
    },
  })
}

/**
 * Where the office claims an item: from the vendor (in this lawsuit) or from its insurer (then the item drops out of
 * the vendor claim and its totals). A PATCH of that one field, without If-Match: it changes nothing else of the item.
 * Pending until the items, the summary and the list have been refetched (the totals then come from the API). A 409
 * (the insurer has paid the item, which it now pursues by subrogation) refetches them too: the item shows why.
 */
export function useChangeClaimedFrom(claimantId: number) {
  const queryClient = useQueryClient()
  return useMutation<DamageItem, unknown, { itemId: number; claimedFrom: ClaimedFrom }>({
    mutationFn: async ({ itemId, claimedFrom }) =>
      unwrap(
        await claimsApi.PATCH('/api/v1/claimants/{claimant_id}/damage-items/{item_id}', {
          params: { path: { claimant_id: claimantId, item_id: itemId } },
          body: { claimed_from: claimedFrom },
        }),
      ),
    onSettled: async (_data, error) => {
      if (error === null || (error instanceof ApiError && error.status === 409)) await refreshDamages(queryClient, claimantId)
    },
  })
}
