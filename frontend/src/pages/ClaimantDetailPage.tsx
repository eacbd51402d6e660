import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatDate, formatDateTime, formatYen } from '../format'
import { useI18n } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

export default function ClaimantDetailPage() {
  const { t, label } = useI18n()
  const { id = '' } = useParams()
  const claimantId = Number(id)
  const valid = Number.isInteger(claimantId) && claimantId > 0
  const path = { path: { claimant_id: claimantId } }

  const claimant = useQuery({
    queryKey: ['claimant', claimantId],
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/claimants/{claimant_id}', { params: path, signal })),
    enabled: valid,
  })
  const items = useQuery({
    queryKey: ['claimant', claimantId, 'damage-items'],
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/claimants/{claimant_id}/damage-items', { params: path, signal })),
    enabled: valid,
  })
  const summary = useQuery({
    queryKey: ['claimant', claimantId, 'summary'],
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/claimants/{claimant_id}/summary', { params: path, signal })),
    enabled: valid,
  })

  const none = t('common.none')
  const c = claimant.data
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'))

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
          <section aria-labelledby="profile-title">
            <h2 id="profile-title">{t('claimant.profile')}</h2>
            <dl className="profile">
              <Field term={t('claimant.number')}>{c.id}</Field>
              <Field term={t('claimant.kind')}>{label('kind', c.kind)}</Field>
              <Field term={t('claimant.office')}>{c.office_name ?? none}</Field>
              <Field term={t('claimant.registrationNo')}>{c.registration_no ?? none}</Field>
              <Field term={t('claimant.postalCode')}>{c.postal_code ? `〒${c.postal_code}` : none}</Field>
              <Field term={t('claimant.address')}>{c.address ?? none}</Field>
              <Field term={t('claimant.email')}>{c.email ?? none}</Field>
              <Field term={t('claimant.phone')}>{c.phone ?? none}</Field>
              <Field term={t('claimant.contractType')}>
                {c.contract_type ? label('contract', c.contract_type) : none}
              </Field>
              <Field term={t('claimant.customerStatus')}>{label('customer', c.customer_status)}</Field>
              <Field term={t('claimant.usableOn')}>{c.service_usable_on ? formatDate(c.service_usable_on) : none}</Field>
              <Field term={t('claimant.insurance')}>
                {c.insured && c.insurance_plan ? label('plan', c.insurance_plan) : yesNo(false)}
                {c.insured && c.insurer ? `（${c.insurer}）` : ''}
              </Field>
              <Field term={t('claimant.reminderConsent')}>{yesNo(c.reminder_consent)}</Field>
              <Field term={t('claimant.insurerConsent')}>{yesNo(c.insurer_sharing_consent)}</Field>
              <Field term={t('claimant.createdAt')}>{formatDateTime(c.created_at)}</Field>
              <Field term={t('claimant.updatedAt')}>{formatDateTime(c.updated_at)}</Field>
            </dl>
          </section>
          <section aria-labelledby="intake-title">
            <h2 id="intake-title">{t('intake.title')}</h2>
            <dl className="profile">
              <Field term={t('intake.stage')}>{label('stage', c.stage, c.stage_label)}</Field>
              <Field term={t('intake.missing')}>
                {c.missing_items.length === 0 ? (
                  t('intake.complete')
                ) : (
                  <ul className="plain">
                    {c.missing_items.map((item) => (
                      <li key={item}>{label('checklist', item)}</li>
                    ))}
                  </ul>
                )}
              </Field>
              <Field term={t('intake.deficiencies')}>
                {c.deficiencies.length === 0 ? (
                  t('intake.noDeficiency')
                ) : (
                  <ul className="plain">
                    {c.deficiencies.map((d) => (
                      <li key={d.id}>
                        {d.reason}（{t('intake.cureBy', { date: formatDate(d.cure_by) })}）
                      </li>
                    ))}
                  </ul>
                )}
              </Field>
            </dl>
            {c.duplicates.length > 0 && (
              <div role="note" className="warning">
                <strong>{t('intake.duplicates')}</strong>
                <ul className="plain">
                  {c.duplicates.map((d) => (
                    <li key={d.claimant_id}>
                      <Link to={`/claimants/${d.claimant_id}`}>
                        {t('intake.duplicateOf', {
                          id: String(d.claimant_id),
                          reasons: d.reasons.map((r) => label('duplicate', r)).join('・'),
                        })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        </>
      )}

      {valid && !claimant.isError && (
        <>
          <section aria-labelledby="damages-title">
            <h2 id="damages-title">{t('damages.title')}</h2>
            {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
            {items.isLoading && <p role="status">{t('common.loading')}</p>}
            {items.data &&
              (items.data.length === 0 ? (
                <p>{t('damages.empty')}</p>
              ) : (
                <div className="table-wrap">
                  <table className="data damages">
                    <caption>{t('damages.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('damages.head')}</th>
                        <th scope="col">{t('damages.basis')}</th>
                        <th scope="col" className="num">
                          {t('damages.amount')}
                        </th>
                        <th scope="col">{t('damages.formula')}</th>
                        <th scope="col">{t('damages.facts')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.data.map((item) => (
                        <tr key={item.id}>
                          <th scope="row">{label('head', item.head, item.head_label)}</th>
                          <td>{label('basis', item.legal_basis)}</td>
                          <td className="num">{formatYen(item.amount)}</td>
                          <td className="pre">{item.formula || none}</td>
                          <td className="pre">{item.facts || none}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
          </section>

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
          </section>
        </>
      )}
    </article>
  )
}
