// The campaign form's inputs: a visible label (with 必須 or 任意), the input, a hint, and the reasons given for
// its path (`sender.name`, `data_items.1.key`) — by the API's 422 or by the form's own checks — right under it,
// tied to the input by aria-invalid and aria-describedby.
import { createContext, useContext, type ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n'
import { FieldErrors } from '../damages/fieldErrors'

export interface FormFields {
  idBase: string
  errors: FieldErrors
}

export const FormFieldsContext = createContext<FormFields>({ idBase: 'campaign', errors: FieldErrors.none })

export function useFormFields(): FormFields {
  return useContext(FormFieldsContext)
}

export function fieldId(idBase: string, path: string): string {
  return `${idBase}-${path.replace(/\./g, '-')}`
}

/** The reasons given for a path, under what it names (an input, a row, a group). */
export function FieldMessage({ path }: { path: string }) {
  const { idBase, errors } = useFormFields()
  const reasons = errors.at(path)
  if (reasons.length === 0) return null
  return (
    <p id={`${fieldId(idBase, path)}-error`} className="field-error">
      {reasons.join(' / ')}
    </p>
  )
}

function useField(path: string, hint?: ReactNode) {
  const { idBase, errors } = useFormFields()
  const id = fieldId(idBase, path)
  const invalid = errors.at(path).length > 0
  const describedBy = [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  return { id, invalid, describedBy }
}

function Label({ htmlFor, label, required, hidden }: { htmlFor: string; label: string; required?: boolean; hidden?: boolean }) {
  const { t } = useI18n()
  return (
    <label htmlFor={htmlFor} className={hidden ? 'visually-hidden' : undefined}>
      {label}
      {!hidden && (required ? <span className="required">{t('campaigns.form.required')}</span> : <span className="hint"> {t('campaigns.form.optional')}</span>)}
    </label>
  )
}

interface TextProps {
  path: string
  label: string
  value: string
  onChange: (value: string) => void
  required?: boolean
  hint?: ReactNode
  type?: 'text' | 'email' | 'tel' | 'date'
  maxLength?: number
  max?: string
  autoComplete?: string
  /** a column header shows the label: it is read by screen readers only */
  hiddenLabel?: boolean
}

export function TextField({ path, label, value, onChange, required, hint, type = 'text', maxLength, max, autoComplete = 'off', hiddenLabel }: TextProps) {
  const { id, invalid, describedBy } = useField(path, hint)
  return (
    <div className={hiddenLabel ? 'cell-field' : 'field'}>
      <Label htmlFor={id} label={label} required={required} hidden={hiddenLabel} />
      <input
        id={id}
        type={type}
        value={value}
        maxLength={maxLength}
        max={max}
        autoComplete={autoComplete}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage path={path} />
    </div>
  )
}

export function TextAreaField({ path, label, value, onChange, required, hint, rows = 4 }: Omit<TextProps, 'type' | 'max' | 'maxLength'> & { rows?: number }) {
  const { id, invalid, describedBy } = useField(path, hint)
  return (
    <div className="field">
      <Label htmlFor={id} label={label} required={required} />
      <textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={4000}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage path={path} />
    </div>
  )
}
