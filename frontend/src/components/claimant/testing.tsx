// Test helper (imported only by *.test.tsx): renders one part of the claimant page with what the app gives it
// (the app's QueryClient defaults, i18n, a router for its links). Mock fetch with mockApi from src/test/helpers.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { act, render, waitFor } from '@testing-library/react'
import type { ReactElement } from 'react'
import { MemoryRouter } from 'react-router-dom'
import { expect } from 'vitest'
import { I18nProvider, type Lang } from '../../i18n/i18n'
import { makeQueryClient } from '../../queryClient'

export function renderPart(ui: ReactElement, lang: Lang = 'ja') {
  const queryClient = makeQueryClient()
  const view = render(
    <I18nProvider lang={lang}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  )
  return { queryClient, ...view }
}

/** A JSON answer with the ETag claims-api puts on GET /claimants/{id}. */
export function versioned(body: unknown, etag: string): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag } })
}

/** Resolves once /auth/me has answered and React has rendered what depends on it (e.g. no controls for a viewer). */
export async function whenSignedInUserKnown(queryClient: QueryClient): Promise<void> {
  await waitFor(() => expect(queryClient.getQueryState(['me'])?.status).toBe('success'))
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}
