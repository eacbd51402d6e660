import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { isActive, kilobytes, shortHash, statusLabelKey, type RenderRead } from './documents'
import { DownloadButton } from './DownloadButton'
import { useRenderJob } from './renderQueries'
import { TargetText } from './TargetText'

/**
 * The job the user started (or came back to: its id is in the URL): what it makes, its status as a live region,
 * a progress bar while it runs, the download with size and hash when it succeeded, the error when it failed.
 */
export function RenderJobPanel({ jobId, onClose }: { jobId: number; onClose: () => void }) {
  const { t } = useI18n()
  const job = useRenderJob(jobId)

  return (
    <section aria-labelledby="render-job-title" className="render-job">
      <h2 id="render-job-title">{t('documents.job.title')}</h2>
      {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {job.isPending && <p role="status">{t('common.loading')}</p>}
      {job.data && <JobDetails job={job.data} />}
      <button type="button" className="secondary" onClick={onClose}>
        {t('documents.job.close')}
      </button>
    </section>
  )
}

function JobDetails({ job }: { job: RenderRead }) {
  const { t, label } = useI18n()
  const active = isActive(job)
  const counted = job.progress_total > 0
  return (
    <>
      <dl className="profile job-summary">
        <div className="dl-row">
          <dt>{t('documents.job.number')}</dt>
          <dd>{job.id}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('documents.job.document')}</dt>
          <dd>{label('documents.kind', job.document)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('documents.job.target')}</dt>
          <dd>
            <TargetText job={job} />
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('documents.job.format')}</dt>
          <dd>{label('documents.format', job.format)}</dd>
        </div>
      </dl>
      <p role="status" className={`job-status status-${job.status}`}>
        {t('documents.job.status', { status: t(statusLabelKey(job.status)) })}
      </p>
      {active && (
        <div className="job-progress">
          {/* without a value while the job waits or has not counted its steps yet: an indeterminate bar */}
          <progress aria-label={t('documents.job.progress')} {...(counted ? { value: job.progress_done, max: job.progress_total } : {})} />
          {counted && <span>{t('documents.job.count', { done: job.progress_done, total: job.progress_total })}</span>}
        </div>
      )}
      {job.status === 'failed' && (
        <div role="alert" className="alert">
          <p className="alert-title">{t('documents.job.failed')}</p>
          <p className="alert-detail pre">{job.error || t('documents.job.noError')}</p>
        </div>
      )}
      {job.status === 'succeeded' && (
        <div className="job-file">
          <DownloadButton job={job} />
          <p className="file-facts">
            {job.size !== null && <span>{t('documents.job.size', { size: kilobytes(job.size) })}</span>}
            {job.sha256 && (
              <span>
                {t('documents.job.sha')} <code title={job.sha256}>{shortHash(job.sha256)}</code>
              </span>
            )}
          </p>
        </div>
      )}
    </>
  )
}
