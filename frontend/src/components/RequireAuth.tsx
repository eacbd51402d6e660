import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { loginPath, useSession } from '../auth/session'

/** Routes inside need a session; without one, go to the login page and come back afterwards. */
export function RequireAuth() {
  const session = useSession()
  const location = useLocation()
  if (!session) return <Navigate to={loginPath(location.pathname + location.search)} replace />
  return <Outlet />
}
