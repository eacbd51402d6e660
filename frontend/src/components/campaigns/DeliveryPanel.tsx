import { useId } from 'react'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useDelivery } from './campaignQueries'
import { CHANNELS, channelKey, channelTotal, deliveryBusy, MESSAGE_STATES, stateKey } from './campaigns'
import { CsvDownloadButton } from './CsvDownloadButton'
import { downloadProof } from './csvDownload'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * 送信状況 of a launched campaign: the notices by channel and state, who is notified, covered by the public notice
 * or still outstanding, and the sentence for the 確報's 「本人への対応の実施状況」. Refreshed every few seconds
 * while notify is still sending (see deliveryBusy); the proof of notification downloads as CSV.
 */
export function DeliveryPanel({ campaignId }: { campaignId: number }) {
  const { t } = useI18n()
  const id = useId()
  const delivery = useDelivery(campaignId, true)
  const d = delivery.data
  return (
    <section aria-labelledby={`${id}-title`} className="delivery">
      <h2 id={`${id}-title`}>{t('campaigns.delivery.title')}</h2>
      {delivery.isError && <ErrorAlert error={delivery.error} onRetry={() => void delivery.refetch()} />}
      {delivery.isPending && <p role="status">{t('common.loading')}</p>}
      {d && (
        <>
          <p className="hint">{deliveryBusy(d) ? t('campaigns.delivery.live') : t('campaigns.delivery.settled')}</p>
          <div className="table-wrap">
            <table className="data delivery-table" aria-busy={delivery.isFetching}>
              <caption>{t('campaigns.delivery.caption', { total: n(d.recipients) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.delivery.channel')}</th>
                  {MESSAGE_STATES.map((s) => (
                    <th scope="col" key={s} className="num">
                      {t(stateKey(s))}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('campaigns.delivery.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {CHANNELS.map((c) => (
                  <tr key={c}>
                    <th scope="row">{t(channelKey(c))}</th>
                    {MESSAGE_STATES.map((s) => (
                      <td key={s} className="num">
                        {n(d[c][s])}
                      </td>
                    ))}
                    <td className="num">{n(channelTotal(d[c]))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="profile delivery-figures">
            <div className="dl-row">
              <dt>{t('campaigns.delivery.notified')}</dt>
              <dd>{t('campaigns.delivery.people', { count: n(d.notified) })}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('campaigns.delivery.covered')}</dt>
              <dd>{t('campaigns.delivery.people', { count: n(d.covered_by_public_notice) })}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('campaigns.delivery.outstanding')}</dt>
              <dd>{t('campaigns.delivery.people', { count: n(d.outstanding) })}</dd>
            </div>
          </dl>
          <h3>{t('campaigns.delivery.summaryTitle')}</h3>
          <p className="summary-sentence">{d.summary}</p>
        </>
      )}
      <CsvDownloadButton label={t('campaigns.delivery.proof')} download={() => downloadProof(campaignId)} />
    </section>
  )
}
