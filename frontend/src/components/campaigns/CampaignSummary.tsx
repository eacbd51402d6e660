import type { ReactNode } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { campaignStatusKey, type Campaign } from './campaigns'
import { Deadlines } from './Deadlines'
import { OfficeName } from './OfficeName'

function Row({ term, children, pre }: { term: string; children: ReactNode; pre?: boolean }) {
  return (
    <div className="dl-row">
      <dt>{term}</dt>
      <dd className={pre ? 'pre' : undefined}>{children}</dd>
    </div>
  )
}

/** What the campaign's notices say (frozen once it is launched), who sends them, and the PPC report deadlines. */
export function CampaignSummary({ campaign: c }: { campaign: Campaign }) {
  const { t } = useI18n()
  const none = t('common.none')
  const s = c.sender
  const contact = c.contact
  return (
    <section aria-labelledby="campaign-content-title" className="campaign-summary">
      <h2 id="campaign-content-title">{t('campaigns.summary.title')}</h2>
      <dl className="profile">
        <Row term={t('campaigns.summary.status')}>{t(campaignStatusKey(c.status))}</Row>
        <Row term={t('campaigns.summary.office')}>
          <OfficeName claimantId={c.claimant_id} />
        </Row>
        <Row term={t('campaigns.summary.launchedAt')}>{c.launched_at ? formatDateTime(c.launched_at) : t('campaigns.summary.notLaunched')}</Row>
        <Row term={t('campaigns.summary.createdAt')}>{formatDateTime(c.created_at)}</Row>
      </dl>

      <h3>{t('campaigns.deadlines.title')}</h3>
      <Deadlines campaign={c} />

      <h3>{t('campaigns.summary.notice')}</h3>
      {c.status === 'sending' && <p className="hint">{t('campaigns.summary.frozen')}</p>}
      <dl className="profile notice-content">
        <Row term={t('campaigns.form.noticeTitle')}>{c.title}</Row>
        <Row term={t('campaigns.form.sender')}>
          {s.postal_code && <span className="block">〒{s.postal_code}</span>}
          <span className="block">{s.address}</span>
          <span className="block">{s.name}</span>
          {s.representative && <span className="block">{s.representative}</span>}
        </Row>
        <Row term={t('campaigns.form.overview')} pre>
          {c.overview}
        </Row>
        <Row term={t('campaigns.form.dataItems')}>
          <ul className="plain">
            {c.data_items.map((i) => (
              <li key={i.key}>
                {i.label}
                <span className="hint">（{i.key}）</span>
              </li>
            ))}
          </ul>
        </Row>
        <Row term={t('campaigns.form.cause')} pre>
          {c.cause}
        </Row>
        <Row term={t('campaigns.form.secondaryHarm')} pre>
          {c.secondary_harm}
        </Row>
        <Row term={t('campaigns.form.measures')} pre>
          {c.measures || none}
        </Row>
        <Row term={t('campaigns.form.other')} pre>
          {c.other || none}
        </Row>
        <Row term={t('campaigns.form.contact')}>
          <span className="block">{contact.desk}</span>
          {contact.phone && <span className="block">{t('campaigns.summary.phone', { phone: contact.phone })}</span>}
          {contact.email && <span className="block">{t('campaigns.summary.email', { email: contact.email })}</span>}
          {contact.hours && <span className="block">{t('campaigns.summary.hours', { hours: contact.hours })}</span>}
          {contact.address && <span className="block">{contact.address}</span>}
        </Row>
        <Row term={t('campaigns.form.unlawfulPurposeShort')}>{c.unlawful_purpose ? t('common.yes') : t('common.no')}</Row>
      </dl>
    </section>
  )
}
