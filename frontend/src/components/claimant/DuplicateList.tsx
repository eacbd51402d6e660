import { useRef } from 'react'
import { Link } from 'react-router-dom'
import { claimsApi, unwrap } from '../../api/client'
import { useI18n } from '../../i18n/i18n'
import { useCanWriteClaims, useClaimant } from './claimantQueries'
import { useClaimantWrite } from './useClaimantWrite'
import { WriteFeedback } from '../WriteFeedback'

/**
 * Claimants that may be the same person (same registration number, e-mail, or near-same name and address),
 * each linked; users with claims:write dismiss a flag after checking the other claimant.
 */
export function DuplicateList({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const statusRef = useRef<HTMLDivElement>(null)
  const dismiss = useClaimantWrite(claimantId, async (otherId: number, headers) =>
    unwrap(
      await claimsApi.POST('/api/v1/claimants/{claimant_id}/duplicates/{other_id}/dismiss', {
        params: { path: { claimant_id: claimantId, other_id: otherId } },
        headers,
      }),
    ),
  )

  if (!claimant) return null
  const duplicates = claimant.duplicates

  function dismissFlag(otherId: number) {
    if (dismiss.isPending) return
    // the button goes away with the flag: keep the keyboard next to the result
    dismiss.mutate(otherId, { onSuccess: () => statusRef.current?.focus() })
  }

  return (
    <>
      {duplicates.length > 0 && (
        <div role="note" className="warning">
          <strong>{t('intake.duplicates')}</strong>
          <ul className="plain">
            {duplicates.map((d) => (
              <li key={d.claimant_id}>
                <Link to={`/claimants/${d.claimant_id}`}>
                  {t('intake.duplicateOf', {
                    id: String(d.claimant_id),
                    reasons: d.reasons.map((r) => label('duplicate', r)).join('・'),
                  })}
                </Link>
                {canWrite && (
                  <>
                    {' '}
                    <button type="button" onClick={() => dismissFlag(d.claimant_id)} aria-disabled={dismiss.isPending || undefined}>
                      {t('duplicates.dismiss')}
                      <span className="visually-hidden">{t('duplicates.dismissWhich', { id: d.claimant_id })}</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {canWrite && <p className="hint">{t('duplicates.dismissHint')}</p>}
        </div>
      )}
      {canWrite && (
        <div ref={statusRef} tabIndex={-1} className="duplicate-feedback">
          <WriteFeedback
            pending={dismiss.isPending}
            done={dismiss.isSuccess ? t('duplicates.dismissed', { id: dismiss.variables }) : null}
            error={dismiss.error}
          />
        </div>
      )}
    </>
  )
}
