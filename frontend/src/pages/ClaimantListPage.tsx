import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatYen } from '../format'
import { useI18n } from '../i18n/i18n'
import { useDebounced } from '../useDebounced'

export const PAGE_SIZE = 50
export const SEARCH_DELAY_MS = 300

function pageFrom(params: URLSearchParams): number {
  const n = Number(params.get('page') ?? '1')
  return Number.isInteger(n) && n >= 1 ? n : 1
}

export default function ClaimantListPage() {
  const { t, label } = useI18n()
  const searchId = useId()
  const hintId = useId()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const page = pageFrom(params)
  const [input, setInput] = useState(q)
  const debounced = useDebounced(input.trim(), SEARCH_DELAY_MS)

  // The search box drives the URL (q, back to page 1) once typing pauses; the URL drives the query.
  // Back/forward changes q in the URL, which then drives the search box.
  const lastSynced = useRef(q)
  useEffect(() => {
    if (debounced === lastSynced.current) return
    lastSynced.current = debounced
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (debounced) next.set('q', debounced)
        else next.delete('q')
        next.delete('page')
        return next
      },
      { replace: true },
    )
  }, [debounced, setParams])
  useEffect(() => {
    if (q === lastSynced.current) return
    lastSynced.current = q
    setInput(q)
  }, [q])

  const offset = (page - 1) * PAGE_SIZE
  const list = useQuery({
    queryKey: ['claimants', { q, offset, limit: PAGE_SIZE }],
    queryFn: async ({ signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants', {
          params: { query: { ...(q ? { q } : {}), limit: PAGE_SIZE, offset } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  })

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
  const from = total === 0 ? 0 : offset + 1
  const to = Math.min(offset + (data?.items.length ?? 0), total)

  return (
    <section aria-labelledby="claimants-title">
      <h1 id="claimants-title">{t('claimants.title')}</h1>

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

      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}

      {data && (
        <>
          <p className="count" role="status" aria-live="polite">
            {t('claimants.total', { total: total.toLocaleString('ja-JP') })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('claimants.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data" aria-busy={list.isFetching}>
                <caption>{t('claimants.caption', { from, to, total })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('claimants.col.number')}
                    </th>
                    <th scope="col">{t('claimants.col.name')}</th>
                    <th scope="col">{t('claimants.col.office')}</th>
                    <th scope="col">{t('claimants.col.kind')}</th>
                    <th scope="col" className="num">
                      {t('claimants.col.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <td className="num">{c.id}</td>
                      <th scope="row">
                        <Link to={`/claimants/${c.id}`}>{c.name}</Link>
                        {c.name_kana && <span className="kana">{c.name_kana}</span>}
                      </th>
                      <td>{c.office_name ?? t('common.none')}</td>
                      <td>{label('kind', c.kind)}</td>
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
            <span>{t('claimants.page', { page, pages })}</span>
            <button type="button" onClick={() => goTo(page + 1)} disabled={page >= pages}>
              {t('claimants.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  )
}
