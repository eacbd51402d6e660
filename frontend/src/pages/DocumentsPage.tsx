import '../components/claimant/claimant.css'
import '../components/documents/documents.css'
import { useSearchParams } from 'react-router-dom'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { RenderForm } from '../components/documents/RenderForm'
import { RenderHistory } from '../components/documents/RenderHistory'
import { RenderJobPanel } from '../components/documents/RenderJobPanel'
import { useCanWriteRenders, useCurrentCase } from '../components/documents/renderQueries'
import { useI18n } from '../i18n/i18n'

function jobFrom(params: URLSearchParams): number | null {
  const n = Number(params.get('job'))
  return Number.isInteger(n) && n > 0 ? n : null
}

/**
 * 書類作成: filings rendered by docs-render in the background. The job being watched is in the URL (?job=),
 * so leaving the page and coming back (or reloading) shows its progress again; the history lists every job.
 */
export default function DocumentsPage() {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const jobId = jobFrom(params)
  const theCase = useCurrentCase()
  const { canWrite, known } = useCanWriteRenders()

  function watch(id: number | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (id === null) next.delete('job')
        else next.set('job', String(id))
        return next
      },
      { replace: true },
    )
  }

  const caseData = theCase.data
  return (
    <article aria-labelledby="documents-title" className="documents-page">
      <h1 id="documents-title">{t('documents.title')}</h1>
      <CaseStatus theCase={theCase} noCase={t('documents.noCase')} />
      {caseData && (
        <>
          <p className="case-name">{t('documents.case', { name: caseData.name })}</p>
          <RenderForm caseId={caseData.id} canWrite={canWrite} permissionKnown={known} onCreated={(job) => watch(job.id)} />
          {jobId !== null && <RenderJobPanel key={jobId} jobId={jobId} onClose={() => watch(null)} />}
          <RenderHistory caseId={caseData.id} />
        </>
      )}
    </article>
  )
}
