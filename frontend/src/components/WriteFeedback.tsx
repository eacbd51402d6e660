import type { ReactNode } from 'react'
import { isStale } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { type Overwritten } from './claimant/useClaimantWrite'
import { ErrorAlert } from './ErrorAlert'

/**
 * After a 412 that reloaded a form: which fields someone else changed, and which of the user's entries were not
 * saved (to type again), each by its label; or that what was typed is kept, when none of the form's fields changed.
 */
export function OverwrittenFields<K>({ overwritten, label }: { overwritten: Overwritten<K> | null; label: (field: K) => string }) {
  const { t } = useI18n()
  if (!overwritten) return null
  const list = (fields: K[]) => fields.map(label).join(t('forms.conflict.separator'))
  if (overwritten.theirs.length === 0) return <p>{t('forms.conflict.kept')}</p>
  return (
    <>
      <p>{t('forms.conflict.theirs', { fields: list(overwritten.theirs) })}</p>
      {overwritten.yours.length > 0 && <p>{t('forms.conflict.yours', { fields: list(overwritten.yours) })}</p>}
    </>
  )
}

/**
 * What came of a write (claimant page, exhibits, settings forms alike): a polite live region (always in the page,
 * so screen readers announce what is put into it) for the result, and an alert for an error — the 412 notice, or
 * the problem with its fields.
 */
export function WriteFeedback({
  pending = false,
  done,
  error,
  conflictTitle,
  conflictHint,
  conflict,
  children,
}: {
  /** says 「保存しています…」 in the live region; leave out when the submit button already says so */
  pending?: boolean
  /** the success message, when the last write succeeded */
  done: string | null
  error: unknown
  /** what the 412 notice says first, when not the claimant page's 「他の利用者が先に更新しました。…」 */
  conflictTitle?: string
  /** what the 412 notice ends with; null when the title already says what to do next */
  conflictHint?: string | null
  /** more about a 412 (e.g. the fields the reload changed), under the notice */
  conflict?: ReactNode
  /** more about the error (e.g. what a stage still needs), under the problem */
  children?: ReactNode
}) {
  const { t } = useI18n()
  const hint = conflictHint === undefined ? t('write.conflictHint') : conflictHint
  return (
    <>
      <p role="status" className="write-status">
        {pending ? t('write.saving') : (done ?? '')}
      </p>
      {error != null &&
        (isStale(error) ? (
          <div role="alert" className="notice">
            <p>{conflictTitle ?? t('write.conflict')}</p>
            {conflict}
            {hint !== null && <p className="hint">{hint}</p>}
          </div>
        ) : (
          <>
            <ErrorAlert error={error} />
            {children}
          </>
        ))}
    </>
  )
}
