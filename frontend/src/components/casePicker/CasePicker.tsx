import './casePicker.css'
import { useId } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'
import { useCases, useCurrentCase } from '../documents/renderQueries'
import { chooseCase } from './chosenCase'

/** True for a page about one record (a claimant, a campaign: an id in the path), which belongs to one case. */
export function isAboutOneRecord(pathname: string): boolean {
  return pathname.split('/').some((segment) => /^\d+$/.test(segment))
}

/**
 * 事件: the header's choice of the case every screen works on; shown only when claims-api holds more than one.
 * A switch leaves a page about one record of the old case for the dashboard; a list page stays, from its start
 * (its filters and selection, in the URL, may name the old case's proceedings or hearings).
 */
export function CasePicker() {
  const { t } = useI18n()
  const id = useId()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const cases = useCases()
  const current = useCurrentCase()
  const list = cases.data ?? []
  if (list.length < 2 || !current.data) return null

  function switchTo(caseId: number) {
    chooseCase(caseId)
    navigate(isAboutOneRecord(pathname) ? '/dashboard' : pathname, { replace: true })
  }

  return (
    <span className="case-picker">
      <label htmlFor={id}>{t('casePicker.label')}</label>
      <select id={id} value={current.data.id} onChange={(e) => switchTo(Number(e.target.value))}>
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {c.case_number ? t('casePicker.option', { name: c.name, number: c.case_number }) : c.name}
          </option>
        ))}
      </select>
    </span>
  )
}
