import '../components/claimant/claimant.css'
import '../components/documents/documents.css'
import '../components/campaigns/campaigns.css'
import { Link, useSearchParams } from 'react-router-dom'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { CAMPAIGN_PAGE_SIZE, useCampaigns, useCanWriteNotify } from '../components/campaigns/campaignQueries'
import { campaignStatusKey, positiveInt } from '../components/campaigns/campaigns'
import { OfficeName } from '../components/campaigns/OfficeName'
import { useCurrentCase } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatDate, formatDateTime } from '../format'
import { useI18n } from '../i18n/i18n'

/** 本人通知: the current case's breach-notice campaigns, newest first, a page at a time (?page=); 「新規作成」 for writers. */
export default function CampaignsPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const { canWrite } = useCanWriteNotify()
  const caseData = theCase.data
  return (
    <section aria-labelledby="campaigns-title" className="campaigns-page">
      <div className="page-head">
        <h1 id="campaigns-title">{t('campaigns.title')}</h1>
        {canWrite && caseData && (
          <Link to="/campaigns/new" className="button-link">
            {t('campaigns.new')}
          </Link>
        )}
      </div>
      <p className="hint">{t('campaigns.intro')}</p>
      <CaseStatus theCase={theCase} noCase={t('campaigns.noCase')} />
      {caseData && (
        <>
          <p className="case-name">{t('documents.case', { name: caseData.name })}</p>
          <CaseCampaigns caseId={caseData.id} />
        </>
      )}
    </section>
  )
}

function CaseCampaigns({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const page = positiveInt(params.get('page')) ?? 1
  const offset = (page - 1) * CAMPAIGN_PAGE_SIZE
  const list = useCampaigns(caseId, offset)
  const data = list.data
  const total = data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / CAMPAIGN_PAGE_SIZE))
  const n = (value: number) => value.toLocaleString('ja-JP')

  function goTo(next: number) {
    setParams((prev) => {
      const p = new URLSearchParams(prev)
      if (next > 1) p.set('page', String(next))
      else p.delete('page')
      return p
    })
  }

  return (
    <>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('campaigns.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data" aria-busy={list.isFetching}>
                <caption>
                  {t('campaigns.caption', { from: n(offset + 1), to: n(offset + data.items.length), total: n(total) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.col.title')}</th>
                    <th scope="col">{t('campaigns.col.office')}</th>
                    <th scope="col">{t('campaigns.col.status')}</th>
                    <th scope="col">{t('campaigns.col.becameKnownOn')}</th>
                    <th scope="col">{t('campaigns.col.preliminary')}</th>
                    <th scope="col">{t('campaigns.col.final')}</th>
                    <th scope="col">{t('campaigns.col.launchedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
                        <span className="hint block">{t('campaigns.number', { id: c.id })}</span>
                      </th>
                      <td>
                        <OfficeName claimantId={c.claimant_id} />
                      </td>
                      <td className={`campaign-status-${c.status}`}>{t(campaignStatusKey(c.status))}</td>
                      <td>{formatDate(c.became_known_on)}</td>
                      <td>{t('campaigns.deadlines.window', { from: formatDate(c.deadlines.preliminary_from), by: formatDate(c.deadlines.preliminary_by) })}</td>
                      <td>{formatDate(c.deadlines.final_due)}</td>
                      <td>{c.launched_at ? formatDateTime(c.launched_at) : t('common.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {total > CAMPAIGN_PAGE_SIZE && (
              <nav className="pager" aria-label={t('campaigns.pagination')}>
                <button type="button" onClick={() => goTo(page - 1)} disabled={page <= 1}>
                  {t('claimants.prev')}
                </button>
                <span>{t('claimants.page', { page, pages })}</span>
                <button type="button" onClick={() => goTo(page + 1)} disabled={page >= pages}>
                  {t('claimants.next')}
                </button>
              </nav>
            )}
          </>
        ))}
    </>
  )
}
