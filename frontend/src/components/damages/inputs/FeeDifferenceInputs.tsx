import { formatDate } from '../../../format'
import { useI18n } from '../../../i18n/i18n'
import { fieldId, FieldMessage, InputField, useEditorFields } from '../fields'
import type { DraftDefaults, InputsOf } from '../drafts'

type FeeDraft = InputsOf<'fee_difference'>

/**
 * A day that follows a fact of the case or the claimant unless the office gives its own: a checkbox ("the
 * incident", "the claimant's 利用可能になった日"), and the date input once it is unticked.
 */
function DefaultableDate({
  path,
  label,
  followLabel,
  value,
  fallback,
  canFollow,
  onChange,
}: {
  path: string
  label: string
  followLabel: string
  value: string | null
  /** the default day (YYYY-MM-DD) the input starts from when unticked */
  fallback: string | null
  canFollow: boolean
  onChange: (value: string | null) => void
}) {
  const { idBase, errors } = useEditorFields()
  const id = `${fieldId(idBase, path)}-follow`
  const following = value === null
  const reasons = errors.at(path)
  return (
    <fieldset className="defaultable">
      <legend>{label}</legend>
      {canFollow && (
        <div className="follow">
          <input
            type="checkbox"
            id={id}
            checked={following}
            aria-invalid={following && reasons.length > 0 ? true : undefined}
            aria-describedby={following && reasons.length > 0 ? `${id}-error` : undefined}
            onChange={(e) => onChange(e.target.checked ? null : (fallback ?? ''))}
          />{' '}
          <label htmlFor={id}>{followLabel}</label>
          {following && <FieldMessage id={`${id}-error`} reasons={reasons} />}
        </div>
      )}
      {!following && <InputField path={path} label={label} kind="date" required value={value} onChange={onChange} />}
    </fieldset>
  )
}

/** 利用料差額: the monthly fee, the unusable period (from the incident to 利用可能になった日) and the months the
 * vendor did not bill (June 2023). */
export function FeeDifferenceInputs({ value, onChange, defaults }: { value: FeeDraft; onChange: (value: FeeDraft) => void; defaults: DraftDefaults }) {
  const { t } = useI18n()
  const set = (patch: Partial<FeeDraft>) => onChange({ ...value, ...patch })
  return (
    <div className="inputs-grid">
      <p className="hint">{t('fee.followHint')}</p>
      <InputField path="inputs.monthly_fee" label={t('fee.monthlyFee')} kind="yen" unit="円" required value={value.monthly_fee} onChange={(v) => set({ monthly_fee: v })} />
      <DefaultableDate
        path="inputs.unusable_from"
        label={t('fee.unusableFrom')}
        followLabel={defaults.incidentDate ? t('fee.followIncidentOn', { date: formatDate(defaults.incidentDate) }) : t('fee.followIncident')}
        value={value.unusable_from}
        fallback={defaults.incidentDate}
        canFollow
        onChange={(v) => set({ unusable_from: v })}
      />
      <DefaultableDate
        path="inputs.usable_on"
        label={t('fee.usableOn')}
        followLabel={t('fee.followUsableOn', { date: formatDate(defaults.usableOn) })}
        value={value.usable_on}
        fallback={defaults.usableOn}
        // without a date on the claimant there is nothing to follow (unless the item already does)
        canFollow={defaults.usableOn !== null || value.usable_on === null}
        onChange={(v) => set({ usable_on: v })}
      />
      <InputField
        path="inputs.unbilled_months"
        label={t('fee.unbilledMonths')}
        nested
        value={value.unbilled_months}
        hint={t('fee.unbilledMonthsHint')}
        onChange={(v) => set({ unbilled_months: v })}
      />
    </div>
  )
}
