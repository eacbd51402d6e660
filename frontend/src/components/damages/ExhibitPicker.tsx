import { useState, type KeyboardEvent } from 'react'
import { formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { ErrorAlert } from '../ErrorAlert'
import { useCitableExhibits } from './damageQueries'
import type { Exhibit, ExhibitRef } from './drafts'
import { groupExhibits, matchesFilter, toggled, type ExhibitGroupKind } from './exhibitGroups'
import { fieldId, FieldMessage, useEditorFields } from './fields'

/** With this many exhibits or more, a filter box is shown above the list. */
export const FILTER_FROM = 8

const GROUP_LEGEND: Record<ExhibitGroupKind, MessageKey> = {
  slot: 'exhibitPicker.group.slot',
  common: 'exhibitPicker.group.common',
  own: 'exhibitPicker.group.own',
  unlisted: 'exhibitPicker.group.unlisted',
}

interface ExhibitPickerProps {
  claimantId: number
  /** the head's slot in the damage schedule (甲＿の2 for 人件費): the claimant's own exhibits of it come first */
  slot: number
  /** the exhibits the item is linked to as saved (for the labels of any the list no longer has) */
  linked: readonly ExhibitRef[]
  /** the chosen exhibit ids (the body's `exhibit_ids`) */
  value: readonly number[]
  onChange: (ids: number[]) => void
}

/**
 * The exhibits a damage item cites: a checkbox per exhibit the claimant may cite (the case's common exhibits and
 * its own), grouped, with the head's slot first; a filter box once the list is long. While the list loads (or
 * if it cannot be read) the item keeps the exhibits it has. A 422 of the save on `exhibit_ids` is shown here.
 */
export function ExhibitPicker({ claimantId, slot, linked, value, onChange }: ExhibitPickerProps) {
  const { t } = useI18n()
  const { idBase, errors } = useEditorFields()
  const exhibits = useCitableExhibits(claimantId)
  const [filter, setFilter] = useState('')
  const id = fieldId(idBase, 'exhibit_ids')
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const filterId = `${id}-filter`
  const countId = `${id}-count`

  const list = exhibits.data ?? []
  const groups = exhibits.data ? groupExhibits(list, slot, linked) : []
  const total = groups.reduce((sum, g) => sum + g.exhibits.length, 0)
  const showFilter = total >= FILTER_FROM
  const activeFilter = showFilter ? filter : ''
  const shownGroups = groups
    .map((g) => ({ ...g, exhibits: g.exhibits.filter((e) => matchesFilter(e, activeFilter)) }))
    .filter((g) => g.exhibits.length > 0)
  const shown = shownGroups.reduce((sum, g) => sum + g.exhibits.length, 0)

  const labelOf = (exhibitId: number): string =>
    list.find((e) => e.id === exhibitId)?.label ?? linked.find((e) => e.id === exhibitId)?.label ?? `#${exhibitId}`
  // The API names an exhibit by its id ("exhibit 90 belongs to another claimant"): put its label in front.
  const reasons = errors.at('exhibit_ids', true).map((reason) => {
    const named = /\bexhibit (\d+)\b/.exec(reason)
    return named ? `${labelOf(Number(named[1]))}: ${reason}` : reason
  })
  const chosen = value.map(labelOf)

  function onFilterKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter in the filter would submit the whole item; Escape clears the filter
    if (event.key === 'Enter') event.preventDefault()
    if (event.key === 'Escape' && filter !== '') {
      event.preventDefault()
      setFilter('')
    }
  }

  return (
    <fieldset
      className="exhibit-picker"
      aria-describedby={[reasons.length > 0 ? errorId : null, hintId].filter(Boolean).join(' ')}
    >
      <legend>{t('damageEditor.exhibits')}</legend>
      <p id={hintId} className="hint">
        {t('damageEditor.exhibitsHint', { slot })}
      </p>
      <FieldMessage id={errorId} reasons={reasons} />

      {exhibits.isPending && <p role="status">{t('exhibitPicker.loading')}</p>}
      {exhibits.isError && <ErrorAlert error={exhibits.error} onRetry={() => void exhibits.refetch()} />}
      {exhibits.data && total === 0 && <p className="hint">{t('exhibitPicker.empty')}</p>}

      {showFilter && (
        <div className="field exhibit-filter">
          <label htmlFor={filterId}>{t('exhibitPicker.filter')}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            autoComplete="off"
            aria-describedby={`${filterId}-hint ${countId}`}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={onFilterKey}
          />
          <p id={`${filterId}-hint`} className="hint">
            {t('exhibitPicker.filterHint')}
          </p>
          <p id={countId} role="status" className="hint">
            {activeFilter.trim() === '' ? '' : shown === 0 ? t('exhibitPicker.noMatch') : t('exhibitPicker.shown', { count: shown, total })}
          </p>
        </div>
      )}

      {shownGroups.map((group) => (
        <fieldset key={group.kind} className={`exhibit-group ${group.kind}`}>
          <legend>{t(GROUP_LEGEND[group.kind], { slot })}</legend>
          {group.kind === 'unlisted' && <p className="hint">{t('exhibitPicker.unlistedHint')}</p>}
          <ul className="exhibit-options">
            {group.exhibits.map((exhibit) => (
              <ExhibitOption
                key={exhibit.id}
                idBase={id}
                exhibit={exhibit}
                checked={value.includes(exhibit.id)}
                onChange={(checked) => onChange(toggled(value, exhibit.id, checked))}
              />
            ))}
          </ul>
        </fieldset>
      ))}

      <p className="exhibit-chosen">{t('exhibitPicker.chosen', { labels: chosen.length > 0 ? chosen.join('、') : t('common.none') })}</p>
    </fieldset>
  )
}

function ExhibitOption({
  idBase,
  exhibit,
  checked,
  onChange,
}: {
  idBase: string
  exhibit: Exhibit | ExhibitRef
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  const { t, label } = useI18n()
  const id = `${idBase}-${exhibit.id}`
  const full = 'title' in exhibit ? exhibit : null
  return (
    <li>
      <input type="checkbox" id={id} checked={checked} aria-describedby={full ? `${id}-meta` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>
        <span className="exhibit-label">{exhibit.label}</span>
        {full && (
          <>
            {' '}
            <span className="exhibit-title">{full.title}</span>
          </>
        )}
      </label>
      {full && (
        <span id={`${id}-meta`} className="exhibit-meta">
          {[
            label('originalOrCopy', full.original_or_copy),
            full.made_on ? formatDate(full.made_on) : '',
            full.author,
          ]
            .filter(Boolean)
            .map((part) => `${part} · `)
            .join('')}
          {full.current_version ? (
            t('exhibitPicker.file', { name: full.current_version.filename })
          ) : (
            <span className="no-file">{t('exhibitPicker.noFile')}</span>
          )}
        </span>
      )}
    </li>
  )
}
