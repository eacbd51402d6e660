import { Link } from 'react-router-dom'
import { formatCount as n } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { claimantsLink, type Dashboard } from './dashboard'

/** 要対応: how many claimants miss a checklist item, have an open deficiency note, or an open duplicate flag. */
export function AttentionSection({ data }: { data: Dashboard }) {
  const { t } = useI18n()
  const a = data.attention
  return (
    <section aria-labelledby="dashboard-attention" className="dashboard-section">
      <h2 id="dashboard-attention">{t('dashboard.attention.title')}</h2>
      <ul className="attention">
        <li>
          <span className="attention-what">{t('dashboard.attention.missing')}</span>{' '}
          {a.missing_items > 0 ? (
            <Link to={claimantsLink({ missing: true })}>{t('dashboard.people', { count: n(a.missing_items) })}</Link>
          ) : (
            t('dashboard.people', { count: 0 })
          )}
        </li>
        <li>
          <span className="attention-what">{t('dashboard.attention.deficiencies')}</span>{' '}
          {t('dashboard.people', { count: n(a.open_deficiencies) })}
          {a.overdue_deficiencies > 0 && (
            <strong className="overdue"> {t('dashboard.attention.overdue', { count: n(a.overdue_deficiencies) })}</strong>
          )}
        </li>
        <li>
          <span className="attention-what">{t('dashboard.attention.duplicates')}</span>{' '}
          {a.duplicate_flags > 0 ? (
            <Link to={claimantsLink({ flagged: true })}>{t('dashboard.people', { count: n(a.duplicate_flags) })}</Link>
          ) : (
            t('dashboard.people', { count: 0 })
          )}
        </li>
      </ul>
    </section>
  )
}
