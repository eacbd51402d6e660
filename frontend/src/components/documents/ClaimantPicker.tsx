import { useId, useState, type Ref } from 'react'
import { useI18n } from '../../i18n/i18n'
import { useDebounced } from '../../useDebounced'
import { ErrorAlert } from '../ErrorAlert'
import { useClaimantSearch } from './renderQueries'

export const SEARCH_DELAY_MS = 300

export interface PickedClaimant {
  id: number
  name: string
}

interface Props {
  caseId: number
  value: PickedClaimant | null
  onChange: (claimant: PickedClaimant) => void
  /** the id of the message saying a claimant is needed, when the form shows it */
  errorId: string | null
  inputRef?: Ref<HTMLInputElement>
}

/**
 * Picks one claimant of the case: a search box (debounced, as on the claimant list) and the hits as radio
 * buttons, so the keyboard and screen readers get the native behaviour. The choice stays when the search changes.
 */
export function ClaimantPicker({ caseId, value, onChange, errorId, inputRef }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [input, setInput] = useState('')
  const q = useDebounced(input.trim(), SEARCH_DELAY_MS)
  const search = useClaimantSearch(caseId, q)
  const hits = q ? search.data : undefined

  return (
    <fieldset className="claimant-picker">
      <legend>
        {t('documents.form.claimant')}
        <span className="required">{t('documents.form.required')}</span>
      </legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('documents.form.claimantSearch')}</label>
        <input
          id={`${id}-q`}
          ref={inputRef}
          type="search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          autoComplete="off"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[`${id}-hint`, `${id}-chosen`, errorId].filter(Boolean).join(' ')}
        />
        <span id={`${id}-hint`} className="hint">
          {t('documents.form.claimantSearchHint')}
        </span>
      </div>
      <p id={`${id}-chosen`} className="chosen">
        {value ? t('documents.form.claimantChosen', { name: value.name, id: value.id }) : t('documents.form.claimantNone')}
      </p>
      {search.isError && q && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
      <p role="status" className="write-status">
        {q && search.isFetching ? t('documents.form.claimantSearching') : ''}
      </p>
      {hits &&
        (hits.items.length === 0 ? (
          <p>{t('documents.form.claimantNoMatch')}</p>
        ) : (
          <fieldset className="claimant-hits">
            <legend className="visually-hidden">{t('documents.form.claimantResults')}</legend>
            <ul>
              {hits.items.map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-claimant`}
                      value={c.id}
                      checked={value?.id === c.id}
                      onChange={() => onChange({ id: c.id, name: c.name })}
                    />
                    {t('documents.form.claimantOption', { name: c.name, id: c.id })}
                    {c.office_name && <span className="hint"> {c.office_name}</span>}
                  </label>
                </li>
              ))}
            </ul>
            {hits.total > hits.items.length && (
              <p className="hint">{t('documents.form.claimantMore', { shown: hits.items.length, total: hits.total })}</p>
            )}
          </fieldset>
        ))}
    </fieldset>
  )
}
