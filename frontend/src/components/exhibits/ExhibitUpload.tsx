import { useId, useRef, useState, type DragEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { ErrorAlert } from '../ErrorAlert'
import { formatSize } from './exhibitQueries'
import { UploadError } from './upload'
import { isAborted, useExhibitUpload, type UploadStep } from './useExhibitUpload'

const STEP: Record<UploadStep, MessageKey> = {
  hashing: 'claimantPage.upload.hashing',
  ticket: 'claimantPage.upload.ticket',
  transfer: 'claimantPage.upload.transfer',
  complete: 'claimantPage.upload.complete',
}

/** What went wrong on the way to storage (claims-api's own errors are ApiErrors, shown with their problem). */
function UploadErrorText({ error }: { error: UploadError }) {
  const { t } = useI18n()
  const text =
    error.reason === 'storage'
      ? t('claimantPage.upload.error.storage', { status: error.status })
      : t(`claimantPage.upload.error.${error.reason}` as MessageKey)
  return (
    <div role="alert" className="alert">
      <p className="alert-title">{t('claimantPage.upload.failed')}</p>
      <p className="alert-detail">{text}</p>
      {error.detail && <p className="alert-meta">{error.detail}</p>}
    </div>
  )
}

/**
 * The drop zone of one exhibit: a button that opens the file picker and takes a file dropped on it. The file's
 * SHA-256 is computed here and shown, the file goes to storage with a progress bar, and the stored version (its
 * hash checked by claims-api) replaces the exhibit's current file. A failed or aborted upload says why and can be
 * tried again with the same file.
 */
export function ExhibitUpload({ claimantId, exhibitId, label }: { claimantId: number; exhibitId: number; label: string }) {
  const { t } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)
  const upload = useExhibitUpload(claimantId, exhibitId)
  const { state } = upload
  const busy = state.phase === 'working'

  function take(files: FileList | null) {
    const file = files?.[0]
    if (file && !busy) upload.start(file)
  }

  function drop(event: DragEvent<HTMLButtonElement>) {
    event.preventDefault()
    setOver(false)
    take(event.dataTransfer.files)
  }

  const file = state.phase === 'idle' ? null : state.file
  const sha256 = state.phase === 'idle' ? null : state.sha256
  const loaded = state.phase === 'working' || state.phase === 'failed' ? state.loaded : file?.size ?? 0
  const total = file?.size ?? 0
  const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0
  // announced: the step, and the percentage in steps of ten while the file is sent
  let status = ''
  if (state.phase === 'working') {
    status = t(STEP[state.step], { name: state.file.name })
    if (state.step === 'transfer') status += ` ${t('claimantPage.upload.percent', { percent: Math.floor(percent / 10) * 10 })}`
  } else if (state.phase === 'done') {
    status = t('claimantPage.upload.done', { name: state.file.name, version: state.version.version })
  }

  return (
    <div className="exhibit-upload">
      <button
        type="button"
        className={`drop-zone${over ? ' over' : ''}`}
        aria-disabled={busy || undefined}
        aria-describedby={`${id}-hint`}
        onClick={() => {
          if (!busy) input.current?.click()
        }}
        onDragEnter={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragOver={(e) => {
          e.preventDefault()
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy'
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        {t('claimantPage.upload.zone')}
        <span className="visually-hidden">{t('claimantPage.upload.which', { label })}</span>
      </button>
      <span id={`${id}-hint`} className="hint">
        {t('claimantPage.upload.hint')}
      </span>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('claimantPage.upload.input', { label })}
        data-exhibit-file={exhibitId}
        onChange={(e) => {
          take(e.target.files)
          e.target.value = ''
        }}
      />
      {file && (
        <div className="upload-progress">
          <p className="upload-file">
            {t('claimantPage.file.nameSize', { name: file.name, size: formatSize(file.size) })}
          </p>
          <label htmlFor={`${id}-progress`}>{t('claimantPage.upload.progress')}</label>{' '}
          <progress id={`${id}-progress`} max={100} value={state.phase === 'done' ? 100 : percent}>
            {percent}%
          </progress>{' '}
          <span aria-hidden="true">{state.phase === 'done' ? 100 : percent}%</span>
          <p className="hash">
            SHA-256: <code data-testid="upload-sha256">{sha256 ?? t('claimantPage.upload.hashPending')}</code>
          </p>
        </div>
      )}
      <p role="status" aria-live="polite" className="write-status">
        {status}
      </p>
      {state.phase === 'working' && state.step === 'transfer' && (
        <button type="button" onClick={upload.abort}>
          {t('claimantPage.upload.abort')}
        </button>
      )}
      {state.phase === 'failed' && (
        <>
          {state.error instanceof UploadError ? <UploadErrorText error={state.error} /> : <ErrorAlert error={state.error} />}
          <p className="hint">{t('claimantPage.upload.failedAt', { step: t(STEP[state.step], { name: state.file.name }) })}</p>
          <button type="button" onClick={upload.retry}>
            {isAborted(state.error) ? t('claimantPage.upload.restart') : t('claimantPage.upload.retry')}
          </button>{' '}
          <button type="button" onClick={upload.reset}>
            {t('claimantPage.upload.dismiss')}
          </button>
        </>
      )}
    </div>
  )
}
