// A table of input lines (overtime, invoices, other losses): a column per value, a row per line, a button to
// add a line and one per row to remove it. Every input is named by its column and line for screen readers.
import { Fragment, useRef } from 'react'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { CheckboxField, fieldId, FieldMessage, InputField, SelectField, useEditorFields, type InputKind } from './fields'

export interface LineColumn<L> {
  name: keyof L & string
  label: MessageKey
  kind: InputKind | 'checkbox' | 'select'
  required?: boolean
  /** a select's choices (besides the blank 未選択), each with its label */
  options?: readonly { value: string; label: MessageKey }[]
}

export interface LineTableProps<L extends { key: string }> {
  /** the table's caption, e.g. 残業 */
  caption: string
  /** how a line is named: "残業 1行目" */
  lineName: (n: number) => string
  columns: LineColumn<L>[]
  /** the lines shown here, with their index in the API's `lines` list (a staff cost's two kinds share one) */
  lines: { line: L; index: number }[]
  onChange: (index: number, line: L) => void
  onRemove: (index: number) => void
  onAdd: () => void
  addLabel: string
  /** the line just added: its first input takes the focus */
  focusKey: string | null
}

export function LineTable<L extends { key: string }>({ caption, lineName, columns, lines, onChange, onRemove, onAdd, addLabel, focusKey }: LineTableProps<L>) {
  const { t } = useI18n()
  const { idBase, errors } = useEditorFields()
  const addRef = useRef<HTMLButtonElement>(null)

  function remove(index: number) {
    onRemove(index)
    // the row and its button go away: keep the keyboard in the table
    addRef.current?.focus()
  }

  return (
    <div className="line-table">
      <div className="table-wrap">
        <table className="data lines">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('lines.number')}
              </th>
              {columns.map((c) => (
                <th key={c.name} scope="col">
                  {t(c.label)}
                  {c.required && <span className="required">{t('common.required')}</span>}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('lines.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr>
                <td colSpan={columns.length + 2}>{t('lines.none')}</td>
              </tr>
            )}
            {lines.map(({ line, index }, n) => {
              const name = lineName(n + 1)
              const base = `inputs.lines.${index}`
              const lineReasons = errors.at(base)
              return (
                <Fragment key={line.key}>
                <tr>
                  <th scope="row" className="num">
                    {n + 1}
                  </th>
                  {columns.map((c, i) => {
                    const label = t('lines.cellLabel', { column: t(c.label), line: name })
                    const path = `${base}.${c.name}`
                    const value = line[c.name]
                    return (
                      <td key={c.name} className={`col-${c.kind}`}>
                        {c.kind === 'checkbox' ? (
                          <CheckboxField path={path} label={label} checked={Boolean(value)} onChange={(v) => onChange(index, { ...line, [c.name]: v })} />
                        ) : c.kind === 'select' ? (
                          <SelectField
                            path={path}
                            label={label}
                            hiddenLabel
                            value={String(value ?? '')}
                            options={(c.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
                            onChange={(v) => onChange(index, { ...line, [c.name]: v })}
                          />
                        ) : (
                          <InputField
                            path={path}
                            label={label}
                            hiddenLabel
                            kind={c.kind}
                            required={c.required}
                            value={String(value ?? '')}
                            autoFocus={i === 0 && line.key === focusKey}
                            onChange={(v) => onChange(index, { ...line, [c.name]: v })}
                          />
                        )}
                      </td>
                    )
                  })}
                  <td>
                    <button type="button" className="secondary" onClick={() => remove(index)}>
                      {t('lines.remove')}
                      <span className="visually-hidden">{t('lines.removeWhich', { line: name })}</span>
                    </button>
                  </td>
                </tr>
                {lineReasons.length > 0 && (
                  <tr className="line-error">
                    <td colSpan={columns.length + 2}>
                      <FieldMessage id={`${fieldId(idBase, base)}-error`} reasons={lineReasons.map((r) => `${name}: ${r}`)} />
                    </td>
                  </tr>
                )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
      <button type="button" ref={addRef} className="secondary add-line" onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  )
}
