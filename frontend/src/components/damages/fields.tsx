// The editor's inputs: a label (visible, or hidden where a column header shows it), the input, a hint, and
// the API's reasons for the field's path right under it (aria-invalid, aria-describedby).
import { createContext, useContext, type ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n'
import { FieldErrors } from './fieldErrors'

export interface EditorFields {
  /** useId() of the editor: the prefix of every id in it */
  idBase: string
  errors: FieldErrors
}

export const EditorFieldsContext = createContext<EditorFields>({ idBase: 'damage', errors: FieldErrors.none })

export function useEditorFields(): EditorFields {
  return useContext(EditorFieldsContext)
}

export function fieldId(idBase: string, path: string): string {
  return `${idBase}-${path.replace(/\./g, '-')}`
}

/** The API's reasons for `path`, as a message next to the input (or line, or group) it names. */
export function FieldMessage({ id, reasons }: { id: string; reasons: string[] }) {
  if (reasons.length === 0) return null
  return (
    <p id={id} className="field-error">
      {reasons.join(' / ')}
    </p>
  )
}

/** The reasons for a path that is no single input (a line, all the lines, the inputs as a whole). */
export function GroupMessage({ path }: { path: string }) {
  const { idBase, errors } = useEditorFields()
  return <FieldMessage id={`${fieldId(idBase, path)}-error`} reasons={errors.at(path)} />
}

export type InputKind = 'text' | 'date' | 'yen' | 'integer' | 'decimal' | 'month'

const inputProps: Record<InputKind, { type: string; inputMode?: 'numeric' | 'decimal'; placeholder?: string; size?: number }> = {
  text: { type: 'text' },
  date: { type: 'date' },
  // text, not type=number: "1,234" and full-width digits are accepted (and the wheel changes no amount)
  yen: { type: 'text', inputMode: 'numeric', size: 10 },
  integer: { type: 'text', inputMode: 'numeric', size: 5 },
  decimal: { type: 'text', inputMode: 'decimal', size: 5 },
  month: { type: 'text', inputMode: 'numeric', placeholder: 'YYYY-MM', size: 8 },
}

interface InputFieldProps {
  /** the API's path of the value: `inputs.lines.0.hours` */
  path: string
  label: string
  value: string
  onChange: (value: string) => void
  kind?: InputKind
  required?: boolean
  hint?: ReactNode
  /** the label is read by screen readers only (a column header shows it) */
  hiddenLabel?: boolean
  /** also show the reasons given for paths under this one (`inputs.unbilled_months.0`) */
  nested?: boolean
  autoFocus?: boolean
  /** the unit written after the input (円, 時間) */
  unit?: string
}

export function InputField({ path, label, value, onChange, kind = 'text', required, hint, hiddenLabel, nested, autoFocus, unit }: InputFieldProps) {
  const { t } = useI18n()
  const { idBase, errors } = useEditorFields()
  const id = fieldId(idBase, path)
  const reasons = errors.at(path, nested)
  const hintId = hint ? `${id}-hint` : null
  const errorId = reasons.length > 0 ? `${id}-error` : null
  const described = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={hiddenLabel ? 'cell-field' : 'field'}>
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
        {required && !hiddenLabel && <span className="required">{t('common.required')}</span>}
      </label>
      <span className="input-unit">
        <input
          id={id}
          {...inputProps[kind]}
          value={value}
          required={required}
          autoComplete="off"
          autoFocus={autoFocus}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span aria-hidden="true">{unit}</span>}
      </span>
      {hint && (
        <p id={hintId ?? undefined} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage id={`${id}-error`} reasons={reasons} />
    </div>
  )
}

/** A choice of a line (a staff cost's task, an other loss's category); optional: the blank option is 未選択. */
export function SelectField({
  path,
  label,
  value,
  options,
  onChange,
  hiddenLabel,
}: {
  path: string
  label: string
  value: string
  /** the values with their labels, in the order offered */
  options: { value: string; label: string }[]
  onChange: (value: string) => void
  hiddenLabel?: boolean
}) {
  const { t } = useI18n()
  const { idBase, errors } = useEditorFields()
  const id = fieldId(idBase, path)
  const reasons = errors.at(path)
  const errorId = reasons.length > 0 ? `${id}-error` : undefined
  return (
    <div className={hiddenLabel ? 'cell-field' : 'field'}>
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('lines.unchosen')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} reasons={reasons} />
    </div>
  )
}

export function CheckboxField({ path, label, checked, onChange }: { path: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const { idBase, errors } = useEditorFields()
  const id = fieldId(idBase, path)
  const reasons = errors.at(path)
  return (
    <div className="cell-field checkbox">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        aria-invalid={reasons.length > 0 || undefined}
        aria-describedby={reasons.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <FieldMessage id={`${id}-error`} reasons={reasons} />
    </div>
  )
}

export function TextAreaField({ path, label, value, onChange, hint }: { path: string; label: string; value: string; onChange: (value: string) => void; hint?: string }) {
  const { idBase, errors } = useEditorFields()
  const id = fieldId(idBase, path)
  const reasons = errors.at(path)
  const hintId = hint ? `${id}-hint` : null
  const errorId = reasons.length > 0 ? `${id}-error` : null
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={10000}
        value={value}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p id={hintId ?? undefined} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage id={`${id}-error`} reasons={reasons} />
    </div>
  )
}
