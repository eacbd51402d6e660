// The signed-in session: the bearer token in sessionStorage (gone when the tab closes), nothing else.
import { useSyncExternalStore } from 'react'

const KEY = 'bengodan.session'
const EXPIRED_KEY = 'bengodan.sessionExpired'

export interface Session {
  accessToken: string
  /** epoch milliseconds */
  expiresAt: number
}

const listeners = new Set<() => void>()
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null }

function read(): Session | null {
  let raw: string | null
  try {
    raw = sessionStorage.getItem(KEY)
  } catch {
    return null
  }
  if (raw !== cached.raw) {
    let session: Session | null = null
    try {
      const parsed = raw ? (JSON.parse(raw) as Partial<Session>) : null
      if (parsed && typeof parsed.accessToken === 'string' && typeof parsed.expiresAt === 'number') {
        session = { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt }
      }
    } catch {
      session = null
    }
    cached = { raw, session }
  }
  return cached.session
}

function notify(): void {
  for (const listener of listeners) listener()
}

/** The current session, or null when there is none or it has expired. */
export function getSession(): Session | null {
  const session = read()
  if (session && session.expiresAt <= Date.now()) return null
  return session
}

export function getToken(): string | null {
  return getSession()?.accessToken ?? null
}

export function startSession(accessToken: string, expiresInSeconds: number): void {
  const session: Session = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 }
  sessionStorage.setItem(KEY, JSON.stringify(session))
  notify()
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY)
  notify()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null)
}

/** The path to come back to after signing in; only same-site paths are accepted. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/dashboard'
  return next
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`
}

interface Navigator {
  navigate: (to: string) => void
  /** path + search of the page the user is on */
  currentPath: () => string
}

let nav: Navigator = {
  navigate: (to) => window.location.assign(to),
  currentPath: () => window.location.pathname + window.location.search,
}

/** The router registers itself here so the API middleware can send the user to the login page. */
export function setNavigator(next: Navigator): void {
  nav = next
}

/** Called once for every 401 from an API: drop the session and ask for a new login. */
export function sessionExpired(): void {
  const here = nav.currentPath()
  const hadSession = read() !== null
  clearSession()
  if (here === '/login' || here.startsWith('/login?')) return
  if (hadSession) {
    try {
      sessionStorage.setItem(EXPIRED_KEY, '1')
    } catch {
      // the notice is a courtesy
    }
  }
  nav.navigate(loginPath(here))
}

/** True after sessionExpired() ended a session, so the login page can say why it is shown. */
export function hasExpiredNotice(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1'
  } catch {
    return false
  }
}

export function clearExpiredNotice(): void {
  try {
    sessionStorage.removeItem(EXPIRED_KEY)
  } catch {
    // nothing to clear
  }
}
