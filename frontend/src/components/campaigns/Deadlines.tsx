import { formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { Campaign } from './campaigns'

/**
 * The reports to the PPC (規則8条) the campaign's day of knowledge sets: the 速報's window and the 確報's due date,
 * with its outer limit explained (the day of knowledge counted as day 1, or not counted, 民法140条).
 */
export function Deadlines({ campaign }: { campaign: Pick<Campaign, 'deadlines' | 'became_known_on' | 'unlawful_purpose'> }) {
  const { t } = useI18n()
  const d = campaign.deadlines
  return (
    <dl className="profile deadlines">
      <div className="dl-row">
        <dt>{t('campaigns.deadlines.becameKnownOn')}</dt>
        <dd>{formatDate(campaign.became_known_on)}</dd>
      </div>
      <div className="dl-row">
        <dt>{t('campaigns.deadlines.preliminary')}</dt>
        <dd>
          {t('campaigns.deadlines.window', { from: formatDate(d.preliminary_from), by: formatDate(d.preliminary_by) })}
          <span className="hint block">{t('campaigns.deadlines.preliminaryHint')}</span>
        </dd>
      </div>
      <div className="dl-row">
        <dt>{t('campaigns.deadlines.final')}</dt>
        <dd>
          <strong>{formatDate(d.final_due)}</strong>
          <span className="hint block">
            {t(campaign.unlawful_purpose ? 'campaigns.deadlines.finalHint60' : 'campaigns.deadlines.finalHint30', {
              days: d.final_days,
              outer: formatDate(d.final_outer_limit),
            })}
          </span>
        </dd>
      </div>
    </dl>
  )
}
