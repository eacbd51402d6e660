import '../components/claimant/claimant.css'
import '../components/documents/documents.css'
import '../components/campaigns/campaigns.css'
import { Link } from 'react-router-dom'
import { CampaignForm } from '../components/campaigns/CampaignForm'
import { useCanWriteNotify } from '../components/campaigns/campaignQueries'
import { StepIndicator } from '../components/campaigns/StepIndicator'
import { useCurrentCase } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'

/** A new campaign, the wizard's first step (内容), for the case the SPA works on. */
export default function CampaignNewPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const { canWrite, known } = useCanWriteNotify()
  const caseData = theCase.data
  return (
    <article aria-labelledby="campaign-new-title" className="campaign-page">
      <p>
        <Link to="/campaigns">← {t('campaigns.back')}</Link>
      </p>
      <h1 id="campaign-new-title">{t('campaigns.newTitle')}</h1>
      <StepIndicator current="content" />
      {theCase.isError && <ErrorAlert error={theCase.error} onRetry={() => void theCase.refetch()} />}
      {(theCase.isPending || !known) && <p role="status">{t('common.loading')}</p>}
      {caseData === null && <p>{t('campaigns.noCase')}</p>}
      {known && !canWrite && <p className="notice">{t('campaigns.readOnly')}</p>}
      {caseData && known && canWrite && (
        <>
          <p className="case-name">{t('documents.case', { name: caseData.name })}</p>
          <CampaignForm caseId={caseData.id} />
        </>
      )}
    </article>
  )
}
