import { useId, useState, type FormEvent } from 'react'
import { formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { todayInTokyo } from '../claimant/claimantQueries'
import { FieldErrors } from '../damages/fieldErrors'
import { isActive, statusLabelKey } from '../documents/documents'
import { DownloadButton } from '../documents/DownloadButton'
import { useRenderJob } from '../documents/renderQueries'
import { ErrorAlert } from '../ErrorAlert'
import { useRecordPublicNotice, useRenderPublicNotice } from './campaignQueries'
import type { Campaign } from './campaigns'

interface Props {
  campaign: Campaign
  canWrite: boolean
  /** the docs-render job of the 公表文 being followed (the URL's ?notice=), or null */
  renderId: number | null
  onRender: (renderId: number | null) => void
}

/**
 * 公表（代替措置, 法26条2項ただし書）: for the recipients neither an e-mail nor a letter reaches. 「公表文を作成」
 * has docs-render render the 公表文 (followed like any render job, its id in the URL, and downloaded the same way);
 * once it is published, the team records when and where, which counts those recipients as covered.
 */
export function PublicNoticePanel({ campaign, canWrite, renderId, onRender }: Props) {
  const { t } = useI18n()
  const id = useId()
  const render = useRenderPublicNotice(campaign.id)
  const recorded = campaign.public_notice_published_on !== null

  return (
    <section aria-labelledby={`${id}-title`} className="public-notice">
      <h2 id={`${id}-title`}>{t('campaigns.publicNotice.title')}</h2>
      <p className="hint">{t('campaigns.publicNotice.intro')}</p>
      {recorded && (
        <dl className="profile">
          <div className="dl-row">
            <dt>{t('campaigns.publicNotice.publishedOn')}</dt>
            <dd>{formatDate(campaign.public_notice_published_on)}</dd>
          </div>
          <div className="dl-row">
            <dt>{t('campaigns.publicNotice.where')}</dt>
            <dd>{campaign.public_notice_where}</dd>
          </div>
        </dl>
      )}
      {!recorded && !canWrite && <p>{t('campaigns.publicNotice.none')}</p>}

      {canWrite && (
        <div className="render-notice">
          <button
            type="button"
            className="secondary"
            aria-disabled={render.isPending || undefined}
            onClick={() => {
              if (!render.isPending) render.mutate(undefined, { onSuccess: (started) => onRender(started.render_id) })
            }}
          >
            {render.isPending ? t('campaigns.publicNotice.rendering') : t('campaigns.publicNotice.render')}
          </button>
          {render.isError && <ErrorAlert error={render.error} />}
        </div>
      )}
      {renderId !== null && <NoticeRender key={renderId} renderId={renderId} />}

      {canWrite &&
        (campaign.status === 'sending' ? (
          <RecordForm campaign={campaign} />
        ) : (
          <p className="hint">{t('campaigns.publicNotice.afterLaunch')}</p>
        ))}
    </section>
  )
}

function NoticeRender({ renderId }: { renderId: number }) {
  const { t } = useI18n()
  const job = useRenderJob(renderId)
  const j = job.data
  return (
    <div className="render-job" role="group" aria-label={t('campaigns.publicNotice.job', { id: renderId })}>
      {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {job.isPending && <p role="status">{t('common.loading')}</p>}
      {j && (
        <>
          <p role="status" className={`job-status status-${j.status}`}>
            {t('campaigns.publicNotice.jobStatus', { status: t(statusLabelKey(j.status)) })}
          </p>
          {isActive(j) && <progress aria-label={t('documents.job.progress')} />}
          {j.status === 'failed' && (
            <div role="alert" className="alert">
              <p className="alert-title">{t('documents.job.failed')}</p>
              <p className="alert-detail pre">{j.error || t('documents.job.noError')}</p>
            </div>
          )}
          {j.status === 'succeeded' && <DownloadButton job={j} />}
        </>
      )}
    </div>
  )
}

function RecordForm({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n()
  const id = useId()
  const today = todayInTokyo()
  const record = useRecordPublicNotice(campaign.id)
  const [publishedOn, setPublishedOn] = useState(campaign.public_notice_published_on ?? today)
  const [where, setWhere] = useState(campaign.public_notice_where ?? '')
  const [missing, setMissing] = useState(false)
  const errors = FieldErrors.of(record.error)
  const dateErrors = errors.at('published_on')
  const whereErrors = [...(missing ? [t('campaigns.form.err.required')] : []), ...errors.at('where')]

  function submit(event: FormEvent) {
    event.preventDefault()
    if (record.isPending) return
    if (!where.trim()) {
      setMissing(true)
      return
    }
    record.mutate({ published_on: publishedOn, where: where.trim() })
  }

  return (
    <form className="record-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('campaigns.publicNotice.recordTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-date`}>
          {t('campaigns.publicNotice.publishedOn')}
          <span className="required">{t('campaigns.form.required')}</span>
        </label>
        <input
          id={`${id}-date`}
          type="date"
          min={campaign.became_known_on}
          max={today}
          value={publishedOn}
          aria-invalid={dateErrors.length > 0 || undefined}
          aria-describedby={dateErrors.length > 0 ? `${id}-date-error` : undefined}
          onChange={(e) => setPublishedOn(e.target.value)}
        />
        {dateErrors.length > 0 && (
          <p id={`${id}-date-error`} className="field-error">
            {dateErrors.join(' / ')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-where`}>
          {t('campaigns.publicNotice.where')}
          <span className="required">{t('campaigns.form.required')}</span>
        </label>
        <input
          id={`${id}-where`}
          type="text"
          value={where}
          aria-invalid={whereErrors.length > 0 || undefined}
          aria-describedby={[`${id}-where-hint`, whereErrors.length > 0 ? `${id}-where-error` : null].filter(Boolean).join(' ')}
          onChange={(e) => {
            setWhere(e.target.value)
            setMissing(false)
          }}
        />
        <p id={`${id}-where-hint`} className="hint">
          {t('campaigns.publicNotice.whereHint')}
        </p>
        {whereErrors.length > 0 && (
          <p id={`${id}-where-error`} className="field-error">
            {whereErrors.join(' / ')}
          </p>
        )}
      </div>
      <button type="submit" aria-disabled={record.isPending || undefined}>
        {t('campaigns.publicNotice.record')}
      </button>
      <p role="status" className="write-status">
        {record.isPending ? t('write.saving') : record.isSuccess ? t('campaigns.publicNotice.recorded', { count: record.data.notified.toLocaleString('ja-JP') }) : ''}
      </p>
      {record.isError && <ErrorAlert error={record.error} />}
    </form>
  )
}
