// The claimant's exhibits (甲第N号証のM): the list, one exhibit with its ETag, and what a change refetches (the
// list here and the exhibits the damage editor may cite).
import { useQuery, type QueryClient } from '@tanstack/react-query'
import { claimsApi, unwrap } from '../../api/client'
import type { components } from '../../api/claims-api'

type Schemas = components['schemas']
export type Exhibit = Schemas['ExhibitRead']
export type ExhibitVersion = Schemas['ExhibitVersionRead']
export type ExhibitCreate = Schemas['ExhibitCreate']
export type ExhibitUpdate = Schemas['ExhibitUpdate']

/** The six slots of the damage schedule (甲＿の1 … の6), as claims-api's evidence/numbering.py has them. */
export const SLOTS = [1, 2, 3, 4, 5, 6] as const

export const exhibitKeys = {
  claimant: (claimantId: number) => ['claimant', claimantId, 'exhibits', 'own'] as const,
  all: (claimantId: number) => ['claimant', claimantId, 'exhibits'] as const,
}

export function useClaimantExhibits(claimantId: number) {
  return useQuery({
    queryKey: exhibitKeys.claimant(claimantId),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants/{claimant_id}/exhibits', {
          params: { path: { claimant_id: claimantId } },
          signal,
        }),
      ),
  })
}

/** After a change: the claimant's exhibits, and those the damage editor may cite (they share the prefix). */
export async function refreshExhibits(queryClient: QueryClient, claimantId: number): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: exhibitKeys.all(claimantId) })
}

/** One exhibit as read now, with the ETag to send back in If-Match. */
export async function readExhibit(exhibitId: number): Promise<{ exhibit: Exhibit; etag: string | null }> {
  const result = await claimsApi.GET('/api/v1/exhibits/{exhibit_id}', { params: { path: { exhibit_id: exhibitId } } })
  return { exhibit: unwrap(result), etag: result.response.headers.get('ETag') }
}

/** Bytes as people read them: 120,000 bytes → "117.2 KB" (and the exact count is shown beside it). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
