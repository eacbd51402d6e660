import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './api/client'

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // An answer from the service (4xx/5xx problem) is shown at once; only transport failures retry.
        retry: (failures, error) => !(error instanceof ApiError) && failures < 1,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  })
}
