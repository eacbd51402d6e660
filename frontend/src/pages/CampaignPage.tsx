import '../components/claimant/claimant.css'
import '../components/documents/documents.css'
import '../components/campaigns/campaigns.css'
import { Link, useParams, useSearchParams } from 'react-router-dom'
import { useCampaign, useCanWriteNotify, useDelivery, useRecipients } from '../components/campaigns/campaignQueries'
import { positiveInt, stepOf } from '../components/campaigns/campaigns'
import { CampaignSummary } from '../components/campaigns/CampaignSummary'
import { DeliveryPanel } from '../components/campaigns/DeliveryPanel'
import { ImportHistory } from '../components/campaigns/ImportHistory'
import { LaunchPanel } from '../components/campaigns/LaunchPanel'
import { LetterBatches } from '../components/campaigns/LetterBatches'
import { PublicNoticePanel } from '../components/campaigns/PublicNoticePanel'
import { RecipientImport } from '../components/campaigns/RecipientImport'
import { RecipientTable } from '../components/campaigns/RecipientTable'
import { StepIndicator } from '../components/campaigns/StepIndicator'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'

/**
 * One campaign: where it stands (内容 → 名簿 → 確認 → 送信), what it says and its report deadlines, the recipient
 * list, its imports and their history, the launch, and once it is sending the delivery, the letters and the public
 * notice. What is being followed (an import, the 公表文's render) is in the URL, so it shows again after leaving the page.
 * Viewers (no notify:write) see everything and change nothing.
 */
export default function CampaignPage() {
  const { t } = useI18n()
  const { id = '' } = useParams()
  const campaignId = positiveInt(id)
  const [params, setParams] = useSearchParams()
  const campaign = useCampaign(campaignId ?? 0, campaignId !== null)
  const recipients = useRecipients(campaignId ?? 0, 0)
  const { canWrite, known } = useCanWriteNotify()
  const c = campaign.data
  const sending = c?.status === 'sending'
  const delivery = useDelivery(campaignId ?? 0, sending)

  function follow(name: 'import' | 'notice', value: number | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value === null) next.delete(name)
        else next.set(name, String(value))
        return next
      },
      { replace: true },
    )
  }

  if (campaignId === null) {
    return (
      <article>
        <p>
          <Link to="/campaigns">← {t('campaigns.back')}</Link>
        </p>
        <ErrorAlert error={new Error(t('campaigns.invalidId', { id }))} />
      </article>
    )
  }

  return (
    <article aria-labelledby="campaign-title" className="campaign-page">
      <p>
        <Link to="/campaigns">← {t('campaigns.back')}</Link>
      </p>
      {campaign.isError && <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />}
      {campaign.isPending && <p role="status">{t('common.loading')}</p>}
      {c && (
        <>
          <h1 id="campaign-title">
            {c.title}
            <span className="kana">{t('campaigns.number', { id: c.id })}</span>
          </h1>
          <StepIndicator current={stepOf(c, recipients.data?.total)} />
          {known && !canWrite && <p className="notice">{t('campaigns.readOnlyDetail')}</p>}
          <CampaignSummary campaign={c} />
          <RecipientImport campaignId={c.id} canWrite={canWrite} importId={positiveInt(params.get('import'))} onWatch={(v) => follow('import', v)} />
          <ImportHistory campaignId={c.id} />
          <RecipientTable campaign={c} />
          {canWrite && <LaunchPanel campaign={c} />}
          {sending && (
            <>
              <DeliveryPanel campaignId={c.id} />
              <LetterBatches campaignId={c.id} canWrite={canWrite} waiting={(delivery.data?.postal.queued ?? 0) > 0} />
            </>
          )}
          <PublicNoticePanel campaign={c} canWrite={canWrite} renderId={positiveInt(params.get('notice'))} onRender={(v) => follow('notice', v)} />
        </>
      )}
    </article>
  )
}
