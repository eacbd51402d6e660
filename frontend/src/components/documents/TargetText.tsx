import { Link } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'
import { useClaimant } from '../claimant/claimantQueries'
import type { RenderRead } from './documents'
import { useProceedings } from './renderQueries'

/** Whom a job's document is about: the claimant (a link to the claimant's page) and/or the proceeding, by name. */
export function TargetText({ job }: { job: Pick<RenderRead, 'case_id' | 'proceeding_id' | 'claimant_id'> }) {
  const { t } = useI18n()
  if (job.claimant_id === null && job.proceeding_id === null) return <>{t('common.none')}</>
  return (
    <>
      {job.claimant_id !== null && <ClaimantName id={job.claimant_id} />}
      {job.claimant_id !== null && job.proceeding_id !== null && ' / '}
      {job.proceeding_id !== null && <ProceedingName caseId={job.case_id} id={job.proceeding_id} />}
    </>
  )
}

function ClaimantName({ id }: { id: number }) {
  const { t } = useI18n()
  // the claimant page's query (same key): a name fetched once serves both pages
  const name = useClaimant(id).data?.claimant.name
  return (
    <Link to={`/claimants/${id}`}>
      {name ? t('documents.target.claimantNamed', { name, id }) : t('documents.target.claimant', { id })}
    </Link>
  )
}

function ProceedingName({ caseId, id }: { caseId: number; id: number }) {
  const { t } = useI18n()
  const proceeding = useProceedings(caseId).data?.find((p) => p.id === id)
  return <>{proceeding ? proceeding.name : t('documents.target.proceeding', { id })}</>
}
