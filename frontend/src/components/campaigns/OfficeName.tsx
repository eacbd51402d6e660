import { Link } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'
import { useClaimant } from '../claimant/claimantQueries'
import { officeText } from './OfficePicker'

/**
 * Whom a campaign notifies for: 「案件全体」, or the office (the claimant of claims-api, linked to its page). The
 * claimant page's query (same key) gives the name, so a list of campaigns of one office asks once.
 */
export function OfficeName({ claimantId }: { claimantId: number | null }) {
  const { t } = useI18n()
  const claimant = useClaimant(claimantId ?? 0, claimantId !== null)
  if (claimantId === null) return <>{t('campaigns.office.wholeCase')}</>
  const c = claimant.data?.claimant
  return (
    <Link to={`/claimants/${claimantId}`}>
      {c ? officeText(t, { id: c.id, name: c.name, office: c.office_name ?? null }) : t('campaigns.office.number', { id: claimantId })}
    </Link>
  )
}
