import '../components/claimantList/claimantList.css'
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { useCaseToReadAhead } from '../components/casePicker/useCaseToReadAhead'
import { STAGES, useCanWriteClaims } from '../components/claimant/claimantQueries'
import { BulkActions } from '../components/claimantList/BulkActions'
import type { Target } from '../components/claimantList/bulk'
import { downloadClaimants, type FileFormat } from '../components/claimantList/files'
import {
  filterQuery,
  filtersFrom,
  KINDS,
  listQuery,
  nextSort,
  pageFrom,
  sortFrom,
  sortParam,
  withoutFilters,
  withParam,
  type FilterName,
  type ListFilters,
  type Sort,
  type SortKey,
} from '../components/claimantList/listParams'
import { SelectMatching } from '../components/claimantList/SelectMatching'
import {
  currentSelection,
  matchingSelection,
  selectedSet,
  toggleRow,
  togglePage,
  type ListKeys,
  type Selection,
} from '../components/claimantList/selection'
import { useCurrentCase, useProceedings } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatYen } from '../format'
import { useI18n } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { useDebounced } from '../useDebounced'

export const PAGE_SIZE = 50
export const SEARCH_DELAY_MS = 300

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * 原告一覧: search (name, kana, office, registration number), filters (proceeding, stage, kind, missing documents,
 * possible duplicates) and the order, all in the URL; pages of 50; for staff and above, row selection (the page's
 * rows, or every claimant matching the filters) and bulk actions; the export of the case's claimants and the way
 * to the import.
 */
export default function ClaimantListPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const caseData = theCase.data
  const canWrite = useCanWriteClaims()
  useListReadAhead(useCaseToReadAhead())
  return (
    <section aria-labelledby="claimants-title" className="claimant-list-page">
      <div className="page-head">
        <h1 id="claimants-title">{t('claimants.title')}</h1>
        {canWrite && (
          <Link to="/claimants/import" className="button-link">
            {t('claimantList.import.link')}
          </Link>
        )}
        {caseData && <ExportButtons caseId={caseData.id} />}
      </div>
      <CaseStatus theCase={theCase} noCase={t('claimantList.noCase')} />
      {caseData && <ClaimantList caseId={caseData.id} />}
    </section>
  )
}

/** The page of the case's claimants that the URL (filters, order, page) asks for. */
function pageQuery(caseId: number, params: URLSearchParams) {
  return listQuery(caseId, filtersFrom(params), sortFrom(params), PAGE_SIZE, (pageFrom(params) - 1) * PAGE_SIZE)
}

/** The list's query; the read-ahead asks with the same key, so that the list picks up its answer. */
function claimantPage(query: ReturnType<typeof listQuery>) {
  return queryOptions({
    queryKey: ['claimants', query],
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/claimants', { params: { query }, signal })),
  })
}

/**
 * Asks for the stored case's page of claimants while /cases is on its way, instead of after it: when that case
 * is the one picked (the usual returning visit), the list finds its rows there or on their way. The answer only
 * goes into the cache; the list shows the picked case's page, so a stale choice's rows (or its error) never show.
 */
function useListReadAhead(caseId: number | null) {
  const [params] = useSearchParams()
  const queryClient = useQueryClient()
  useEffect(() => {
    if (caseId !== null) void queryClient.prefetchQuery(claimantPage(pageQuery(caseId, params)))
  }, [caseId, params, queryClient])
}

