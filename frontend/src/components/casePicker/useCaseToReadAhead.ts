import { useCurrentCase } from '../documents/renderQueries'
import { useChosenCaseId } from './chosenCase'

/**
 * The case a page can start reading for while claims-api's list of cases is still on its way: the tab's stored
 * choice, which is the case the page will show unless that case is gone. Null when nothing is stored, and once
 * the list has answered (useCurrentCase then says which case it is). For reading ahead only: what a page shows
 * must wait for useCurrentCase, so a stale choice never shows its data as the picked case's.
 */
export function useCaseToReadAhead(): number | null {
  const chosenId = useChosenCaseId()
  const current = useCurrentCase()
  return current.isPending ? chosenId : null
}
