import { useId, type ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n'
import { fieldError } from '../claimant/useClaimantWrite'

export interface FieldProps {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  /** the API's name of the field: its 422 marks this input invalid */
  name: string
  error?: unknown
  /** an error found before sending (shown under the input) */
  localError?: string | null
  required?: boolean
  type?: 'text' | 'date' | 'email' | 'password'
  hint?: ReactNode
  multiline?: boolean
  rows?: number
  inputMode?: 'numeric' | 'decimal'
  autoComplete?: string
  maxLength?: number
}

/** A labelled input (or textarea) with its hint and required mark, invalid when the API's problem names it. */
export function Field({ label, value, onChange, name, error, localError, required, type = 'text', hint, multiline, rows = 6, inputMode, autoComplete, maxLength }: FieldProps) {
  const { t } = useI18n()
  const id = useId()
  const invalid = Boolean(localError) || fieldError(error, name) || fieldError(error, `body.${name}`)
  const described = [hint ? `${id}-hint` : null, localError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name,
    value,
    required,
    'aria-required': required || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': described,
    maxLength,
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span className="required">{t('common.required')}</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {localError && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {localError}
        </span>
      )}
    </div>
  )
}
