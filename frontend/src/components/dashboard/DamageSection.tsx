import { useId } from 'react'
import { formatCount as n, formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { BarChart } from './BarChart'
import type { Dashboard } from './dashboard'

/**
 * 損害費目別の合計: the vendor claim by damage head (a chart, and the table that is its text alternative), subtotals by
 * legal basis, and beside it what the offices claim from their insurers instead (not part of the vendor claim).
 */
export function DamageSection({ data }: { data: Dashboard }) {
  const { t, label } = useI18n()
  const tableId = useId()
  const d = data.damages
  return (
    <section aria-labelledby="dashboard-damages" className="dashboard-section wide">
      <h2 id="dashboard-damages">{t('dashboard.damages.title')}</h2>
      <div className="chart-and-table">
        <BarChart
          title={t('dashboard.damages.chart', { total: formatYen(d.vendor_total) })}
          tableId={tableId}
          bars={d.heads.map((h) => ({ key: h.head, label: label('head', h.head, h.label), value: h.vendor_amount, valueText: formatYen(h.vendor_amount) }))}
        />
        <div className="table-wrap">
          <table className="data" id={tableId}>
            <caption>{t('dashboard.damages.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('damages.head')}</th>
                <th scope="col">{t('damages.basis')}</th>
                <th scope="col" className="num">
                  {t('dashboard.damages.vendor')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.damages.items')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.damages.insurer')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.heads.map((h) => (
                <tr key={h.head}>
                  <th scope="row">{label('head', h.head, h.label)}</th>
                  <td>{label('basis', h.legal_basis)}</td>
                  <td className="num">{formatYen(h.vendor_amount)}</td>
                  <td className="num">{t('dashboard.damages.itemCount', { count: n(h.vendor_items) })}</td>
                  <td className="num">
                    {h.insurer_items > 0 ? (
                      <>
                        {formatYen(h.insurer_amount)}
                        <span className="hint block">{t('dashboard.damages.itemCount', { count: n(h.insurer_items) })}</span>
                      </>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {d.legal_bases.map((b) => (
                <tr key={b.legal_basis}>
                  <th scope="row" colSpan={2}>
                    {t('dashboard.damages.basisTotal', { basis: label('basis', b.legal_basis, b.label) })}
                  </th>
                  <td className="num">{formatYen(b.amount)}</td>
                  <td colSpan={2} />
                </tr>
              ))}
              <tr className="grand-total">
                <th scope="row" colSpan={2}>
                  {t('dashboard.damages.total')}
                </th>
                <td className="num">{formatYen(d.vendor_total)}</td>
                <td />
                <td className="num">{formatYen(d.insurer_total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
      <p className="hint">{t('dashboard.damages.hint')}</p>
    </section>
  )
}
