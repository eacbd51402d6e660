import { useId } from 'react'
import { formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { Difference } from './Difference'
import type { FieldProblem } from './fieldErrors'
import type { DamagePreviewState } from './useDamagePreview'

/**
 * What the inputs come to, recomputed by the server as the user types. Quiet on purpose: a polite status, no
 * alert on every keystroke; the reasons of a 422 are shown at the inputs, and here only those no input shows.
 */
export function DamagePreviewPanel({ state, elsewhere }: { state: DamagePreviewState; elsewhere: FieldProblem[] }) {
  const { t } = useI18n()
  const id = useId()
  const { result, error, incomplete, pending } = state
  const preview = result?.preview ?? null
  const problem = result?.problem ?? null
  const fieldCount = problem && Array.isArray(problem.problem.errors) ? problem.problem.errors.length : 0

  let status: string
  if (incomplete) status = t('preview.incomplete')
  else if (error) status = t('preview.unreachable')
  else if (problem) status = fieldCount > 0 ? t('preview.invalid', { count: fieldCount }) : t('preview.failed', { detail: problem.message })
  else if (preview) status = t('preview.amount', { amount: formatYen(preview.amount) })
  else status = t('preview.computing')

  return (
    <section className="damage-preview" aria-labelledby={`${id}-title`} aria-busy={pending || undefined}>
      <h5 id={`${id}-title`}>{t('preview.title')}</h5>
      <p role="status" className={problem || error ? 'preview-status problem' : 'preview-status'}>
        {status}
        {pending && !incomplete && <span className="hint"> {t('preview.updating')}</span>}
      </p>
      {preview && !problem && !incomplete && (
        <dl className="profile">
          <div className="dl-row">
            <dt>{t('damages.amount')}</dt>
            <dd className="amount">{formatYen(preview.amount)}</dd>
          </div>
          <div className="dl-row">
            <dt>{t('damages.formula')}</dt>
            <dd className="pre formula">{preview.formula}</dd>
          </div>
          <div className="dl-row">
            <dt>{t('damages.difference')}</dt>
            <dd>
              <Difference value={preview.difference} />
            </dd>
          </div>
        </dl>
      )}
      {problem && elsewhere.length > 0 && (
        <ul className="plain field-errors">
          {elsewhere.map((e, i) => (
            <li key={`${e.field}-${i}`}>
              {t('error.field')}: {e.field} — {e.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
