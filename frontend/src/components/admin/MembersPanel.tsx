import { useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { isStale } from '../../api/client'
import { useDebounced } from '../../useDebounced'
import { useI18n } from '../../i18n/i18n'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ConfirmInline } from '../ConfirmInline'
import { useClaimantSearch } from '../documents/renderQueries'
import { ErrorAlert } from '../ErrorAlert'
import type { Proceeding } from './admin'
import { useAddMember, useMembers, useProceedingRecord, useRemoveMember } from './adminQueries'

/**
 * The members of a proceeding (petitioners / plaintiffs in number order), a search to add a claimant (claims:write)
 * and a confirmed removal (with the proceeding's ETag).
 */
export function MembersPanel({ caseId, proceeding, canWrite }: { caseId: number; proceeding: Proceeding; canWrite: boolean }) {
  const { t } = useI18n()
  const members = useMembers(caseId, proceeding.id)
  const record = useProceedingRecord(proceeding.id)
  const remove = useRemoveMember(caseId, proceeding.id)
  const [confirming, setConfirming] = useState<number | null>(null)
  const memberIds = new Set((members.data ?? []).map((m) => m.claimant_id))
  // the removed row and its confirmation go away: the focus goes to what was said (or to the heading after an error)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)

  return (
    <section className="member-panel" aria-labelledby={`members-${proceeding.id}`}>
      <h3 id={`members-${proceeding.id}`} ref={headingRef} tabIndex={-1}>
        {t('admin.members.title', { name: proceeding.name })}
      </h3>
      {canWrite && <AddMember caseId={caseId} proceeding={proceeding} memberIds={memberIds} />}
      {members.isError && <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />}
      {members.isPending && <p role="status">{t('common.loading')}</p>}
      {/* removing needs the proceeding's ETag: without it every 除外 is inactive, so say why and offer a retry */}
      {canWrite && record.isError && (
        <>
          <p className="notice">{t('admin.members.recordFailed')}</p>
          <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
        </>
      )}
      {remove.isError && (isStale(remove.error) ? <p className="notice" role="alert">{t('admin.stale')}</p> : <ErrorAlert error={remove.error} />)}
      <p role="status" className="write-status" ref={statusRef} tabIndex={-1}>
        {remove.isPending ? t('admin.members.removing') : remove.isSuccess ? t('admin.members.removed') : ''}
      </p>
      {members.data && members.data.length === 0 && <p>{t('admin.members.empty')}</p>}
      {members.data && members.data.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('admin.members.caption', { count: members.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('admin.members.number')}
                </th>
                <th scope="col">{t('admin.members.name')}</th>
                <th scope="col">{t('admin.members.office')}</th>
                {canWrite && <th scope="col">{t('admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.claimant_id}>
                  <td className="num">{m.number}</td>
                  <th scope="row">
                    <Link to={`/claimants/${m.claimant_id}`}>{m.name}</Link>
                  </th>
                  <td>{m.office_name ?? t('common.none')}</td>
                  {canWrite && (
                    <td>
                      <ConfirmInline
                        trigger={
                          <>
                            {t('admin.members.remove')}
                            <span className="visually-hidden">{t('admin.which', { name: m.name })}</span>
                          </>
                        }
                        question={t('admin.members.removeConfirm', { name: m.name, proceeding: proceeding.name })}
                        confirmLabel={t('admin.members.removeYes')}
                        cancelLabel={t('admin.cancel')}
                        danger
                        triggerClassName="secondary"
                        pending={remove.isPending}
                        disabled={!record.data}
                        open={confirming === m.claimant_id}
                        onOpenChange={(open) => {
                          if (open) remove.reset()
                          setConfirming(open ? m.claimant_id : null)
                        }}
                        onConfirm={() =>
                          remove.mutate(
                            { claimantId: m.claimant_id, etag: record.data?.etag ?? null },
                            {
                              onSuccess: () => statusRef.current?.focus(),
                              onError: () => headingRef.current?.focus(),
                              onSettled: () => setConfirming(null),
                            },
                          )
                        }
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function AddMember({ caseId, proceeding, memberIds }: { caseId: number; proceeding: Proceeding; memberIds: Set<number> }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 250)
  const search = useClaimantSearch(caseId, q)
  const add = useAddMember(caseId, proceeding.id)
  // 追加 becomes 追加済み: the focus goes to what was said
  const statusRef = useRef<HTMLParagraphElement>(null)
  const keys = useRef(new Map<number, string>())
  const keyFor = (claimantId: number) => {
    const known = keys.current.get(claimantId)
    if (known) return known
    const made = newIdempotencyKey()
    keys.current.set(claimantId, made)
    return made
  }

  return (
    <div className="member-search">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('admin.members.search')}</label>
        <input id={`${id}-q`} type="search" value={text} aria-describedby={`${id}-hint`} onChange={(e) => setText(e.target.value)} />
        <span id={`${id}-hint`} className="hint">
          {t('admin.members.searchHint')}
        </span>
      </div>
      {search.isError && <ErrorAlert error={search.error} />}
      {q !== '' && search.data && (
        <ul aria-label={t('admin.members.results')}>
          {search.data.items.length === 0 && <li>{t('admin.members.noResults')}</li>}
          {search.data.items.map((c) => (
            <li key={c.id}>
              <span>
                {c.office_name ? t('admin.members.nameOffice', { name: c.name, office: c.office_name }) : c.name}
              </span>
              {memberIds.has(c.id) ? (
                <span className="hint">{t('admin.members.already')}</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  aria-disabled={add.isPending || undefined}
                  onClick={() => {
                    if (add.isPending) return
                    add.mutate(
                      { claimantId: c.id, idempotencyKey: keyFor(c.id) },
                      {
                        onSuccess: () => {
                          keys.current.delete(c.id)
                          statusRef.current?.focus()
                        },
                      },
                    )
                  }}
                >
                  {t('admin.members.add')}
                  <span className="visually-hidden">{t('admin.which', { name: c.name })}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="write-status" ref={statusRef} tabIndex={-1}>
        {add.isPending ? t('admin.members.adding') : add.isSuccess ? t('admin.members.added', { number: add.data.number }) : ''}
      </p>
      {add.isError && <ErrorAlert error={add.error} />}
    </div>
  )
}
