import '../components/claimantList/claimantList.css'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ApiError, claimsApi, unwrap } from '../api/client'
import { useCanWriteClaims } from '../components/claimant/claimantQueries'
import { downloadTemplate, type FileFormat } from '../components/claimantList/files'
import { ImportReportView, type ImportReport } from '../components/claimantList/ImportReportView'
import { useCurrentCase } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'

type Mode = 'all' | 'valid_only'
const ACCEPTED = /\.(csv|xlsx)$/i

interface Run {
  file: File
  mode: Mode
  dryRun: boolean
  key: string
}

function newKeys(): Record<Mode, string> {
  return { all: crypto.randomUUID(), valid_only: crypto.randomUUID() }
}

/** A 422 of an import (mode all with bad rows) carries the full report in `report`. */
function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError)) return null
  const report = (error.problem as { report?: ImportReport }).report
  return report && Array.isArray(report.errors) ? report : null
}

async function postImport(caseId: number, run: Run): Promise<ImportReport> {
  const form = new FormData()
  form.append('file', run.file, run.file.name)
  return unwrap(
    await claimsApi.POST('/api/v1/cases/{case_id}/claimant-imports', {
      params: {
        path: { case_id: caseId },
        query: { mode: run.mode, dry_run: run.dryRun },
        header: run.dryRun ? {} : { 'idempotency-key': run.key },
      },
      // the typed body is the form's fields; the multipart form itself is sent (the browser sets the boundary)
      body: form as unknown as { file: string },
    }),
  )
}

/**
 * 原告の取込み: choose (or drop) a CSV/XLSX file, check it (a dry run: rows read, valid, errors by row and column,
 * duplicates), then import all of it or only the valid rows, and open the claimants it created. Staff and above.
 */
export default function ClaimantImportPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const canWrite = useCanWriteClaims()
  const caseData = theCase.data
  return (
    <article aria-labelledby="claimant-import-title" className="claimant-import-page">
      <div className="page-head">
        <h1 id="claimant-import-title">{t('claimantList.imp.title')}</h1>
        <Link to="/claimants">{t('claimantList.imp.back')}</Link>
      </div>
      <p>{t('claimantList.imp.intro')}</p>
      <Templates />
      {theCase.isError && <ErrorAlert error={theCase.error} onRetry={() => void theCase.refetch()} />}
      {theCase.isPending && <p role="status">{t('common.loading')}</p>}
      {caseData === null && <p>{t('claimantList.noCase')}</p>}
      {caseData && (canWrite ? <ImportWizard caseId={caseData.id} /> : <p className="notice">{t('claimantList.imp.readOnly')}</p>)}
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

function ImportWizard({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [over, setOver] = useState(false)
  const [mode, setMode] = useState<Mode>('all')
  const check = useMutation({ mutationFn: (run: Run) => postImport(caseId, run) })
  const save = useMutation({
    mutationFn: (run: Run) => postImport(caseId, run),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['claimants'] }),
  })
  // one idempotency key per file and mode: pressing import again after a network failure does not import twice
  const [keys, setKeys] = useState(newKeys)

  const checked = check.data ?? null
  const failedReport = reportOf(save.error)
  const shown = save.data ?? failedReport ?? checked
  const pending = check.isPending || save.isPending

  // a new report takes the focus (its heading), so a screen reader reads it next
  useEffect(() => {
    if (shown) document.getElementById(`${id}-report`)?.focus()
  }, [shown, id])

  function choose(next: File | null) {
    check.reset()
    save.reset()
    setKeys(newKeys())
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

  function runCheck(event: FormEvent) {
    event.preventDefault()
    if (pending) return
    if (!file) {
      setFileError(t('claimantList.imp.fileRequired'))
      fileRef.current?.focus()
      return
    }
    save.reset()
    check.mutate({ file, mode, dryRun: true, key: keys[mode] })
  }

  function runImport() {
    if (pending || !file) return
    save.mutate({ file, mode, dryRun: false, key: keys[mode] })
  }

  function again() {
    check.reset()
    save.reset()
    setFile(null)
    setKeys(newKeys())
    if (fileRef.current) fileRef.current.value = ''
    fileRef.current?.focus()
  }

  const done = save.isSuccess
  const nothingValid = checked !== null && checked.rows_valid === 0

  return (
    <>
      <section aria-labelledby={`${id}-file-title`}>
        <h2 id={`${id}-file-title`}>{t('claimantList.imp.step.file')}</h2>
        <form onSubmit={runCheck} noValidate>
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
            <button type="submit" aria-disabled={pending || undefined}>
              {check.isPending ? t('claimantList.imp.checking') : t('claimantList.imp.check')}
            </button>
          </p>
        </form>
        {check.isError && <ErrorAlert error={check.error} />}
      </section>

      {shown && (
        <section aria-labelledby={`${id}-report`}>
          <ImportReportView report={shown} headingId={`${id}-report`} />
        </section>
      )}

      {checked && !done && (
        <section aria-labelledby={`${id}-import-title`}>
          <h2 id={`${id}-import-title`}>{t('claimantList.imp.step.import')}</h2>
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
              <button type="button" aria-disabled={pending || undefined} onClick={runImport}>
                {save.isPending ? t('claimantList.imp.importing') : t('claimantList.imp.submit')}
              </button>
            </>
          )}
          {failedReport && <p className="field-error">{t('claimantList.imp.failedReport')}</p>}
          {save.isError && <ErrorAlert error={save.error} />}
        </section>
      )}

      {done && (
        <p>
          <button type="button" className="secondary" onClick={again}>
            {t('claimantList.imp.again')}
          </button>
        </p>
      )}
    </>
  )
}
