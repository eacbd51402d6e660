import { useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { isActive, statusLabelKey } from './documents'
import { DownloadButton } from './DownloadButton'
import { HISTORY_PAGE_SIZE, useRenderHistory } from './renderQueries'
import { TargetText } from './TargetText'

/** The case's renders, newest first: what, for whom, format, status (with progress or error), when, the file. */
export function RenderHistory({ caseId }: { caseId: number }) {
  const { t, label } = useI18n()
  const [offset, setOffset] = useState(0)
  const history = useRenderHistory(caseId, offset)
  const data = history.data
  const total = data?.total ?? 0
  const page = Math.floor(offset / HISTORY_PAGE_SIZE) + 1
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE))

  return (
    <section aria-labelledby="render-history-title" className="render-history">
      <h2 id="render-history-title">{t('documents.history.title')}</h2>
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('documents.history.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data" aria-busy={history.isFetching}>
                <caption>{t('documents.history.caption', { total: total.toLocaleString('ja-JP') })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('documents.history.col.number')}
                    </th>
                    <th scope="col">{t('documents.history.col.document')}</th>
                    <th scope="col">{t('documents.history.col.target')}</th>
                    <th scope="col">{t('documents.history.col.format')}</th>
                    <th scope="col">{t('documents.history.col.status')}</th>
                    <th scope="col">{t('documents.history.col.createdAt')}</th>
                    <th scope="col">{t('documents.history.col.file')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((job) => (
                    <tr key={job.id}>
                      <td className="num">{job.id}</td>
                      <th scope="row">{label('documents.kind', job.document)}</th>
                      <td>
                        <TargetText job={job} />
                      </td>
                      <td>{label('documents.format', job.format)}</td>
                      <td className={`status-${job.status}`}>
                        {t(statusLabelKey(job.status))}
                        {isActive(job) && job.progress_total > 0 && (
                          <span className="hint"> {t('documents.job.count', { done: job.progress_done, total: job.progress_total })}</span>
                        )}
                        {job.status === 'failed' && job.error && <span className="row-error">{job.error}</span>}
                      </td>
                      <td>{formatDateTime(job.created_at)}</td>
                      <td>{job.status === 'succeeded' ? <DownloadButton job={job} /> : t('common.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {total > HISTORY_PAGE_SIZE && (
              <nav className="pager" aria-label={t('documents.history.pagination')}>
                <button type="button" onClick={() => setOffset(offset - HISTORY_PAGE_SIZE)} disabled={page <= 1}>
                  {t('claimants.prev')}
                </button>
                <span>{t('claimants.page', { page, pages })}</span>
                <button type="button" onClick={() => setOffset(offset + HISTORY_PAGE_SIZE)} disabled={page >= pages}>
                  {t('claimants.next')}
                </button>
              </nav>
            )}
          </>
        ))}
    </section>
  )
}
