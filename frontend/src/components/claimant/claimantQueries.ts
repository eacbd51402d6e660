// The claimant page's shared reads: the claimant with its ETag, its stage history, and whether the signed-in
// user may write (claims:write). Every component of the page reads the same cached queries by key.
import { useQuery, type QueryClient } from '@tanstack/react-query'
import { claimsApi, unwrap } from '../../api/client'
import type { components } from '../../api/claims-api'

type Schemas = components['schemas']
export type Claimant = Schemas['ClaimantRead']
export type Stage = Schemas['Stage']
export type ChecklistItem = Schemas['ChecklistItem']

/** The claimant as read, with the ETag to send back in If-Match. */
export interface VersionedClaimant {
  claimant: Claimant
  etag: string | null
}

export const claimantKeys = {
  detail: (id: number) => ['claimant', id] as const,
  stageHistory: (id: number) => ['claimant', id, 'stage-history'] as const,
  list: ['claimants'] as const,
}

/** The stages in their order (claims-api's stages.py); the Record makes a new API stage a type error here. */
const STAGE_POSITION: Record<Stage, number> = {
  intake: 0,
  schedule_received: 1,
  schedule_checked: 2,
  engagement_sent: 3,
  engagement_signed: 4,
  poa_received: 5,
  originals_received: 6,
  ready_to_file: 7,
  filed: 8,
}
export const STAGES = (Object.keys(STAGE_POSITION) as Stage[]).sort((a, b) => STAGE_POSITION[a] - STAGE_POSITION[b])
export const stagePosition = (stage: Stage): number => STAGE_POSITION[stage]

export function useClaimant(id: number, enabled = true) {
  return useQuery({
    queryKey: claimantKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedClaimant> => {
      const result = await claimsApi.GET('/api/v1/claimants/{claimant_id}', {
        params: { path: { claimant_id: id } },
        signal,
      })
      return { claimant: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    enabled,
  })
}

export function useStageHistory(id: number) {
  return useQuery({
    queryKey: claimantKeys.stageHistory(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants/{claimant_id}/stage-history', {
          params: { path: { claimant_id: id } },
          signal,
        }),
      ),
  })
}

/** The signed-in principal (the same query, by key, as the header's). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/auth/me', { signal })),
    staleTime: 5 * 60_000,
  })
}

/**
 * True when the user holds claims:write (staff, lawyer, admin); false for a viewer and while /auth/me is
 * unknown. The API enforces the scope anyway (403); this only keeps controls away from read-only users.
 */
export function useCanWriteClaims(): boolean {
  return useMe().data?.scopes.includes('claims:write') ?? false
}

/** After a write: refetch the claimant (new ETag) and its history; the list is refetched when next shown. */
export async function refreshClaimant(queryClient: QueryClient, id: number): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: claimantKeys.detail(id), exact: true }),
    queryClient.invalidateQueries({ queryKey: claimantKeys.stageHistory(id) }),
    queryClient.invalidateQueries({ queryKey: claimantKeys.list }),
  ])
}

// Today in Japan (YYYY-MM-DD): kept here too for the pages that import it from the claimant's queries.
export { todayInTokyo } from '../../dates'
