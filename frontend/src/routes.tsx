import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, type RouteObject } from 'react-router-dom'
import { RequireAuth } from './components/RequireAuth'
import { LoginPage } from './pages/LoginPage'

// The login page is the first screen and stays in the main chunk; everything behind it loads on demand.
const AuthedShell = lazy(() => import('./components/AuthedShell'))
const DashboardPage = lazy(() => import('./pages/DashboardPage'))
const ClaimantListPage = lazy(() => import('./pages/ClaimantListPage'))
const ClaimantImportPage = lazy(() => import('./pages/ClaimantImportPage'))
const ClaimantDetailPage = lazy(() => import('./pages/ClaimantDetailPage'))
const DocumentsPage = lazy(() => import('./pages/DocumentsPage'))
const HearingsPage = lazy(() => import('./pages/HearingsPage'))
const CampaignsPage = lazy(() => import('./pages/CampaignsPage'))
const CampaignNewPage = lazy(() => import('./pages/CampaignNewPage'))
const CampaignPage = lazy(() => import('./pages/CampaignPage'))
const PartnersPage = lazy(() => import('./pages/PartnersPage'))
const SettingsCasePage = lazy(() => import('./pages/SettingsCasePage'))
const SettingsUsersPage = lazy(() => import('./pages/SettingsUsersPage'))
const AuditLogPage = lazy(() => import('./pages/AuditLogPage'))
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'))

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p role="status" className="boot">…</p>}>{children}</Suspense>
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: (
          <Loading>
            <AuthedShell />
          </Loading>
        ),
        children: [
          { index: true, element: <Navigate to="/dashboard" replace /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'claimants', element: <ClaimantListPage /> },
          { path: 'claimants/import', element: <ClaimantImportPage /> },
          { path: 'claimants/import/:importId', element: <ClaimantImportPage /> },
          { path: 'claimants/:id', element: <ClaimantDetailPage /> },
          { path: 'documents', element: <DocumentsPage /> },
          { path: 'hearings', element: <HearingsPage /> },
          { path: 'campaigns', element: <CampaignsPage /> },
          { path: 'campaigns/new', element: <CampaignNewPage /> },
          { path: 'campaigns/:id', element: <CampaignPage /> },
          { path: 'partners', element: <PartnersPage /> },
          { path: 'settings', element: <Navigate to="/settings/case" replace /> },
          { path: 'settings/case', element: <SettingsCasePage /> },
          { path: 'settings/users', element: <SettingsUsersPage /> },
          { path: 'audit', element: <AuditLogPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]