function ExportButtons({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const [params] = useSearchParams()
  const proceeding = filtersFrom(params).proceeding
  const proceedingId = proceeding && proceeding !== 'none' ? Number(proceeding) : null
  const run = useMutation({ mutationFn: (format: FileFormat) => downloadClaimants(caseId, format, proceedingId) })
  return (
    <div className="export">
      {(['xlsx', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="secondary"
          aria-disabled={run.isPending || undefined}
          aria-describedby={proceedingId === null ? undefined : 'claimant-export-hint'}
          onClick={() => {
            if (!run.isPending) run.mutate(format)
          }}
        >
          {t(format === 'xlsx' ? 'claimantList.export.xlsx' : 'claimantList.export.csv')}
        </button>
      ))}
      {proceedingId !== null && (
        <span id="claimant-export-hint" className="hint">
          {t('claimantList.export.proceedingHint')}
        </span>
      )}
      <span role="status" className="write-status">
        {run.isPending ? t('claimantList.export.pending') : run.isSuccess ? t('claimantList.export.done', { name: run.data }) : ''}
      </span>
      {run.isError && <ErrorAlert error={run.error} />}
    </div>
  )
}

interface Column {
  key: SortKey | null
  label: MessageKey
  className?: string
}

const COLUMNS: Column[] = [
  { key: 'id', label: 'claimants.col.number', className: 'num' },
  { key: 'name', label: 'claimants.col.name' },
  { key: 'kana', label: 'claimantList.col.kana' },
  { key: 'registration_no', label: 'claimantList.col.registrationNo' },
  { key: null, label: 'claimants.col.office' },
  { key: null, label: 'claimants.col.kind' },
  { key: 'stage', label: 'claimantList.col.stage' },
  { key: 'total', label: 'claimants.col.total', className: 'num' },
]

function ClaimantList({ caseId }: { caseId: number }) {
  const { t, label } = useI18n()
  const searchId = useId()
  const hintId = useId()
  const [params, setParams] = useSearchParams()
  const filters = filtersFrom(params)
  const sort = sortFrom(params)
  const q = filters.q
  const page = pageFrom(params)
  const [input, setInput] = useState(q)
  const debounced = useDebounced(input.trim(), SEARCH_DELAY_MS)
  const canWrite = useCanWriteClaims()
  const proceedings = useProceedings(caseId)
  const proceedingList = proceedings.data ?? []

  // The search box drives the URL (q, back to page 1) once typing pauses; the URL drives the query.
  // Back/forward changes q in the URL, which then drives the search box.
  const lastSynced = useRef(q)
  useEffect(() => {
    if (debounced === lastSynced.current) return
    lastSynced.current = debounced
    setParams((prev) => withParam(prev, 'q', debounced), { replace: true })
  }, [debounced, setParams])
  useEffect(() => {
    if (q === lastSynced.current) return
    lastSynced.current = q
    setInput(q)
  }, [q])

  const offset = (page - 1) * PAGE_SIZE
  const query = pageQuery(caseId, params)
  const list = useQuery({ ...claimantPage(query), placeholderData: keepPreviousData })

  // The selection belongs to the list shown: rows ticked to their page, "all matching" to the filters and order
  // (paging keeps it). Another filter or order drops it, also for when the old one is back.
  const matchQuery = filterQuery(caseId, filters, sort)
  const keys: ListKeys = { page: JSON.stringify(query), filter: JSON.stringify(matchQuery) }
  const [selectionState, setSelection] = useState<Selection | null>(null)
  const [selectionFilter, setSelectionFilter] = useState(keys.filter)
  if (selectionFilter !== keys.filter) {
    setSelectionFilter(keys.filter)
    setSelection(null)
  }
  const selection = currentSelection(selectionState, keys)
  const selected = selectedSet(selection)
  const headerBox = useRef<HTMLInputElement | null>(null)
  const queryClient = useQueryClient()
  const latestFilter = useRef(keys.filter)
  useEffect(() => {
    latestFilter.current = keys.filter
  }, [keys.filter])
  const matching = useMutation({
    mutationFn: async ({ query }: { key: string; query: typeof matchQuery }) =>
      unwrap(await claimsApi.GET('/api/v1/claimants/ids', { params: { query } })),
    // an answer for filters no longer shown selects nothing
    onSuccess: (answer, { key }) =>
      setSelection((prev) => (key === latestFilter.current ? matchingSelection(key, answer.ids) : prev)),
  })
  const matchingHere = matching.variables?.key === keys.filter

  function setFilter(name: FilterName, value: string) {
    setParams((prev) => withParam(prev, name, value))
  }
  function setSort(next: Sort) {
    setParams((prev) => withParam(prev, 'sort', next.key === 'id' && !next.descending ? '' : sortParam(next)))
  }
  function goTo(nextPage: number) {
    setParams((prev) => {
      const next = new URLSearchParams(prev)
      if (nextPage > 1) next.set('page', String(nextPage))
      else next.delete('page')
      return next
    })
  }

  const data = list.data
  const total = data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  // a page past the end (a bulk move took its claimants out of the filter, or an old link) shows the last one
  const pastTheEnd = !list.isPlaceholderData && total > 0 && page > pages
  useEffect(() => {
    if (!pastTheEnd) return
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (pages > 1) next.set('page', String(pages))
        else next.delete('page')
        return next
      },
      { replace: true },
    )
  }, [pastTheEnd, pages, setParams])
  const from = total === 0 ? 0 : offset + 1
  const to = Math.min(offset + (data?.items.length ?? 0), total)
  const items = data?.items ?? []
  const pageIds = items.map((c) => c.id)
  const allSelected = items.length > 0 && items.every((c) => selected.has(c.id))
  const someSelected = items.some((c) => selected.has(c.id))
  const filtered = Object.values({ ...filters, q: '' }).some(Boolean)
  const targets = targetsOf(selection, items, queryClient)

  return (
    <>
      <div className="toolbar" role="search">
        <label htmlFor={searchId}>{t('claimants.search')}</label>
        <input
          id={searchId}
          type="search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
        />
        <span id={hintId} className="hint">
          {t('claimants.searchHint')}
        </span>
      </div>

      <Filters
        filters={filters}
        proceedings={proceedingList}
        onChange={setFilter}
        onClear={filtered ? () => setParams((prev) => withoutFilters(prev)) : undefined}
      />
      {proceedings.isError && <ErrorAlert error={proceedings.error} onRetry={() => void proceedings.refetch()} />}

      {canWrite && (
        <BulkActions
          targets={targets}
          matching={selection?.kind === 'matching'}
          proceedings={proceedingList}
          onClearSelection={() => setSelection(null)}
        />
      )}

      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}

      {data && (
        <>
          <p className="count" role="status" aria-live="polite">
            {t('claimants.total', { total: n(total) })}
          </p>
          {canWrite && (
            <SelectMatching
              pageSelected={allSelected && selection?.kind === 'page' ? items.length : null}
              total={total}
              matching={selection?.kind === 'matching' ? selection.ids.length : null}
              pending={matching.isPending && matchingHere}
              error={matching.isError && matchingHere ? matching.error : null}
              onSelectMatching={() => matching.mutate({ key: keys.filter, query: matchQuery })}
              onClear={() => {
                setSelection(null)
                headerBox.current?.focus() // the line empties: the focus goes back to the page's box
              }}
            />
          )}
          {data.items.length === 0 ? (
            <p>{t('claimants.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data claimant-table" aria-busy={list.isFetching}>
                <caption>{t('claimants.caption', { from: n(from), to: n(to), total: n(total) })}</caption>
                <thead>
                  <tr>
                    {canWrite && (
                      <th scope="col" className="select">
                        <span className="visually-hidden">{t('claimantList.col.select')}</span>
                        <input
                          type="checkbox"
                          aria-label={t('claimantList.selectAll')}
                          checked={allSelected}
                          ref={(el) => {
                            headerBox.current = el
                            if (el) el.indeterminate = someSelected && !allSelected
                          }}
                          onChange={() => setSelection(togglePage(selection, keys, pageIds))}
                        />
                      </th>
                    )}
                    {COLUMNS.map((col) => (
                      <HeaderCell key={col.label} column={col} sort={sort} onSort={setSort} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id} className={selected.has(c.id) ? 'selected' : undefined}>
                      {canWrite && (
                        <td className="select">
                          <input
                            type="checkbox"
                            aria-label={t('claimantList.selectOne', { name: c.name })}
                            checked={selected.has(c.id)}
                            onChange={() => setSelection(toggleRow(selection, keys, pageIds, c.id))}
                          />
                        </td>
                      )}
                      <td className="num">{c.id}</td>
                      <th scope="row">
                        <Link to={`/claimants/${c.id}`}>{c.name}</Link>
                        {c.missing_items.length > 0 && (
                          <span className="flag missing">{t('claimantList.flag.missing', { count: c.missing_items.length })}</span>
                        )}
                        {c.duplicates.length > 0 && <span className="flag duplicate">{t('claimantList.flag.duplicate')}</span>}
                      </th>
                      <td>{c.name_kana ?? t('common.none')}</td>
                      <td>{c.registration_no ?? t('common.none')}</td>
                      <td>{c.office_name ?? t('common.none')}</td>
                      <td>{label('kind', c.kind)}</td>
                      <td>{label('stage', c.stage, c.stage_label)}</td>
                      <td className="num">{formatYen(c.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label={t('claimants.pagination')}>
            <button type="button" onClick={() => goTo(page - 1)} disabled={page <= 1}>
              {t('claimants.prev')}
            </button>
            <span>{t('claimants.page', { page: n(page), pages: n(pages) })}</span>
            <button type="button" onClick={() => goTo(page + 1)} disabled={page >= pages}>
              {t('claimants.next')}
            </button>
          </nav>
        </>
      )}
    </>
  )
}

/** The claimants selected, with their names where a page of the list read lately has them ('' where not). */
function targetsOf(
  selection: Selection | null,
  items: { id: number; name: string }[],
  queryClient: QueryClient,
): Target[] {
  if (selection === null) return []
  if (selection.kind === 'page') return items.filter((c) => selection.ids.has(c.id)).map((c) => ({ id: c.id, name: c.name }))
  const names = new Map<number, string>()
  for (const [, page] of queryClient.getQueriesData<{ items?: { id: number; name: string }[] }>({ queryKey: ['claimants'] })) {
    for (const c of page?.items ?? []) names.set(c.id, c.name)
  }
  return selection.ids.map((id) => ({ id, name: names.get(id) ?? '' }))
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: Sort; onSort: (sort: Sort) => void }) {
  const { t } = useI18n()
  const text = t(column.label)
  if (column.key === null) {
    return (
      <th scope="col" className={column.className}>
        {text}
      </th>
    )
  }
  const key = column.key
  const active = sort.key === key
  return (
    <th scope="col" className={column.className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      {/* the order itself is the header's aria-sort; the button says what pressing it does */}
      <button
        type="button"
        className="sort"
        aria-label={t('claimantList.sortBy', { column: text })}
        onClick={() => onSort(nextSort(sort, key))}
      >
        {text}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.descending ? '▼' : '▲') : '⇅'}
        </span>
      </button>
    </th>
  )
}

interface FiltersProps {
  filters: ListFilters
  proceedings: { id: number; name: string }[]
  onChange: (name: FilterName, value: string) => void
  onClear?: () => void
}

function Filters({ filters, proceedings, onChange, onClear }: FiltersProps) {
  const { t } = useI18n()
  const id = useId()
  const all = t('claimantList.filter.all')
  const yesNo = [
    { value: 'true', text: t('claimantList.filter.yes') },
    { value: 'false', text: t('claimantList.filter.no') },
  ]
  const selects: { name: FilterName; label: MessageKey; options: { value: string; text: string }[] }[] = [
    {
      name: 'proceeding',
      label: 'claimantList.filter.proceeding',
      options: [
        ...proceedings.map((p) => ({ value: String(p.id), text: p.name })),
        { value: 'none', text: t('claimantList.filter.noProceeding') },
      ],
    },
    { name: 'stage', label: 'claimantList.filter.stage', options: STAGES.map((s) => ({ value: s, text: t(`stage.${s}`) })) },
    { name: 'kind', label: 'claimantList.filter.kind', options: KINDS.map((k) => ({ value: k, text: t(`kind.${k}`) })) },
    { name: 'missing', label: 'claimantList.filter.missing', options: yesNo },
    { name: 'flagged', label: 'claimantList.filter.flagged', options: yesNo },
  ]
  return (
    <fieldset className="claimant-filters">
      <legend>{t('claimantList.filters')}</legend>
      {selects.map((s) => (
        <div className="field" key={s.name}>
          <label htmlFor={`${id}-${s.name}`}>{t(s.label)}</label>
          <select id={`${id}-${s.name}`} value={filters[s.name]} onChange={(e) => onChange(s.name, e.target.value)}>
            <option value="">{all}</option>
            {/* a proceeding in the URL not (yet) listed keeps its id as the label */}
            {s.name === 'proceeding' && filters.proceeding && !s.options.some((o) => o.value === filters.proceeding) && (
              <option value={filters.proceeding}>{filters.proceeding}</option>
            )}
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
        </div>
      ))}
      {onClear && (
        <button type="button" className="secondary" onClick={onClear}>
          {t('claimantList.filter.clear')}
        </button>
      )}
    </fieldset>
  )
}
