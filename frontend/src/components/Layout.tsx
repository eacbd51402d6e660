import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { clearSession } from '../auth/session'
import { useI18n } from '../i18n/i18n'
import { CasePicker } from './casePicker/CasePicker'
import { useChosenCaseId } from './casePicker/chosenCase'
import { ErrorAlert } from './ErrorAlert'
import { LanguageSwitch } from './LanguageSwitch'

export function Layout() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const chosenCaseId = useChosenCaseId()
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/auth/me', { signal })),
    staleTime: 5 * 60_000,
  })

  function logout() {
    clearSession()
    queryClient.clear()
    navigate('/login', { replace: true })
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <Link to="/dashboard" className="app-name">
          {t('app.name')}
        </Link>
        <CasePicker />
        <nav aria-label={t('nav.label')}>
          <NavLink to="/dashboard">{t('dashboard.nav')}</NavLink>
          <NavLink to="/claimants">{t('nav.claimants')}</NavLink>
          <NavLink to="/documents">{t('documents.nav')}</NavLink>
          <NavLink to="/campaigns">{t('campaigns.nav')}</NavLink>
          <NavLink to="/hearings">{t('hearings.nav')}</NavLink>
          {/* admins only (clients:admin); the page says so to anyone else who finds it */}
          {me.data?.scopes.includes('clients:admin') && <NavLink to="/partners">{t('partners.nav')}</NavLink>}
          {/* 設定: its case page is everyone's to read (cases:read); it says who may change what, users and the
              audit log are listed in it for admins only */}
          {me.data?.scopes.includes('cases:read') && <NavLink to="/settings/case">{t('admin.nav')}</NavLink>}
        </nav>
        <div className="header-right">
          {me.data && <span className="user">{t('header.user', { name: me.data.name || me.data.sub })}</span>}
          <LanguageSwitch />
          <button type="button" onClick={logout}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
        {/* another case starts every page afresh: no form or selection of the old case carries over */}
        <Suspense key={chosenCaseId ?? 'first'} fallback={<p role="status">{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  )
}
