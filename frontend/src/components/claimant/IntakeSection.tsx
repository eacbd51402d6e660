import './claimant.css'
import { useI18n } from '../../i18n/i18n'
import { ChecklistEditor } from './ChecklistEditor'
import { DeficiencyList } from './DeficiencyList'
import { DuplicateList } from './DuplicateList'
import { StageEditor } from './StageEditor'
import { StageHistory } from './StageHistory'

/** 受任手続: stage (with history), documents received, open deficiencies, possible duplicates. Editable with
 * claims:write, read-only otherwise. Each part reads the claimant from the shared query. */
export function IntakeSection({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  return (
    <section aria-labelledby="intake-title" className="intake">
      <h2 id="intake-title">{t('intake.title')}</h2>
      <StageEditor claimantId={claimantId} />
      <StageHistory claimantId={claimantId} />
      <ChecklistEditor claimantId={claimantId} />
      <DeficiencyList claimantId={claimantId} />
      <DuplicateList claimantId={claimantId} />
    </section>
  )
}
