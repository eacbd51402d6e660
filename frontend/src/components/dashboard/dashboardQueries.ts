// The dashboard's read: one request to claims-api for the case's figures. The hearings' neighbours, the APPI report
// deadlines, come from notify through the case's campaign list query (campaignQueries.useCampaigns).
import { useQuery } from '@tanstack/react-query'
import { claimsApi, unwrap } from '../../api/client'

export const dashboardKeys = {
  one: (caseId: number) => ['dashboard', caseId] as const,
}

export function useDashboard(caseId: number) {
  return useQuery({
    queryKey: dashboardKeys.one(caseId),
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/cases/{case_id}/dashboard', { params: { path: { case_id: caseId } }, signal })),
    staleTime: 30_000,
  })
}
