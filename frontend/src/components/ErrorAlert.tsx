import { ApiError } from '../api/client'
import { useI18n } from '../i18n/i18n'

/** Shows any error to the user: the problem's detail, its field errors and request ID, or a network failure. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n()
  let heading = t('error.title')
  let detail: string | null = null
  let fields: { field: string; reason: string }[] = []
  let requestId: string | null = null

  if (error instanceof ApiError) {
    const p = error.problem
    heading = p.title || t('error.status', { status: error.status })
    detail = p.detail ?? null
    fields = Array.isArray(p.errors) ? p.errors : []
    requestId = p.request_id ?? null
  } else if (error instanceof TypeError) {
    // fetch() rejects with a TypeError when the server cannot be reached
    detail = t('error.network')
  } else if (error instanceof Error) {
    detail = error.message
  } else if (error) {
    detail = String(error)
  }

  return (
    <div role="alert" className="alert">
      <p className="alert-title">{heading}</p>
      {detail && <p className="alert-detail">{detail}</p>}
      {fields.length > 0 && (
        <ul className="alert-fields">
          {fields.map((f, i) => (
            <li key={`${f.field}-${i}`}>
              <span className="field-name">
                {t('error.field')}: {f.field}
              </span>{' '}
              — {f.reason}
            </li>
          ))}
        </ul>
      )}
      {requestId && <p className="alert-meta">{t('error.requestId', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  )
}
