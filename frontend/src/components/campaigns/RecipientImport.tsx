import { useId, useRef, useState, type FormEvent } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useImport, useStartImport } from './campaignQueries'
import { ENCODINGS, encodingKey, importPercent, importStatusKey, isImportRunning, type ImportEncoding, type RecipientImport as Import } from './campaigns'
import { CsvDownloadButton } from './CsvDownloadButton'
import { downloadImportErrors } from './csvDownload'

const n = (value: number) => value.toLocaleString('ja-JP')

function encodingText(t: ReturnType<typeof useI18n>['t'], encoding: string): string {
  return (ENCODINGS as readonly string[]).includes(encoding) ? t(encodingKey(encoding as ImportEncoding)) : encoding
}

interface Props {
  campaignId: number
  canWrite: boolean
  /** the import being watched (the URL's ?import=), or null */
  importId: number | null
  onWatch: (importId: number | null) => void
}

/**
 * 名簿の取込み: a CSV (UTF-8 or Shift_JIS) uploaded to notify, which answers at once and reads the file
 * afterwards. The import being read is in the URL, so its progress shows again after leaving the page; when it is
 * done: the lines stored and left out, why the file as a whole failed, and the error report of the lines left out.
 */
export function RecipientImport({ campaignId, canWrite, importId, onWatch }: Props) {
  const { t } = useI18n()
  const id = useId()
  const start = useStartImport(campaignId)
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<ImportEncoding>('auto')
  const [missingFile, setMissingFile] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (start.isPending) return
    if (!file) {
      setMissingFile(true)
      fileRef.current?.focus()
      return
    }
    start.mutate(
      { file, encoding },
      {
        onSuccess: (started) => {
          onWatch(started.id)
          setFile(null)
          if (fileRef.current) fileRef.current.value = ''
        },
      },
    )
  }

  return (
    <section aria-labelledby={`${id}-title`} className="recipient-import">
      <h2 id={`${id}-title`}>{t('campaigns.import.title')}</h2>
      <div className="csv-hint">
        <p id={`${id}-format`}>{t('campaigns.import.format')}</p>
        <p className="hint">{t('campaigns.import.formatHint')}</p>
      </div>
      {canWrite && (
        <form className="import-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-file`}>
              {t('campaigns.import.file')}
              <span className="required">{t('campaigns.form.required')}</span>
            </label>
            <input
              id={`${id}-file`}
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              aria-invalid={missingFile || undefined}
              aria-describedby={[`${id}-format`, missingFile ? `${id}-file-error` : null].filter(Boolean).join(' ')}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                setMissingFile(false)
                start.reset()
              }}
            />
            {missingFile && (
              <p id={`${id}-file-error`} className="field-error">
                {t('campaigns.import.fileRequired')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-encoding`}>{t('campaigns.import.encoding')}</label>
            <select id={`${id}-encoding`} value={encoding} onChange={(e) => setEncoding(e.target.value as ImportEncoding)}>
              {ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {t(encodingKey(e))}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" aria-disabled={start.isPending || undefined}>
            {start.isPending ? t('campaigns.import.uploading') : t('campaigns.import.submit')}
          </button>
        </form>
      )}
      {start.isError && <ErrorAlert error={start.error} />}
      {importId !== null && <ImportPanel key={importId} campaignId={campaignId} importId={importId} onClose={() => onWatch(null)} />}
    </section>
  )
}

function ImportPanel({ campaignId, importId, onClose }: { campaignId: number; importId: number; onClose: () => void }) {
  const { t } = useI18n()
  const item = useImport(campaignId, importId)
  return (
    <div className="import-panel" role="group" aria-label={t('campaigns.import.panel', { id: importId })}>
      {item.isError && <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />}
      {item.isPending && <p role="status">{t('common.loading')}</p>}
      {item.data && <ImportDetails campaignId={campaignId} item={item.data} />}
      <button type="button" className="secondary" onClick={onClose}>
        {t('campaigns.import.close')}
      </button>
    </div>
  )
}

function ImportDetails({ campaignId, item }: { campaignId: number; item: Import }) {
  const { t } = useI18n()
  const running = isImportRunning(item)
  const percent = importPercent(item)
  return (
    <>
      <p className="import-file">
        {t('campaigns.import.which', { name: item.filename, encoding: encodingText(t, item.encoding) })}
        <span className="hint"> {formatDateTime(item.created_at)}</span>
      </p>
      <p role="status" className={`job-status status-${item.status}`}>
        {t('campaigns.import.status', { status: t(importStatusKey(item.status)) })}
        {item.status === 'succeeded' && ` ${t('campaigns.import.result', { valid: n(item.rows_valid), invalid: n(item.rows_invalid) })}`}
      </p>
      {running && (
        <div className="job-progress">
          <progress aria-label={t('campaigns.import.progress')} {...(percent === null ? {} : { value: item.bytes_read, max: item.bytes_total })} />
          <span>
            {t('campaigns.import.bytes', { read: n(item.bytes_read), total: n(item.bytes_total), percent: percent ?? 0 })}
            <span className="hint"> {t('campaigns.import.soFar', { valid: n(item.rows_valid), invalid: n(item.rows_invalid) })}</span>
          </span>
        </div>
      )}
      {item.status === 'failed' && (
        <div role="alert" className="alert">
          <p className="alert-title">{t('campaigns.import.failed')}</p>
          <p className="alert-detail pre">{item.error || t('documents.job.noError')}</p>
        </div>
      )}
      {!running && item.rows_invalid > 0 && (
        <div className="import-errors">
          <p>{t('campaigns.import.invalidLines', { count: n(item.rows_invalid) })}</p>
          <CsvDownloadButton label={t('campaigns.import.errorReport')} download={() => downloadImportErrors(campaignId, item.id)} />
        </div>
      )}
    </>
  )
}
