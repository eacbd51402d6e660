import { useEffect, useState, type FormEvent } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { claimsApi, unwrap } from '../api/client'
import { safeNext, startSession, clearExpiredNotice, hasExpiredNotice, useSession } from '../auth/session'
import { ErrorAlert } from '../components/ErrorAlert'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { useI18n } from '../i18n/i18n'

export function LoginPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const session = useSession()
  const next = safeNext(params.get('next'))
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [pending, setPending] = useState(false)
  const [expired] = useState(hasExpiredNotice)
  useEffect(clearExpiredNotice, [])

  if (session && !pending) return <Navigate to={next} replace />

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      const token = unwrap(
        await claimsApi.POST('/api/v1/auth/token', {
          body: { grant_type: 'password', username: email, password },
          bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      )
      startSession(token.access_token, token.expires_in)
      navigate(next, { replace: true })
    } catch (e) {
      setError(e)
      setPending(false)
    }
  }

  return (
    <main id="main" className="login">
      <div className="login-box">
        <h1>{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        {expired && !error && <p className="notice" role="status">{t('login.expired')}</p>}
        {error != null && <ErrorAlert error={error} />}
        <form onSubmit={submit} aria-busy={pending}>
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input
              id="login-email"
              name="username"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" disabled={pending}>
            {pending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  )
}
