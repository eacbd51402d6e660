// How the exhibit picker orders and filters what a damage item may cite: the claimant's own exhibits of the
// head's slot first (甲＿の2 for 人件費), then the case's common exhibits, then the claimant's other exhibits;
// linked exhibits the list no longer has (moved to another claimant, say) last, so they can be unticked.
import type { Exhibit, ExhibitRef } from './drafts'

export type ExhibitGroupKind = 'slot' | 'common' | 'own' | 'unlisted'

export interface ExhibitGroup {
  kind: ExhibitGroupKind
  /** the exhibits in the API's (label) order; `unlisted` ones have only id and label */
  exhibits: (Exhibit | ExhibitRef)[]
}

/** The groups that have exhibits, in the order the picker shows them. */
export function groupExhibits(exhibits: readonly Exhibit[], slot: number, linked: readonly ExhibitRef[]): ExhibitGroup[] {
  const listed = new Set(exhibits.map((e) => e.id))
  const groups: ExhibitGroup[] = [
    { kind: 'slot', exhibits: exhibits.filter((e) => e.claimant_id !== null && e.slot === slot) },
    { kind: 'common', exhibits: exhibits.filter((e) => e.claimant_id === null) },
    { kind: 'own', exhibits: exhibits.filter((e) => e.claimant_id !== null && e.slot !== slot) },
    { kind: 'unlisted', exhibits: linked.filter((e) => !listed.has(e.id)) },
  ]
  return groups.filter((g) => g.exhibits.length > 0)
}

/** Full-width digits and letters as ASCII, lower case, without spaces: "甲４の２" finds 甲4の2. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}

/** Whether the filter text is part of what the picker shows of the exhibit: label (甲第4号証の2, also 甲4の2),
 * title, author or file name. */
export function matchesFilter(exhibit: Exhibit | ExhibitRef, filter: string): boolean {
  const wanted = fold(filter)
  if (wanted === '') return true
  const fields: (string | null | undefined)[] = [exhibit.label]
  if ('title' in exhibit) {
    fields.push(exhibit.short_label, exhibit.title, exhibit.author, exhibit.current_version?.filename)
  }
  return fields.some((field) => field && fold(field).includes(wanted))
}

/** The ids after ticking (added at the end) or unticking one. */
export function toggled(ids: readonly number[], id: number, checked: boolean): number[] {
  const without = ids.filter((i) => i !== id)
  return checked ? [...without, id] : without
}
