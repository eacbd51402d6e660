import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { useClaimant } from '../components/claimant/claimantQueries'
import { ClaimantAudit } from '../components/claimant/ClaimantAudit'
import { IntakeSection } from '../components/claimant/IntakeSection'
import { ProfileSection } from '../components/claimant/ProfileSection'
import { DamageSection } from '../components/damages/DamageSection'
import { ErrorAlert } from '../components/ErrorAlert'
import { ExhibitsSection } from '../components/exhibits/ExhibitsSection'
import { MessagesSection } from '../components/messages/MessagesSection'
import { formatYen } from '../format'
import { useI18n } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'

export default function ClaimantDetailPage() {
  const { t } = useI18n()
  const { id = '' } = useParams()
  const claimantId = Number(id)
  const valid = Number.isInteger(claimantId) && claimantId > 0
  const path = { path: { claimant_id: claimantId } }

  const claimant = useClaimant(claimantId, valid)
  const summary = useQuery({
    queryKey: ['claimant', claimantId, 'summary'],
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/claimants/{claimant_id}/summary', { params: path, signal })),
    enabled: valid,
  })

  const c = claimant.data?.claimant
  // items claimed from the office's insurer: the API leaves them out of the totals and gives them per head
  const insurerAmount = summary.data?.heads.reduce((sum, h) => sum + (h.insurer_amount ?? 0), 0) ?? 0
  const insurerPaid = summary.data?.heads.reduce((sum, h) => sum + (h.insurer_paid ?? 0), 0) ?? 0

  return (
    <article aria-labelledby="claimant-title">
      <p>
        <Link to="/claimants">← {t('claimant.back')}</Link>
      </p>
      {!valid && <ErrorAlert error={new Error(t('claimant.invalidId', { id }))} />}

      {claimant.isError && <ErrorAlert error={claimant.error} onRetry={() => void claimant.refetch()} />}
      {claimant.isLoading && <p role="status">{t('common.loading')}</p>}
      {c && (
        <>
          <h1 id="claimant-title">
            {c.name}
            {c.name_kana && <span className="kana">{c.name_kana}</span>}
          </h1>
          <ProfileSection claimantId={claimantId} />
          <IntakeSection claimantId={claimantId} />
          <MessagesSection claimantId={claimantId} />
        </>
      )}

      {valid && !claimant.isError && (
        <>
          <DamageSection claimantId={claimantId} />

          <section aria-labelledby="summary-title">
            <h2 id="summary-title">{t('summary.title')}</h2>
            {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
            {summary.isLoading && <p role="status">{t('common.loading')}</p>}
            {summary.data && (
              <table className="data totals">
                <caption className="visually-hidden">{t('summary.title')}</caption>
                <tbody>
                  {(
                    [
                      ['summary.contract', summary.data.contract_total],
                      ['summary.unjust', summary.data.unjust_enrichment_total],
                      ['summary.total', summary.data.total],
                    ] as [MessageKey, number][]
                  ).map(([key, amount]) => (
                    <tr key={key} className={key === 'summary.total' ? 'grand-total' : undefined}>
                      <th scope="row">{t(key)}</th>
                      <td className="num">{formatYen(amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {insurerAmount > 0 && (
              <p className="insurer-total">
                <strong>{t('summary.insurer', { amount: formatYen(insurerAmount) })}</strong>
                {t('summary.insurerHint')}
                {insurerPaid > 0 && (
                  <>
                    <br />
                    {t('summary.insurerPaid', { amount: formatYen(insurerPaid) })}
                  </>
                )}
              </p>
            )}
          </section>
          <ExhibitsSection claimantId={claimantId} />
          <ClaimantAudit claimantId={claimantId} />
        </>
      )}
    </article>
  )
}
