import '../components/claimantList/claimantList.css'
import { useMutation } from '@tanstack/react-query'
import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { useCanWriteClaims } from '../components/claimant/claimantQueries'
import { ImportHistory } from '../components/claimantImport/ImportHistory'
import { ImportJobPanel } from '../components/claimantImport/ImportJobPanel'
import { useStartImport } from '../components/claimantImport/importQueries'
import { downloadTemplate, type FileFormat } from '../components/claimantList/files'
import { useCurrentCase } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'

const ACCEPTED = /\.(csv|xlsx)$/i

/**
 * 原告の取込み: choose (or drop) a CSV/XLSX file and hand it over; claims-api checks it in the background (a dry run:
 * rows read, valid, errors by row and column, duplicates) and, once confirmed, imports all of it or only the valid
 * rows. Each import has its own URL (/claimants/import/:id) and stays in the list of recent imports, so the page can
 * be left while a long file is read and returned to. Staff and above start and confirm imports.
 */
export default function ClaimantImportPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const canWrite = useCanWriteClaims()
  const importId = Number(useParams().importId) || null
  const caseData = theCase.data
  return (
    <article aria-labelledby="claimant-import-title" className="claimant-import-page">
      <div className="page-head">
        <h1 id="claimant-import-title">{t('claimantList.imp.title')}</h1>
        <Link to="/claimants">{t('claimantList.imp.back')}</Link>
        {importId !== null && <Link to="/claimants/import">{t('claimantList.imp.again')}</Link>}
      </div>
      <CaseStatus theCase={theCase} noCase={t('claimantList.noCase')} />
      {importId !== null && <ImportJobPanel key={importId} importId={importId} />}
      {caseData && importId === null && (
        <>
          <p>{t('claimantList.imp.intro')}</p>
          <Templates />
          {canWrite ? <FileStep caseId={caseData.id} /> : <p className="notice">{t('claimantList.imp.readOnly')}</p>}
        </>
      )}
      {caseData && <ImportHistory caseId={caseData.id} current={importId} />}
    </article>
  )
}

function Templates() {
  const { t } = useI18n()
  const run = useMutation({ mutationFn: (format: FileFormat) => downloadTemplate(format) })
  return (
    <section aria-labelledby="claimant-import-templates">
      <h2 id="claimant-import-templates">{t('claimantList.imp.template')}</h2>
      <div className="templates">
        {(['xlsx', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="secondary"
            aria-disabled={run.isPending || undefined}
            onClick={() => {
              if (!run.isPending) run.mutate(format)
            }}
          >
            {t(format === 'xlsx' ? 'claimantList.imp.templateXlsx' : 'claimantList.imp.templateCsv')}
          </button>
        ))}
        <span role="status" className="write-status">
          {run.isPending ? t('claimantList.export.pending') : run.isSuccess ? t('claimantList.export.done', { name: run.data }) : ''}
        </span>
      </div>
      {run.isError && <ErrorAlert error={run.error} />}
    </section>
  )
}

function FileStep({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const id = useId()
  const navigate = useNavigate()
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [over, setOver] = useState(false)
  // one idempotency key per chosen file: pressing the button again after a network failure starts one import
  const [key, setKey] = useState(() => crypto.randomUUID())
  const start = useStartImport(caseId)

  function choose(next: File | null) {
    start.reset()
    setKey(crypto.randomUUID())
    if (next && !ACCEPTED.test(next.name)) {
      setFile(null)
      setFileError(t('claimantList.imp.wrongType', { name: next.name }))
      return
    }
    setFile(next)
    setFileError(null)
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault()
    setOver(false)
    const dropped = event.dataTransfer.files?.[0]
    if (dropped) choose(dropped)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (start.isPending) return
    if (!file) {
      setFileError(t('claimantList.imp.fileRequired'))
      fileRef.current?.focus()
      return
    }
    start.mutate({ file, key }, { onSuccess: (job) => navigate(`/claimants/import/${job.id}`) })
  }

  return (
    <section aria-labelledby={`${id}-file-title`}>
      <h2 id={`${id}-file-title`}>{t('claimantList.imp.step.file')}</h2>
      <form onSubmit={submit} noValidate>
        <div
          className={over ? 'import-drop over' : 'import-drop'}
          onDragOver={(e) => {
            e.preventDefault()
            setOver(true)
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="drop-zone"
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('claimantList.imp.file')}</label>
            <input
              id={`${id}-file`}
              ref={fileRef}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError !== null || undefined}
              aria-describedby={[`${id}-drop`, fileError ? `${id}-file-error` : null].filter(Boolean).join(' ')}
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
            />
          </div>
          <p id={`${id}-drop`} className="hint">
            {t('claimantList.imp.drop')}
          </p>
          {file && <p>{t('claimantList.imp.chosen', { name: file.name, size: file.size.toLocaleString('ja-JP') })}</p>}
          {fileError && (
            <p id={`${id}-file-error`} className="field-error">
              {fileError}
            </p>
          )}
        </div>
        <p>
          <button type="submit" aria-disabled={start.isPending || undefined}>
            {start.isPending ? t('claimantImport.sending') : t('claimantList.imp.check')}
          </button>
        </p>
      </form>
      {start.isError && <ErrorAlert error={start.error} />}
    </section>
  )
}
