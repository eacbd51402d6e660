import '../components/claimant/claimant.css'
import '../components/admin/admin.css'
import { useId, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router-dom'
import { AUDIT_READ, FILTER_NAMES, NO_FILTERS, type AuditFilters } from '../components/admin/admin'
import { useAuditLog, useVerifyAudit } from '../components/admin/adminQueries'
import { AuditTable } from '../components/admin/AuditTable'
import { Forbidden } from '../components/admin/Forbidden'
import { SettingsNav } from '../components/admin/SettingsNav'
import { useMe } from '../components/claimant/claimantQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'

function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters = { ...NO_FILTERS }
  for (const name of FILTER_NAMES) filters[name] = params.get(name) ?? ''
  return filters
}

/**
 * 監査ログ (admins, audit:read): the entries matching the filters (kept in the URL), newest first, a page at a time
 * (「さらに表示」), each one's before/after readable; and the verification of the whole hash chain.
 */
export default function AuditLogPage() {
  const { t } = useI18n()
  const me = useMe()
  const allowed = me.data?.scopes.includes(AUDIT_READ) ?? false
  return (
    <article aria-labelledby="audit-title" className="settings-page">
      <h1 id="audit-title">{t('admin.audit.title')}</h1>
      <SettingsNav />
      {me.isPending && <p role="status">{t('common.loading')}</p>}
      {me.isSuccess && !allowed && <Forbidden scope={AUDIT_READ} />}
      {allowed && (
        <>
          <Verify />
          <AuditLog />
        </>
      )}
    </article>
  )
}

function Verify() {
  const { t } = useI18n()
  const verify = useVerifyAudit()
  const result = verify.data
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('admin.audit.verifyTitle')}</h2>
      <p className="hint">{t('admin.audit.verifyHint')}</p>
      <button type="button" aria-disabled={verify.isPending || undefined} onClick={() => !verify.isPending && verify.mutate()}>
        {verify.isPending ? t('admin.audit.verifying') : t('admin.audit.verify')}
      </button>
      <div role="status">
        {result && result.ok && (
          <p className="verify-result ok">
            {t('admin.audit.verifyOk', { count: result.entries_checked.toLocaleString('ja-JP') })}
            {result.last_hash && (
              <>
                <br />
                <span className="hint">
                  {t('admin.audit.lastHash', { id: result.last_id ?? '—' })} <code>{result.last_hash}</code>
                </span>
              </>
            )}
          </p>
        )}
        {result && !result.ok && (
          <p className="verify-result bad">
            {t('admin.audit.verifyBad', { id: result.first_bad_id ?? '—', reason: result.reason ?? '', count: result.entries_checked.toLocaleString('ja-JP') })}
          </p>
        )}
      </div>
      {verify.isError && <ErrorAlert error={verify.error} />}
    </section>
  )
}

const FILTER_LABELS: Record<keyof AuditFilters, MessageKey> = {
  actor: 'admin.audit.f.actor',
  action: 'admin.audit.f.action',
  entity: 'admin.audit.f.entity',
  entity_id: 'admin.audit.f.entity_id',
  from: 'admin.audit.f.from',
  to: 'admin.audit.f.to',
}

function AuditLog() {
  const { t } = useI18n()
  const id = useId()
  const [params, setParams] = useSearchParams()
  const filters = filtersFrom(params)
  const [draft, setDraft] = useState(filters)
  const [shown, setShown] = useState(params.toString())
  if (params.toString() !== shown) {
    setShown(params.toString())
    setDraft(filters)
  }
  const log = useAuditLog(filters)
  const events = log.data?.pages.flatMap((p) => p.items) ?? []

  function apply(event: FormEvent) {
    event.preventDefault()
    const next = new URLSearchParams()
    for (const name of FILTER_NAMES) if (draft[name].trim()) next.set(name, draft[name].trim())
    setParams(next)
  }

  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">{t('admin.audit.logTitle')}</h2>
      <form className="audit-filters" onSubmit={apply} aria-label={t('admin.audit.filters')}>
        {FILTER_NAMES.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${id}-${name}`}>{t(FILTER_LABELS[name])}</label>
            <input
              id={`${id}-${name}`}
              type={name === 'from' || name === 'to' ? 'date' : 'text'}
              value={draft[name]}
              placeholder={name === 'actor' ? 'user:1' : name === 'action' ? 'claimant.update' : name === 'entity' ? 'claimant' : undefined}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
            />
          </div>
        ))}
        <div className="actions">
          <button type="submit">{t('admin.audit.apply')}</button>
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      <p className="hint">{t('admin.audit.filterHint')}</p>
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.isSuccess && events.length === 0 && <p>{t('admin.audit.empty')}</p>}
      {events.length > 0 && <AuditTable events={events} />}
      {log.hasNextPage && (
        <button type="button" className="secondary more" aria-disabled={log.isFetchingNextPage || undefined} onClick={() => !log.isFetchingNextPage && void log.fetchNextPage()}>
          {log.isFetchingNextPage ? t('common.loading') : t('admin.audit.more')}
        </button>
      )}
      {log.isSuccess && !log.hasNextPage && events.length > 0 && <p className="hint">{t('admin.audit.end')}</p>}
    </section>
  )
}
