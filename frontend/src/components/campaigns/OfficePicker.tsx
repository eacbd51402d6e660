import { useId, useState } from 'react'
import { useI18n } from '../../i18n/i18n'
import { useDebounced } from '../../useDebounced'
import { SEARCH_DELAY_MS } from '../documents/ClaimantPicker'
import { useClaimantSearch } from '../documents/renderQueries'
import { ErrorAlert } from '../ErrorAlert'
import { FieldMessage, fieldId, useFormFields } from './fields'

export interface PickedOffice {
  id: number
  name: string
  office: string | null
}

/** 「堺社会保険労務士事務所（堺 三郎・番号 7）」, or the name alone for a claimant without an office name. */
export function officeText(t: ReturnType<typeof useI18n>['t'], o: PickedOffice): string {
  return o.office ? t('campaigns.office.named', { office: o.office, name: o.name, id: o.id }) : t('campaigns.office.person', { name: o.name, id: o.id })
}

/**
 * The office a campaign notifies for, optional: 「案件全体」 (none) or one claimant of the case, found by the same
 * search as the documents page's claimant picker (which always asks for a claimant; this one may be left empty).
 * Radio buttons, so the keyboard and screen readers get the native behaviour.
 */
export function OfficePicker({ caseId, value, onChange }: { caseId: number; value: PickedOffice | null; onChange: (office: PickedOffice | null) => void }) {
  const { t } = useI18n()
  const id = useId()
  const { idBase, errors } = useFormFields()
  const [input, setInput] = useState('')
  const q = useDebounced(input.trim(), SEARCH_DELAY_MS)
  const search = useClaimantSearch(caseId, q)
  const hits = q ? search.data : undefined
  const invalid = errors.at('claimant_id').length > 0

  return (
    <fieldset className="office-picker" aria-describedby={invalid ? `${fieldId(idBase, 'claimant_id')}-error` : undefined}>
      <legend>
        {t('campaigns.form.office')}
        <span className="hint"> {t('campaigns.form.optional')}</span>
      </legend>
      <p className="hint">{t('campaigns.form.officeHint')}</p>
      <label className="radio">
        <input type="radio" name={`${id}-office`} checked={value === null} onChange={() => onChange(null)} />
        {t('campaigns.office.wholeCase')}
      </label>
      {value && (
        <label className="radio">
          <input type="radio" name={`${id}-office`} checked readOnly />
          {officeText(t, value)}
        </label>
      )}
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('campaigns.form.officeSearch')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="hint">
          {t('documents.form.claimantSearchHint')}
        </span>
      </div>
      {search.isError && q && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
      <p role="status" className="write-status">
        {q && search.isFetching ? t('documents.form.claimantSearching') : ''}
      </p>
      {hits &&
        (hits.items.length === 0 ? (
          <p>{t('documents.form.claimantNoMatch')}</p>
        ) : (
          <ul className="office-hits">
            {hits.items
              .filter((c) => c.id !== value?.id)
              .map((c) => {
                const office = { id: c.id, name: c.name, office: c.office_name ?? null }
                return (
                  <li key={c.id}>
                    <label className="radio">
                      <input type="radio" name={`${id}-office`} checked={false} onChange={() => onChange(office)} />
                      {officeText(t, office)}
                    </label>
                  </li>
                )
              })}
          </ul>
        ))}
      <FieldMessage path="claimant_id" />
    </fieldset>
  )
}
