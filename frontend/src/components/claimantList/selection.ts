// The claimant list's selection: some rows of the page shown, or every claimant matching the filters ("select all
// N matching": their ids from claims-api, in the list's order). Rows ticked belong to their page; the matching
// claimants to the filters and order they match (paging keeps them). Anything else listed starts with none selected.

export type Selection =
  | { kind: 'page'; key: string; ids: ReadonlySet<number> }
  | { kind: 'matching'; key: string; ids: readonly number[]; set: ReadonlySet<number> }

/** What the list shows: `page` is the query with its page, `filter` the same without it. */
export interface ListKeys {
  page: string
  filter: string
}

/** The selection if it still belongs to what is listed, else none. */
export function currentSelection(selection: Selection | null, keys: ListKeys): Selection | null {
  if (selection === null) return null
  return selection.key === (selection.kind === 'page' ? keys.page : keys.filter) ? selection : null
}

export function selectedSet(selection: Selection | null): ReadonlySet<number> {
  if (selection === null) return new Set()
  return selection.kind === 'page' ? selection.ids : selection.set
}

export function pageSelection(keys: ListKeys, ids: Iterable<number>): Selection {
  return { kind: 'page', key: keys.page, ids: new Set(ids) }
}

/** Every claimant matching the filters of `filterKey` (`ListKeys.filter`), in the list's order. */
export function matchingSelection(filterKey: string, ids: readonly number[]): Selection {
  return { kind: 'matching', key: filterKey, ids, set: new Set(ids) }
}

/** One row ticked or unticked. Unticking a row of "all matching" leaves the page's other rows selected (as a
 * mail client does): the selection is no longer everything the filters match. */
export function toggleRow(selection: Selection | null, keys: ListKeys, pageIds: readonly number[], id: number): Selection {
  const selected = selectedSet(selection)
  const next = new Set(selection?.kind === 'matching' ? pageIds.filter((i) => selected.has(i)) : selected)
  if (selected.has(id)) next.delete(id)
  else next.add(id)
  return pageSelection(keys, next)
}

/** The header's box: every row of the page, or (all already ticked) none at all. */
export function togglePage(selection: Selection | null, keys: ListKeys, pageIds: readonly number[]): Selection {
  const selected = selectedSet(selection)
  const all = pageIds.length > 0 && pageIds.every((i) => selected.has(i))
  return pageSelection(keys, all ? [] : pageIds)
}
