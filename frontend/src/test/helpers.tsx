import { render } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { vi } from 'vitest'
import { setNavigator, startSession } from '../auth/session'
import { I18nProvider, type Lang } from '../i18n/i18n'
import { routes } from '../routes'

export type Handler = (request: Request, url: URL) => Response | Promise<Response>

export function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return json({ type: 'about:blank', title, status, detail, ...extra }, status, 'application/problem+json')
}

/**
 * Stubs fetch with handlers keyed "METHOD /path" (the path as the browser sends it, e.g.
 * "GET /claims-api/api/v1/claimants"); returns the spy to inspect the requests.
 */
export function mockApi(handlers: Record<string, Handler>) {
  const requests: Request[] = []
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init)
    requests.push(request.clone())
    const url = new URL(request.url)
    const handler = handlers[`${request.method} ${url.pathname}`]
    if (!handler) return problem(404, 'Not Found', `no mock for ${request.method} ${url.pathname}`)
    return handler(request, url)
  })
  vi.stubGlobal('fetch', spy)
  return { spy, requests }
}

export function signIn(): void {
  startSession('test-token', 3600)
}

export function renderApp(path: string, lang: Lang = 'ja') {
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  setNavigator({
    navigate: (to) => void router.navigate(to, { replace: true }),
    currentPath: () => router.state.location.pathname + router.state.location.search,
  })
  const view = render(
    <I18nProvider lang={lang}>
      <RouterProvider router={router} />
    </I18nProvider>,
  )
  return { router, ...view }
}

export const me = () => json({ sub: 'user:1', kind: 'user', name: '弁護士 山田', roles: ['admin'], scopes: ['claims:read'] })
