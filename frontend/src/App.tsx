import { createBrowserRouter, RouterProvider } from 'react-router-dom'
import { setNavigator } from './auth/session'
import { I18nProvider } from './i18n/i18n'
import { routes } from './routes'

const router = createBrowserRouter(routes)
setNavigator({
  navigate: (to) => void router.navigate(to, { replace: true }),
  currentPath: () => router.state.location.pathname + router.state.location.search,
})

export default function App() {
  return (
    <I18nProvider>
      <RouterProvider router={router} />
    </I18nProvider>
  )
}
