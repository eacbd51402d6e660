import '../components/dashboard/dashboard.css'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { useCampaigns } from '../components/campaigns/campaignQueries'
import { AgendaSection } from '../components/dashboard/AgendaSection'
import { AttentionSection } from '../components/dashboard/AttentionSection'
import { useDashboard } from '../components/dashboard/dashboardQueries'
import { DamageSection } from '../components/dashboard/DamageSection'
import { ProceedingSection } from '../components/dashboard/ProceedingSection'
import { StageSection } from '../components/dashboard/StageSection'
import { useCurrentCase } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatDate } from '../format'
import { useI18n } from '../i18n/i18n'

/**
 * ダッシュボード, the team's first screen: for the current case, what needs work, the next hearings and the APPI report
 * deadlines, the claimants by stage and proceeding, the claim and filing fee per proceeding, the damages by head.
 */
export default function DashboardPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const caseData = theCase.data
  return (
    <article aria-labelledby="dashboard-title" className="dashboard-page">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <CaseStatus theCase={theCase} noCase={t('dashboard.noCase')} />
      {caseData && <CaseDashboard caseId={caseData.id} />}
    </article>
  )
}

function CaseDashboard({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const board = useDashboard(caseId)
  // the APPI report deadlines: the case's newest campaigns, the campaign list's own query (and cache)
  const campaigns = useCampaigns(caseId, 0)
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
  if (!board.data) return <p role="status">{t('common.loading')}</p>
  const data = board.data
  return (
    <>
      <p className="case-name">{t('dashboard.case', { name: data.case_name, date: formatDate(data.today) })}</p>
      <div className="dashboard-grid">
        <AgendaSection data={data} campaigns={campaigns} />
        <AttentionSection data={data} />
        <StageSection data={data} />
        <ProceedingSection data={data} />
        <DamageSection data={data} />
      </div>
    </>
  )
}
