import { formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'

/** The computed amount minus the office's own figure: marked (in words, not only in colour) when they differ. */
export function Difference({ value }: { value: number | null | undefined }) {
  const { t } = useI18n()
  if (value === null || value === undefined) return <>{t('damages.noDeclared')}</>
  if (value === 0) return <span className="same">{t('damages.same')}</span>
  const amount = `${value > 0 ? '+' : '−'}${formatYen(Math.abs(value))}`
  return (
    <strong className="differs">
      {amount}
      {value > 0 ? t('damages.computedMore') : t('damages.declaredMore')}
    </strong>
  )
}
