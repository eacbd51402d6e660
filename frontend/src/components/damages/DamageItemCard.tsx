import type { ReactNode } from 'react'
import { formatDate, formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { Difference } from './Difference'
import type { DamageItem } from './drafts'

function Row({ term, children, className }: { term: string; children: ReactNode; className?: string }) {
  return (
    <div className={`dl-row${className ? ` ${className}` : ''}`}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** "2023-06" → 2023年6月 */
function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  return m ? `${Number(m[1])}年${Number(m[2])}月` : month
}

/** Where the item is claimed, when not (only) from the vendor: from the insurer, and what the insurer paid. */
export function ClaimBadges({ item }: { item: DamageItem }) {
  const { t } = useI18n()
  const { settlement } = item
  if (item.claimed_from !== 'insurer' && !settlement) return null
  return (
    <ul className="claim-badges">
      {item.claimed_from === 'insurer' && <li className="badge insurer">{t('claimedFrom.badgeInsurer')}</li>}
      {settlement && (
        <li className="badge settled">
          {t('claimedFrom.badgeSettled', { amount: formatYen(settlement.paid_amount), date: formatDate(settlement.paid_on) })}
        </li>
      )}
    </ul>
  )
}

/** One damage item as the schedule shows it: where it is claimed (when from the insurer), amount, 計算式, the
 * office's figure and the difference, facts and exhibits. */
export function DamageItemCard({ item, claimantUsableOn }: { item: DamageItem; claimantUsableOn: string | null }) {
  const { t } = useI18n()
  const none = t('common.none')
  const differs = item.difference !== null && item.difference !== 0
  const fee = item.head === 'fee_difference' && item.inputs && 'monthly_fee' in item.inputs ? item.inputs : null
  return (
    <>
      <ClaimBadges item={item} />
      <dl className="profile damage-item">
        <Row term={t('damages.amount')} className="amount">
          {formatYen(item.amount)}
        </Row>
        <Row term={t('damages.formula')}>
          <span className="pre formula">{item.formula || none}</span>
          {item.inputs === null && <span className="hint legacy">{t('damages.legacy')}</span>}
        </Row>
        {fee && (
          <>
            <Row term={t('fee.usableOn')}>
              {fee.usable_on ? formatDate(fee.usable_on) : t('fee.usableOnFollows', { date: formatDate(claimantUsableOn) })}
            </Row>
            <Row term={t('fee.unbilledMonths')}>{fee.unbilled_months.length ? fee.unbilled_months.map(formatMonth).join('、') : none}</Row>
          </>
        )}
        <Row term={t('damages.declared')}>{item.declared_amount === null ? none : formatYen(item.declared_amount)}</Row>
        <Row term={t('damages.difference')} className={differs ? 'differs-row' : undefined}>
          <Difference value={item.difference} />
        </Row>
        <Row term={t('damages.facts')}>
          <span className="pre">{item.facts || none}</span>
        </Row>
        <Row term={t('damages.exhibits')}>
          {item.exhibits.length ? item.exhibits.map((e) => e.label).join('、') : none}
          <span className="hint">{t('damages.exhibitSlot', { slot: item.exhibit_slot })}</span>
        </Row>
      </dl>
    </>
  )
}
