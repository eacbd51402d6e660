import './profile.css'
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { claimsApi, unwrap } from '../../api/client'
import type { components } from '../../api/claims-api'
import { formatDate, formatDateTime, formatList, formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { ErrorAlert } from '../ErrorAlert'
import { diff, type Json } from './auditDiff'
import { useMe } from './claimantQueries'
import { PROFILE_FIELD_LABELS } from './fieldLabels'

/** Field names as the page labels them (claimant fields, damage item fields). */
const FIELD: Record<string, MessageKey> = {
  ...PROFILE_FIELD_LABELS,
  stage: 'claimantPage.audit.field.stage',
  received_on: 'claimantPage.audit.field.receivedOn',
  amount: 'claimantPage.audit.field.amount',
  declared_amount: 'claimantPage.audit.field.declaredAmount',
  facts: 'claimantPage.audit.field.facts',
  exhibits: 'claimantPage.audit.field.exhibits',
  claimed_from: 'claimantPage.audit.field.claimedFrom',
  inputs: 'claimantPage.audit.field.inputs',
  paid_amount: 'claimantPage.audit.field.paidAmount',
  paid_on: 'claimantPage.audit.field.paidOn',
  label: 'claimantPage.audit.field.label',
  slot: 'claimantPage.audit.field.slot',
  title: 'claimantPage.exhibit.title',
  original_or_copy: 'claimantPage.exhibit.originalOrCopy',
  made_on: 'claimantPage.exhibit.madeOn',
  author: 'claimantPage.exhibit.author',
  purpose: 'claimantPage.exhibit.purpose',
  note: 'claimantPage.exhibit.note',
}

type HistoryEvent = components['schemas']['ClaimantHistoryEvent']
type Subject = NonNullable<HistoryEvent['subject']>

/** What an entry carries that the page names otherwise (by its subject, or not at all: ids, hashes, the label an
 * exhibit had when its file was uploaded, the import's encoding and mode). */
const HIDDEN = new Set(['item_id', 'case_id', 'claimant_id', 'head', 'label', 'sha256', 'file_sha256', 'claimant_block', 'encoding', 'mode'])
/** What the insurer's partner API records when it reads the claimant (see claims-api's partner service). */
const PARTNER_READS = new Set(['partner.claims.list', 'partner.claims.read', 'partner.claims.not_modified', 'partner.changes.read'])

const YEN = /(^|\.)(amount|declared_amount|paid_amount|hourly_rate|monthly_fee|old_fee|new_fee)$/
const DATE = /(^|\.)(received_on|paid_on|cure_by|service_usable_on|made_on)$/

/**
 * 変更履歴: the audit entries about the claimant and its damage items, exhibits (and their files), proceeding
 * memberships and the insurer's settlements, newest first, with what changed; the insurer's reads on request (there
 * may be many). For everyone who may read the claimant (claims:read).
 */
export function ClaimantAudit({ claimantId }: { claimantId: number }) {
  const canRead = useMe().data?.scopes.includes('claims:read') ?? false
  if (!canRead) return null
  return <AuditTable claimantId={claimantId} />
}

function AuditTable({ claimantId }: { claimantId: number }) {
  const { t, label, lang } = useI18n()
  const queryClient = useQueryClient()
  const [partnerReads, setPartnerReads] = useState(false)
  const queryKey = ['claimant', claimantId, 'audit', { partnerReads }]
  // a change made on the page (any write that succeeded) is read again from the log
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void queryClient.invalidateQueries({ queryKey: ['claimant', claimantId, 'audit'] })
        }
      }),
    [queryClient, claimantId],
  )
  const events = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await claimsApi.GET('/api/v1/claimants/{claimant_id}/history', {
          params: {
            path: { claimant_id: claimantId },
            query: { partner_reads: partnerReads, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // the table stays while the insurer's reads are added or taken out (never another claimant's meanwhile)
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === claimantId ? previous : undefined),
  })

  // inputs.lines[0].hours → 入力 1行目 時間
  const fieldName = (path: string) =>
    path
      .split('.')
      .map((segment, i) => {
        const [, base, index] = /^(.*?)(?:\[(\d+)\])?$/.exec(segment) ?? [segment, segment, undefined]
        const named = i === 0 && FIELD[base] ? t(FIELD[base]) : base === 'lines' ? '' : label('claimantPage.audit.input', base, base)
        const nth = index === undefined ? '' : t('claimantPage.audit.line', { n: Number(index) + 1 })
        return [named, nth].filter(Boolean).join(' ')
      })
      .filter(Boolean)
      .join(' ')
  const show = (path: string, value: Json | undefined): string => {
    if (value === undefined || value === null || value === '') return t('common.none')
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
    if (typeof value === 'number' && YEN.test(path)) return formatYen(value)
    if (typeof value === 'string' && DATE.test(path) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value)
    if (typeof value === 'string' && path === 'stage') return label('stage', value)
    if (typeof value === 'string' && path === 'claimed_from') return label('claimedFrom', value)
    if (typeof value === 'string' && path === 'original_or_copy') return label('claimantPage.exhibit', value)
    if (typeof value === 'number' && path === 'slot') return label('claimantPage.slot', String(value))
    if (typeof value === 'number' && path === 'size') return t('claimantPage.file.bytes', { bytes: value.toLocaleString('ja-JP') })
    return typeof value === 'string' ? value : JSON.stringify(value)
  }

  // 証拠 甲第3号証の2 勤怠記録 / 損害項目 人件費 / 手続 第1次調停 / 重複候補の原告（原告番号 12）
  const about = (subject: Subject) => {
    switch (subject.kind) {
      case 'exhibit':
        return t('claimantPage.audit.subject.exhibit', { label: subject.label ?? '', title: subject.title ?? '' })
      case 'damage_item':
        return t('claimantPage.audit.subject.damageItem', { head: subject.head ? label('head', subject.head) : '' })
      case 'proceeding':
        return t('claimantPage.audit.subject.proceeding', { name: subject.label ?? '' })
      case 'claimant':
        return (
          <Link to={`/claimants/${subject.id}`}>{t('claimantPage.audit.subject.duplicate', { id: subject.id })}</Link>
        )
    }
  }

  const items = events.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section aria-labelledby="audit-title" className="claimant-audit">
      <h2 id="audit-title">{t('claimantPage.audit.title')}</h2>
      <p className="hint">{t('claimantPage.audit.hint')}</p>
      <label className="check">
        <input type="checkbox" checked={partnerReads} onChange={(e) => setPartnerReads(e.target.checked)} />
        {t('claimantPage.audit.partnerReads')}
      </label>
      {events.isError && <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />}
      {events.isLoading && <p role="status">{t('common.loading')}</p>}
      {events.data && items.length === 0 && <p>{t('claimantPage.audit.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data audit-table">
            <caption className="visually-hidden">{t('claimantPage.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('claimantPage.audit.at')}</th>
                <th scope="col">{t('claimantPage.audit.actor')}</th>
                <th scope="col">{t('claimantPage.audit.action')}</th>
                <th scope="col">{t('claimantPage.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const detail = e.detail as Record<string, Json>
                const { before, after, fields, other_id, ...rest } = detail
                const changes = diff(before, after)
                const read = PARTNER_READS.has(e.action)
                return (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{label('claimantPage.audit.action', e.action, e.action)}</td>
                    <td>
                      <ul className="plain audit-detail">
                        {e.subject && <li className="audit-subject">{about(e.subject)}</li>}
                        {Array.isArray(fields) && (
                          <li>
                            {read
                              ? t('claimantPage.audit.readFields', { fields: formatList(fields.map(String), lang) })
                              : t('claimantPage.audit.fields', { fields: formatList(fields.map((f) => fieldName(String(f))), lang) })}
                          </li>
                        )}
                        {!e.subject && other_id !== undefined && (
                          <li>{`${t('claimantPage.audit.detail.other_id')}: ${show('other_id', other_id)}`}</li>
                        )}
                        {Object.entries(rest)
                          .filter(([key, value]) => !HIDDEN.has(key) && !(Array.isArray(value) && value.length === 0))
                          .map(([key, value]) => (
                            <li key={key}>
                              {key === 'item' && typeof value === 'string'
                                ? t('claimantPage.audit.item', { item: label('checklist', value) })
                                : `${label('claimantPage.audit.detail', key, key)}: ${show(key, value)}`}
                            </li>
                          ))}
                        {changes.map((c) => (
                          <li key={c.path} className="audit-change">
                            {fieldName(c.path)}: <span className="before">{show(c.path, c.before)}</span> →{' '}
                            <span className="after">{show(c.path, c.after)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <button type="button" onClick={() => void events.fetchNextPage()} aria-disabled={events.isFetchingNextPage || undefined}>
          {t('claimantPage.audit.more')}
        </button>
      )}
    </section>
  )
}
