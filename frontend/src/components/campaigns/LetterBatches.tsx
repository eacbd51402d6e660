import { useId, useState, type FormEvent } from 'react'
import { formatDate, formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { todayInTokyo } from '../claimant/claimantQueries'
import { DownloadButton } from '../documents/DownloadButton'
import { ErrorAlert } from '../ErrorAlert'
import { useLetterBatches, useRecordPosted } from './campaignQueries'
import { batchStatusKey, type LetterBatch } from './campaigns'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * 郵送: notify gathers the letters into batches of up to 5,000 and has docs-render render each as one PDF; the
 * team downloads it (from docs-render, like any rendered document), prints and posts it, and records the day
 * (「投函日を記録」), which makes its letters sent. Refreshed while a batch is rendered or letters wait.
 */
export function LetterBatches({ campaignId, canWrite, waiting }: { campaignId: number; canWrite: boolean; waiting: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const batches = useLetterBatches(campaignId, waiting)
  const data = batches.data
  return (
    <section aria-labelledby={`${id}-title`} className="letters">
      <h2 id={`${id}-title`}>{t('campaigns.letters.title')}</h2>
      {batches.isError && <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />}
      {batches.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.length === 0 ? (
          <p>{waiting ? t('campaigns.letters.waiting') : t('campaigns.letters.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-busy={batches.isFetching}>
              <caption>{t('campaigns.letters.caption', { count: n(data.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('campaigns.letters.col.number')}
                  </th>
                  <th scope="col">{t('campaigns.letters.col.status')}</th>
                  <th scope="col" className="num">
                    {t('campaigns.letters.col.letters')}
                  </th>
                  <th scope="col">{t('campaigns.letters.col.createdAt')}</th>
                  <th scope="col">{t('campaigns.letters.col.file')}</th>
                  <th scope="col">{t('campaigns.letters.col.posted')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((b) => (
                  <tr key={b.id}>
                    <th scope="row" className="num">
                      {b.id}
                    </th>
                    <td className={`status-${b.status}`}>
                      {t(batchStatusKey(b.status))}
                      {b.error && <span className="row-error">{b.error}</span>}
                    </td>
                    <td className="num">{t('campaigns.letters.count', { count: n(b.letters) })}</td>
                    <td>{formatDateTime(b.created_at)}</td>
                    <td>
                      {b.render_id !== null && (b.status === 'ready' || b.status === 'posted') ? (
                        <>
                          <DownloadButton job={{ id: b.render_id, document: 'breach-notice-letter', format: 'pdf' }} />
                          {b.file_name && <span className="hint block">{b.file_name}</span>}
                        </>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                    <td>
                      {b.posted_on ? (
                        formatDate(b.posted_on)
                      ) : canWrite && b.status === 'ready' ? (
                        <PostedForm campaignId={campaignId} batch={b} />
                      ) : (
                        t('common.none')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}

function PostedForm({ campaignId, batch }: { campaignId: number; batch: LetterBatch }) {
  const { t } = useI18n()
  const id = useId()
  const today = todayInTokyo()
  const [postedOn, setPostedOn] = useState(today)
  const record = useRecordPosted(campaignId)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (record.isPending || !postedOn) return
    record.mutate({ batchId: batch.id, postedOn })
  }

  return (
    <form className="posted-form" onSubmit={submit}>
      <label htmlFor={`${id}-date`}>{t('campaigns.letters.postedOn', { id: batch.id })}</label>
      <input id={`${id}-date`} type="date" required max={today} value={postedOn} onChange={(e) => setPostedOn(e.target.value)} />
      <button type="submit" aria-disabled={record.isPending || undefined}>
        {t('campaigns.letters.record')}
        <span className="visually-hidden">{t('campaigns.letters.recordWhich', { id: batch.id })}</span>
      </button>
      <span role="status" className="write-status">
        {record.isPending ? t('write.saving') : ''}
      </span>
      {record.isError && <ErrorAlert error={record.error} />}
    </form>
  )
}
