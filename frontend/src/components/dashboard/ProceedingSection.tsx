import { Link } from 'react-router-dom'
import { formatCount, formatDate, formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { claimantsLink, type Dashboard } from './dashboard'

/** 手続ごとの請求額と手数料: per proceeding the vendor claim by legal basis, 訴額 and the filing fee (印紙代). */
export function ProceedingSection({ data }: { data: Dashboard }) {
  const { t, label } = useI18n()
  return (
    <section aria-labelledby="dashboard-proceedings" className="dashboard-section wide">
      <h2 id="dashboard-proceedings">{t('dashboard.proceedings.title')}</h2>
      {data.proceedings.length === 0 ? (
        <p>{t('dashboard.proceedings.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('dashboard.proceedings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.proceedings.name')}</th>
                <th scope="col" className="num">
                  {t('dashboard.proceedings.claimants')}
                </th>
                <th scope="col" className="num">
                  {t('basis.contract')}
                </th>
                <th scope="col" className="num">
                  {t('basis.unjust_enrichment')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.proceedings.claimValue')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.proceedings.fee')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.proceedings.map((p) => (
                <tr key={p.proceeding_id}>
                  <th scope="row">
                    {p.name}
                    <span className="hint block">
                      {[
                        label('hearings.proceedingKind', p.kind),
                        p.court,
                        p.case_number,
                        p.filed_on ? t('dashboard.proceedings.filedOn', { date: formatDate(p.filed_on) }) : null,
                      ]
                        .filter(Boolean)
                        .join(t('dashboard.metaSeparator'))}
                    </span>
                  </th>
                  <td className="num">
                    {p.claimants.total > 0 ? (
                      <Link to={claimantsLink({ proceedingId: p.proceeding_id })} aria-label={t('dashboard.stages.linkWhere', { where: p.name, count: p.claimants.total })}>
                        {t('dashboard.people', { count: formatCount(p.claimants.total) })}
                      </Link>
                    ) : (
                      t('dashboard.people', { count: 0 })
                    )}
                  </td>
                  <td className="num">{formatYen(p.contract_damages)}</td>
                  <td className="num">{formatYen(p.unjust_enrichment)}</td>
                  <td className="num">{formatYen(p.claim_value)}</td>
                  <td className="num">
                    {formatYen(p.filing_fee)}
                    <span className="hint block">{label('dashboard.feeKind', p.fee_kind)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">{t('dashboard.proceedings.hint')}</p>
    </section>
  )
}
