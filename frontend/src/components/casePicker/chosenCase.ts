// The case the user chose in the header's picker. The browser remembers the last choice (localStorage), so a new
// tab or the next login opens that case; each tab then keeps the case it opened with (sessionStorage), so that a
// switch in one tab does not change the case under a form being filled in another.
import { useSyncExternalStore } from 'react'

export const CASE_STORAGE_KEY = 'bengodan.caseId'

// '' stands for "no choice yet" once a tab has looked: the tab stays with the first case even if another tab chooses.
const NO_CHOICE = ''

const listeners = new Set<() => void>()
// used only when the browser refuses storage (private modes): the choice lasts until the tab is closed
let unstored: string | null = null

function read(): string {
  try {
    const pinned = sessionStorage.getItem(CASE_STORAGE_KEY)
    if (pinned !== null) return pinned
    const remembered = localStorage.getItem(CASE_STORAGE_KEY) ?? NO_CHOICE
    sessionStorage.setItem(CASE_STORAGE_KEY, remembered)
    return remembered
  } catch {
    return unstored ?? NO_CHOICE
  }
}

/** Makes `caseId` this tab's case and the browser's choice for the tabs to come; every screen follows it. */
export function chooseCase(caseId: number): void {
  const value = String(caseId)
  try {
    sessionStorage.setItem(CASE_STORAGE_KEY, value)
    localStorage.setItem(CASE_STORAGE_KEY, value)
  } catch {
    unstored = value
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function asId(value: string): number | null {
  const n = Number(value)
  return value !== NO_CHOICE && Number.isInteger(n) && n > 0 ? n : null
}

/** The id of the chosen case, as stored: null before any choice. It may name a case that no longer exists. */
export function useChosenCaseId(): number | null {
  return asId(useSyncExternalStore(subscribe, read, () => NO_CHOICE))
}

/** The chosen case among `cases` (claims-api's list); the first when none was chosen or the choice is gone. */
export function pickCase<T extends { id: number }>(cases: readonly T[], chosenId: number | null): T | null {
  return cases.find((c) => c.id === chosenId) ?? cases[0] ?? null
}
