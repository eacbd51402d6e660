// The claimant list's state lives in the URL (?q=&stage=&kind=&missing=&flagged=&proceeding=&sort=&page=), so a
// link shows the same list and back/forward move between searches. These read and write it.
import type { components } from '../../api/claims-api'
import { STAGES } from '../claimant/claimantQueries'

export type Stage = components['schemas']['Stage']
export type ClaimantKind = components['schemas']['ClaimantKind']

export const KINDS: ClaimantKind[] = [
  'sr_individual',
  'sr_corporation',
  'sr_center',
  'labour_insurance_association',
  'client_company',
  'other',
]

/** The orders claims-api knows (its `sort`); `-` first is descending. */
export const SORT_KEYS = ['id', 'name', 'kana', 'registration_no', 'stage', 'total', 'updated_at'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface Sort {
  key: SortKey
  descending: boolean
}

/** The filters of the URL; `proceeding` is a proceeding's id or 'none' (in no proceeding). */
export interface ListFilters {
  q: string
  stage: string
  kind: string
  missing: '' | 'true' | 'false'
  flagged: '' | 'true' | 'false'
  proceeding: string
}
export type FilterName = Exclude<keyof ListFilters, 'q'>
export const FILTER_NAMES: FilterName[] = ['proceeding', 'stage', 'kind', 'missing', 'flagged']

const bool = (value: string | null): '' | 'true' | 'false' => (value === 'true' || value === 'false' ? value : '')

/** The URL's filters; a value claims-api does not know (an old or mistyped link) is dropped, not sent. */
export function filtersFrom(params: URLSearchParams): ListFilters {
  const proceeding = params.get('proceeding') ?? ''
  const stage = params.get('stage') ?? ''
  const kind = params.get('kind') ?? ''
  return {
    q: params.get('q') ?? '',
    stage: (STAGES as string[]).includes(stage) ? stage : '',
    kind: (KINDS as string[]).includes(kind) ? kind : '',
    missing: bool(params.get('missing')),
    flagged: bool(params.get('flagged')),
    proceeding: proceeding === 'none' || /^\d+$/.test(proceeding) ? proceeding : '',
  }
}

export function sortFrom(params: URLSearchParams): Sort {
  const raw = params.get('sort') ?? ''
  const descending = raw.startsWith('-')
  const key = (descending ? raw.slice(1) : raw) as SortKey
  return SORT_KEYS.includes(key) ? { key, descending } : { key: 'id', descending: false }
}

export function sortParam(sort: Sort): string {
  return `${sort.descending ? '-' : ''}${sort.key}`
}

/** Clicking a column's header: its natural order first (amounts and updates: largest/newest first), then the other. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending }
  return { key, descending: key === 'total' || key === 'updated_at' }
}

export function pageFrom(params: URLSearchParams): number {
  const n = Number(params.get('page') ?? '1')
  return Number.isInteger(n) && n >= 1 ? n : 1
}

/** What the filters and the order ask of claims-api about the case's claimants: the list's query without the page,
 * and the query of `GET /claimants/ids` (every matching claimant, in the list's order). */
export function filterQuery(caseId: number, filters: ListFilters, sort: Sort) {
  return {
    case_id: caseId,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.stage ? { stage: filters.stage as Stage } : {}),
    ...(filters.kind ? { kind: filters.kind as ClaimantKind } : {}),
    ...(filters.missing ? { missing: filters.missing === 'true' } : {}),
    ...(filters.flagged ? { flagged: filters.flagged === 'true' } : {}),
    ...(filters.proceeding === 'none'
      ? { in_proceeding: false }
      : filters.proceeding
        ? { proceeding_id: Number(filters.proceeding) }
        : {}),
    ...(sort.key === 'id' && !sort.descending ? {} : { sort: sortParam(sort) }),
  }
}

/** The list endpoint's query for these filters, order and page. */
export function listQuery(caseId: number, filters: ListFilters, sort: Sort, limit: number, offset: number) {
  return { ...filterQuery(caseId, filters, sort), limit, offset }
}

/** The URL with one value changed (empty: removed); any change of what is listed goes back to page 1. */
export function withParam(prev: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(prev)
  if (value) next.set(name, value)
  else next.delete(name)
  next.delete('page')
  return next
}

export function withoutFilters(prev: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(prev)
  for (const name of FILTER_NAMES) next.delete(name)
  next.delete('page')
  return next
}
