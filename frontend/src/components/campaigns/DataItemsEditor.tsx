import { useRef } from 'react'
import { useI18n } from '../../i18n/i18n'
import { FieldMessage, fieldId, TextField, useFormFields } from './fields'

export interface DataItemRow {
  /** the row's identity while it is edited (React key, focus after add/remove) */
  uid: number
  key: string
  label: string
}

let nextUid = 1
export function newDataItemRow(key = '', label = ''): DataItemRow {
  return { uid: nextUid++, key, label }
}

/**
 * The catalogue of the data items (規則8条1項2号): one row per kind of data, a key (what the recipient list's
 * 項目 column may name, with the label) and the label the notices print. Rows are added and removed with
 * buttons; after a removal the focus goes to the row that took its place, or to 「項目を追加」.
 */
export function DataItemsEditor({ rows, onChange }: { rows: DataItemRow[]; onChange: (rows: DataItemRow[]) => void }) {
  const { t } = useI18n()
  const { idBase, errors } = useFormFields()
  const addRef = useRef<HTMLButtonElement>(null)
  const groupInvalid = errors.at('data_items').length > 0

  function update(index: number, patch: Partial<DataItemRow>) {
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)))
  }

  function focusKey(index: number) {
    // after React has rendered the new rows
    setTimeout(() => document.getElementById(fieldId(idBase, `data_items.${index}.key`))?.focus(), 0)
  }

  function add() {
    onChange([...rows, newDataItemRow()])
    focusKey(rows.length)
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index)
    onChange(next)
    if (next.length === 0) addRef.current?.focus()
    else focusKey(Math.min(index, next.length - 1))
  }

  return (
    <fieldset className="data-items" aria-describedby={[`${idBase}-data-items-hint`, groupInvalid ? `${fieldId(idBase, 'data_items')}-error` : null].filter(Boolean).join(' ')}>
      <legend>
        {t('campaigns.form.dataItems')}
        <span className="required">{t('campaigns.form.required')}</span>
      </legend>
      <p id={`${idBase}-data-items-hint`} className="hint">
        {t('campaigns.form.dataItemsHint')}
      </p>
      <FieldMessage path="data_items" />
      {rows.length > 0 && (
        <table className="data data-items-table">
          <thead>
            <tr>
              <th scope="col">{t('campaigns.form.itemKey')}</th>
              <th scope="col">{t('campaigns.form.itemLabel')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('campaigns.form.itemActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.uid}>
                <td>
                  <TextField
                    path={`data_items.${index}.key`}
                    label={t('campaigns.form.itemKeyOf', { n: index + 1 })}
                    hiddenLabel
                    required
                    maxLength={64}
                    value={row.key}
                    onChange={(key) => update(index, { key })}
                  />
                </td>
                <td>
                  <TextField
                    path={`data_items.${index}.label`}
                    label={t('campaigns.form.itemLabelOf', { n: index + 1 })}
                    hiddenLabel
                    required
                    maxLength={100}
                    value={row.label}
                    onChange={(label) => update(index, { label })}
                  />
                  <FieldMessage path={`data_items.${index}`} />
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => remove(index)}>
                    {t('campaigns.form.itemRemove')}
                    <span className="visually-hidden">{t('campaigns.form.itemRemoveWhich', { n: index + 1 })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="secondary" ref={addRef} onClick={add}>
        {t('campaigns.form.itemAdd')}
      </button>
    </fieldset>
  )
}
