import { NavLink } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'
import { useMe } from '../claimant/claimantQueries'
import { AUDIT_READ, USERS_ADMIN } from './admin'

/** The pages of 設定: the case (everyone may read it), users and the audit log (admins). */
export function SettingsNav() {
  const { t } = useI18n()
  const scopes = useMe().data?.scopes ?? []
  return (
    <nav aria-label={t('admin.nav.label')} className="settings-nav">
      <NavLink to="/settings/case">{t('admin.nav.case')}</NavLink>
      {scopes.includes(USERS_ADMIN) && <NavLink to="/settings/users">{t('admin.nav.users')}</NavLink>}
      {scopes.includes(AUDIT_READ) && <NavLink to="/audit">{t('admin.nav.audit')}</NavLink>}
    </nav>
  )
}
