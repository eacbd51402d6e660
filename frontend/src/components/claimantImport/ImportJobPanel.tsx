import { useEffect, useId, useRef, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { useCanWriteClaims } from '../claimant/claimantQueries'
import { ImportReportView } from '../claimantList/ImportReportView'
import { ErrorAlert } from '../ErrorAlert'
import {
  isWorking,
  problemOf,
  useConfirmImport,
  useDiscardImport,
  useImportJob,
  type ClaimantImport,
  type ImportMode,
} from './importQueries'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * One import, followed from its URL (so it can be left and come back to): its status as a live region, a
 * progress bar while the worker reads the rows, the report once checked, then the choice to import it (all rows
 * or only the valid ones) or to discard it; the claimants created once imported; the problem when it failed.
 */
export function ImportJobPanel({ importId }: { importId: number }) {
  const { t } = useI18n()
  const job = useImportJob(importId)
  return (
    <section aria-labelledby="import-job-title" className="import-job">
      <h2 id="import-job-title">{t('claimantImport.job.title', { id: importId })}</h2>
      {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {job.isPending && <p role="status">{t('common.loading')}</p>}
      {job.data && <JobDetails job={job.data} />}
    </section>
  )
}

function JobDetails({ job }: { job: ClaimantImport }) {
  const { t } = useI18n()
  const id = useId()
  const working = isWorking(job)
  const counted = job.progress_total > 0 && !job.waiting
  const problem = problemOf(job)
  // a finished step's report takes the focus (its heading), so a screen reader reads it next
  const shownStatus = useRef(job.status)
  useEffect(() => {
    if (shownStatus.current !== job.status && job.report) document.getElementById(`${id}-report`)?.focus()
    shownStatus.current = job.status
  }, [job.status, job.report, id])

  return (
    <>
      <dl className="profile job-summary">
        <div className="dl-row">
          <dt>{t('claimantImport.job.file')}</dt>
          <dd>
            {job.file_name ?? t('common.none')} <span className="hint">{t('claimantImport.job.size', { size: n(job.size) })}</span>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('claimantImport.job.sha')}</dt>
          <dd>
            <code title={job.sha256}>{job.sha256.slice(0, 12)}</code>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('claimantImport.job.created')}</dt>
          <dd>{formatDateTime(job.created_at)}</dd>
        </div>
      </dl>
      <p role="status" className={`job-status status-${job.status}`}>
        {t('claimantImport.job.status', { status: t(`claimantImport.status.${job.status}`) })}
        {job.waiting && ` ${t('claimantImport.job.waiting')}`}
      </p>
      {working && (
        <div className="job-progress">
          {/* indeterminate while it waits, or while it saves (SQLite writes the count only at the end) */}
          <progress aria-label={t('claimantImport.job.progress')} {...(counted ? { value: job.progress_done, max: job.progress_total } : {})} />
          {counted && <span>{t('claimantImport.job.count', { done: n(job.progress_done), total: n(job.progress_total) })}</span>}
          <p className="hint">{t('claimantImport.job.leave')}</p>
        </div>
      )}
      {problem && <ErrorAlert error={problem} />}
      {job.report && <ImportReportView report={job.report} headingId={`${id}-report`} />}
      {job.status === 'checked' && <Decision job={job} />}
      {job.status === 'discarded' && <p className="notice">{t('claimantImport.job.discarded')}</p>}
    </>
  )
}

/** Import the checked file (all rows, or only the valid ones) or discard it. Staff and above. */
function Decision({ job }: { job: ClaimantImport }) {
  const { t } = useI18n()
  const id = useId()
  const canWrite = useCanWriteClaims()
  const hasErrors = (job.counts?.error_count ?? 0) > 0
  const [mode, setMode] = useState<ImportMode>(job.problem ? 'valid_only' : job.mode)
  const confirm = useConfirmImport()
  const discard = useDiscardImport()
  const pending = confirm.isPending || discard.isPending
  if (!canWrite) return <p className="notice">{t('claimantList.imp.readOnly')}</p>
  const nothingValid = job.counts?.rows_valid === 0
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('claimantList.imp.step.import')}</h2>
      {nothingValid ? (
        <p>{t('claimantList.imp.nothingValid')}</p>
      ) : (
        <>
          <fieldset className="import-mode">
            <legend>{t('claimantList.imp.mode')}</legend>
            {(['all', 'valid_only'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                {t(`claimantList.imp.mode.${m}`)}
              </label>
            ))}
          </fieldset>
          {hasErrors && mode === 'all' && <p className="hint">{t('claimantImport.job.allWithErrors')}</p>}
          <button
            type="button"
            aria-disabled={pending || undefined}
            onClick={() => {
              if (!pending) confirm.mutate({ job, mode })
            }}
          >
            {confirm.isPending ? t('claimantList.imp.importing') : t('claimantList.imp.submit')}
          </button>{' '}
        </>
      )}
      <button
        type="button"
        className="secondary"
        aria-disabled={pending || undefined}
        onClick={() => {
          if (!pending) discard.mutate({ job, mode })
        }}
      >
        {t('claimantImport.job.discard')}
      </button>
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      {discard.isError && <ErrorAlert error={discard.error} />}
    </section>
  )
}
