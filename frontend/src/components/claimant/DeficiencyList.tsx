import { useId, useRef, useState, type FormEvent } from 'react'
import { claimsApi, unwrap } from '../../api/client'
import type { components } from '../../api/claims-api'
import { formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { todayInTokyo, useCanWriteClaims, useClaimant } from './claimantQueries'
import { fieldError, newIdempotencyKey, useClaimantWrite } from './useClaimantWrite'
import { WriteFeedback } from '../WriteFeedback'

type Deficiency = components['schemas']['DeficiencyRead']
type DeficiencyCreate = components['schemas']['DeficiencyCreate']

/**
 * The claimant's open deficiency notes (what is wrong, and the deadline to cure it). Users with
 * claims:write mark a note resolved, or add one.
 */
export function DeficiencyList({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const [today] = useState(todayInTokyo)
  // A note is its own record: resolving it sends no claimant If-Match (a note resolved meanwhile is a 409).
  const resolve = useClaimantWrite(claimantId, async (deficiency: Deficiency) =>
    unwrap(
      await claimsApi.POST('/api/v1/claimants/{claimant_id}/deficiencies/{deficiency_id}/resolve', {
        params: { path: { claimant_id: claimantId, deficiency_id: deficiency.id } },
      }),
    ),
  )

  if (!claimant) return null
  const open = claimant.deficiencies

  function markResolved(deficiency: Deficiency) {
    if (resolve.isPending) return
    resolve.mutate(deficiency, {
      // the button goes away with the note: keep the keyboard in this part of the page
      onSuccess: () => headingRef.current?.focus(),
    })
  }

  return (
    <div className="deficiencies">
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('intake.deficiencies')}
      </h3>
      {open.length === 0 ? (
        <p>{t('intake.noDeficiency')}</p>
      ) : (
        <ul className="plain deficiency-list" aria-labelledby={`${id}-title`}>
          {open.map((d) => (
            <li key={d.id}>
              <span className="reason pre">
                {d.reason}（{t('intake.cureBy', { date: formatDate(d.cure_by) })}）
              </span>
              {d.cure_by < today && <strong className="overdue"> {t('deficiency.overdue')}</strong>}
              {canWrite && (
                <>
                  {' '}
                  <button type="button" onClick={() => markResolved(d)} aria-disabled={resolve.isPending || undefined}>
                    {t('deficiency.resolve')}
                    <span className="visually-hidden">{t('deficiency.resolveWhich', { reason: d.reason })}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <>
          <WriteFeedback
            pending={resolve.isPending}
            done={resolve.isSuccess ? t('deficiency.resolved', { reason: resolve.variables.reason }) : null}
            error={resolve.error}
          />
          <DeficiencyForm claimantId={claimantId} today={today} />
        </>
      )}
    </div>
  )
}

/** Adds a deficiency note; one Idempotency-Key per note, kept for retries of the same note. */
function DeficiencyForm({ claimantId, today }: { claimantId: number; today: string }) {
  const { t } = useI18n()
  const id = useId()
  const [reason, setReason] = useState('')
  const [cureBy, setCureBy] = useState('')
  const attempt = useRef<{ body: string; key: string } | null>(null)
  // A new note changes nothing anyone else wrote: no If-Match; the Idempotency-Key makes a retry safe.
  const add = useClaimantWrite(claimantId, async (body: DeficiencyCreate) => {
    const text = JSON.stringify(body)
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() }
    return unwrap(
      await claimsApi.POST('/api/v1/claimants/{claimant_id}/deficiencies', {
        params: { path: { claimant_id: claimantId }, header: { 'idempotency-key': attempt.current.key } },
        body,
      }),
    )
  })

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (add.isPending) return
    add.mutate(
      { reason: reason.trim(), cure_by: cureBy },
      {
        onSuccess: () => {
          attempt.current = null
          setReason('')
          setCureBy('')
        },
      },
    )
  }

  const invalid = (field: string) => fieldError(add.error, field) || undefined
  return (
    <form onSubmit={submit} aria-busy={add.isPending} className="claimant-form">
      <fieldset>
        <legend>{t('deficiency.add')}</legend>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('deficiency.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            required
            maxLength={2000}
            value={reason}
            aria-invalid={invalid('reason')}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cure-by`}>{t('deficiency.cureBy')}</label>
          <input
            id={`${id}-cure-by`}
            type="date"
            required
            min={today}
            value={cureBy}
            aria-invalid={invalid('cure_by')}
            onChange={(e) => setCureBy(e.target.value)}
          />
        </div>
        <button type="submit" aria-disabled={add.isPending || undefined}>
          {t('deficiency.submit')}
        </button>
      </fieldset>
      <WriteFeedback
        pending={add.isPending}
        done={add.isSuccess ? t('deficiency.added', { date: formatDate(add.data.cure_by) }) : null}
        error={add.error}
      />
    </form>
  )
}
