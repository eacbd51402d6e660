import { useId, useState } from 'react'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useChangeClaimedFrom } from './damageQueries'
import type { ClaimedFrom, DamageItem } from './drafts'

const CHOICES: readonly ClaimedFrom[] = ['vendor', 'insurer']

/**
 * 請求先 of one item (claims:write): a pair of toggle buttons, 「ベンダー（本件訴訟）」 and 「保険会社」; pressing the other
 * one saves it at once (PATCH claimed_from). Once the insurer has paid the item it holds the claim by subrogation:
 * the buttons are disabled and say why. A refusal (409) is shown with the API's detail.
 */
export function ClaimedFromControl({ claimantId, item, headName }: { claimantId: number; item: DamageItem; headName: string }) {
  const { t } = useI18n()
  const id = useId()
  const change = useChangeClaimedFrom(claimantId)
  const [done, setDone] = useState('')
  const settled = Boolean(item.settlement)

  function choose(next: ClaimedFrom) {
    if (change.isPending || settled || next === item.claimed_from) return
    setDone('')
    change.mutate(
      { itemId: item.id, claimedFrom: next },
      { onSuccess: (saved) => setDone(t(saved.claimed_from === 'insurer' ? 'claimedFrom.toInsurer' : 'claimedFrom.toVendor', { head: headName })) },
    )
  }

  return (
    <div className="claimed-from">
      <fieldset disabled={settled} aria-describedby={`${id}-hint`}>
        <legend>
          {t('claimedFrom.label')}
          <span className="visually-hidden">{t('damages.which', { head: headName })}</span>
        </legend>
        {CHOICES.map((choice) => {
          const current = item.claimed_from === choice
          return (
            <button
              key={choice}
              type="button"
              className={current ? 'chosen' : 'secondary'}
              aria-pressed={current}
              aria-disabled={change.isPending || undefined}
              onClick={() => choose(choice)}
            >
              {t(`claimedFrom.${choice}`)}
            </button>
          )
        })}
      </fieldset>
      <p id={`${id}-hint`} className="hint">
        {settled ? t('claimedFrom.settledReason') : t('claimedFrom.hint')}
      </p>
      <p role="status" className="write-status">
        {change.isPending ? t('write.saving') : done}
      </p>
      {change.isError && <ErrorAlert error={change.error} />}
    </div>
  )
}
