import type { UseQueryResult } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { formatDate, formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { CAMPAIGN_PAGE_SIZE } from '../campaigns/campaignQueries'
import type { Campaign } from '../campaigns/campaigns'
import { OfficeName } from '../campaigns/OfficeName'
import { ErrorAlert } from '../ErrorAlert'
import { hearingKindKey } from '../hearings/hearings'
import { agenda, OVERDUE_SHOWN_DAYS, type AgendaItem, type Dashboard } from './dashboard'

type CampaignList = UseQueryResult<{ items: Campaign[]; total: number }>

function DaysLeft({ days }: { days: number }) {
  const { t } = useI18n()
  if (days < 0) return <strong className="days overdue">{t('dashboard.agenda.overdue', { days: -days })}</strong>
  if (days === 0) return <strong className="days today">{t('dashboard.agenda.today')}</strong>
  return <span className="days">{t('dashboard.agenda.daysLeft', { days })}</span>
}

function What({ item }: { item: AgendaItem }) {
  const { t } = useI18n()
  if (item.type === 'hearing') {
    const h = item.hearing
    return (
      <>
        <Link to={`/hearings?hearing=${h.hearing_id}`}>
          {t('dashboard.agenda.hearing', { kind: t(hearingKindKey(h.kind)), proceeding: h.proceeding_name })}
        </Link>
        <span className="hint block">{h.place}</span>
      </>
    )
  }
  const c = item.campaign
  return (
    <>
      <Link to={`/campaigns/${c.id}`}>
        {t(item.type === 'preliminary' ? 'dashboard.agenda.preliminary' : 'dashboard.agenda.final')}
      </Link>
      <span className="block agenda-office">
        {t('dashboard.agenda.for')}
        <OfficeName claimantId={c.claimant_id} />
      </span>
      <span className="hint block">
        {item.type === 'preliminary'
          ? t('dashboard.agenda.preliminaryWindow', { from: formatDate(c.deadlines.preliminary_from), by: formatDate(c.deadlines.preliminary_by) })
          : t('dashboard.agenda.finalOuter', { outer: formatDate(c.deadlines.final_outer_limit) })}
      </span>
    </>
  )
}

/**
 * 期日・期限: the next hearings of the case (claims-api) and the due dates of the reports to the PPC of the case's
 * breach-notice campaigns (notify's list of them, the newest page), earliest first, with the days left; a passed
 * deadline stands out.
 */
export function AgendaSection({ data, campaigns }: { data: Dashboard; campaigns: CampaignList }) {
  const { t } = useI18n()
  const items = agenda(data.today, data.hearings, campaigns.data?.items ?? [])
  const more = (campaigns.data?.total ?? 0) > CAMPAIGN_PAGE_SIZE
  return (
    <section aria-labelledby="dashboard-agenda" className="dashboard-section">
      <h2 id="dashboard-agenda">{t('dashboard.agenda.title')}</h2>
      <p className="hint">{t('dashboard.agenda.asOf', { date: formatDate(data.today) })}</p>
      {campaigns.isError && <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
      {campaigns.isPending && <p role="status">{t('dashboard.agenda.loadingDeadlines')}</p>}
      {items.length === 0 ? (
        <p>{t('dashboard.agenda.empty')}</p>
      ) : (
        <ol className="agenda" aria-label={t('dashboard.agenda.list')}>
          {items.map((item) => (
            <li key={item.key} className={item.days < 0 ? 'overdue' : undefined}>
              <span className="agenda-when">
                {item.type === 'hearing' ? (
                  <time dateTime={item.hearing.starts_at}>{formatDateTime(item.hearing.starts_at)}</time>
                ) : (
                  <time dateTime={item.day}>{formatDate(item.day)}</time>
                )}
                <DaysLeft days={item.days} />
              </span>
              <span className="agenda-what">
                <What item={item} />
              </span>
            </li>
          ))}
        </ol>
      )}
      <p className="hint">
        {t('dashboard.agenda.hint', { days: OVERDUE_SHOWN_DAYS })}
        {more && (
          <>
            {' '}
            {t('dashboard.agenda.more', { count: CAMPAIGN_PAGE_SIZE })} <Link to="/campaigns">{t('campaigns.nav')}</Link>
          </>
        )}
      </p>
    </section>
  )
}
