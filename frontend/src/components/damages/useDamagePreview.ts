// Live feedback while the inputs are typed: the amount and 計算式 the server would compute, without saving.
// The request goes out once the inputs have stopped changing for a moment; a request whose inputs have
// changed since is aborted (React Query aborts the signal of a query nobody watches any more).
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { ApiError, claimsApi, unwrap } from '../../api/client'
import { useDebounced } from '../../useDebounced'
import { damageKeys } from './damageQueries'
import { isComplete, toPreviewBody, type DamageItemBody, type DamagePreview, type Draft } from './drafts'

export const PREVIEW_DELAY_MS = 300

/** The answer to one preview: the figures, or the problem the API found with the inputs. */
export type PreviewResult = { preview: DamagePreview; problem: null } | { preview: null; problem: ApiError }

export interface DamagePreviewState {
  /** the last answer (kept while the next one is on its way) */
  result: PreviewResult | null
  /** a failure to reach the API at all */
  error: unknown
  /** a required input is still blank: no request is made */
  incomplete: boolean
  /** the inputs changed and their answer has not come yet */
  pending: boolean
}

export function useDamagePreview(claimantId: number, draft: Draft): DamagePreviewState {
  const complete = isComplete(draft.inputs)
  const body = useMemo(() => (complete ? JSON.stringify(toPreviewBody(draft)) : null), [complete, draft])
  const settled = useDebounced(body, PREVIEW_DELAY_MS)
  const query = useQuery({
    queryKey: damageKeys.preview(claimantId, settled),
    queryFn: async ({ signal }): Promise<PreviewResult> => {
      try {
        const preview = unwrap(
          await claimsApi.POST('/api/v1/claimants/{claimant_id}/damage-items/preview', {
            params: { path: { claimant_id: claimantId } },
            body: JSON.parse(settled ?? '{}') as DamageItemBody,
            signal,
          }),
        )
        return { preview, problem: null }
      } catch (error) {
        // The API's answer (422 with the fields, or another problem) is a result to show, not a failure.
        if (error instanceof ApiError) return { preview: null, problem: error }
        throw error
      }
    },
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
    gcTime: 60_000,
  })
  return {
    result: body === null ? null : (query.data ?? null),
    error: body === null ? null : query.error,
    incomplete: body === null,
    pending: body !== null && (body !== settled || query.isFetching),
  }
}
