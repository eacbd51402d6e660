import { useId } from 'react'
import { Link } from 'react-router-dom'
import { formatCount } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { BarChart } from './BarChart'
import { claimantsLink, type ClaimantsByStage, type Dashboard, type Stage } from './dashboard'

/** A count, linked to the claimants it counts when there are any. */
function CountLink({ count, to, label }: { count: number; to: string; label: string }) {
  const { t } = useI18n()
  const text = t('dashboard.people', { count: formatCount(count) })
  if (count === 0) return <>{text}</>
  return (
    <Link to={to} aria-label={label}>
      {text}
    </Link>
  )
}

/** 手続段階別の原告数: the chart of the whole case, and the table by proceeding (the chart's text alternative). */
export function StageSection({ data }: { data: Dashboard }) {
  const { t, label } = useI18n()
  const tableId = useId()
  const stageName = (stage: Stage, fallback: string) => label('stage', stage, fallback)
  const count = (by: ClaimantsByStage, stage: Stage) => by.stages.find((s) => s.stage === stage)?.count ?? 0
  const columns = [
    ...data.proceedings.map((p) => ({ key: `p${p.proceeding_id}`, name: p.name, by: p.claimants, filter: { proceedingId: p.proceeding_id } })),
    { key: 'none', name: t('dashboard.stages.none'), by: data.not_in_proceeding, filter: { proceedingId: 'none' as const } },
  ]
  return (
    <section aria-labelledby="dashboard-stages" className="dashboard-section wide">
      <h2 id="dashboard-stages">{t('dashboard.stages.title')}</h2>
      <div className="chart-and-table">
        <BarChart
          title={t('dashboard.stages.chart', { total: formatCount(data.claimants.total) })}
          tableId={tableId}
          bars={data.claimants.stages.map((s) => ({
            key: s.stage,
            label: stageName(s.stage, s.label),
            value: s.count,
            valueText: t('dashboard.people', { count: formatCount(s.count) }),
          }))}
        />
        <div className="table-wrap">
          <table className="data dashboard-stages" id={tableId}>
            <caption>{t('dashboard.stages.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.stages.stage')}</th>
                <th scope="col" className="num">
                  {t('dashboard.stages.all')}
                </th>
                {columns.map((c) => (
                  <th scope="col" className="num" key={c.key}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.claimants.stages.map((s) => {
                const name = stageName(s.stage, s.label)
                return (
                  <tr key={s.stage}>
                    <th scope="row">{name}</th>
                    <td className="num">
                      <CountLink count={s.count} to={claimantsLink({ stage: s.stage })} label={t('dashboard.stages.link', { stage: name, count: s.count })} />
                    </td>
                    {columns.map((c) => {
                      const n = count(c.by, s.stage)
                      return (
                        <td className="num" key={c.key}>
                          <CountLink
                            count={n}
                            to={claimantsLink({ ...c.filter, stage: s.stage })}
                            label={t('dashboard.stages.linkIn', { stage: name, where: c.name, count: n })}
                          />
                        </td>
                      )
                    })}
                  </tr>
                )
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('dashboard.total')}</th>
                <td className="num">
                  <CountLink count={data.claimants.total} to={claimantsLink({})} label={t('dashboard.stages.linkAll', { count: data.claimants.total })} />
                </td>
                {columns.map((c) => (
                  <td className="num" key={c.key}>
                    <CountLink count={c.by.total} to={claimantsLink(c.filter)} label={t('dashboard.stages.linkWhere', { where: c.name, count: c.by.total })} />
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  )
}
