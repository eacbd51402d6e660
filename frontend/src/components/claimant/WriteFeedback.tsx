import type { ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { isConflict } from './useClaimantWrite'

/**
 * What came of a write: a polite live region (always in the page, so screen readers announce what is put
 * into it) for the result, and an alert for an error — the 412 notice, or the problem with its fields.
 */
export function WriteFeedback({
  pending,
  done,
  error,
  children,
}: {
  pending: boolean
  /** the success message, when the last write succeeded */
  done: string | null
  error: unknown
  /** more about the error (e.g. what a stage still needs), under the problem */
  children?: ReactNode
}) {
  const { t } = useI18n()
  return (
    <>
      <p role="status" className="write-status">
        {pending ? t('write.saving') : (done ?? '')}
      </p>
      {error != null &&
        (isConflict(error) ? (
          <div role="alert" className="notice">
            <p>{t('write.conflict')}</p>
            <p className="hint">{t('write.conflictHint')}</p>
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
