import { useI18n } from '../../../i18n/i18n'
import { InputField } from '../fields'
import type { InputsOf } from '../drafts'

/** 値上げ分の不当利得: (new fee − old fee) × the months paid at the new fee since it took effect. */
export function FeeIncreaseInputs({ value, onChange }: { value: InputsOf<'fee_increase_refund'>; onChange: (value: InputsOf<'fee_increase_refund'>) => void }) {
  const { t } = useI18n()
  const set = (patch: Partial<InputsOf<'fee_increase_refund'>>) => onChange({ ...value, ...patch })
  return (
    <div className="inputs-grid">
      <InputField path="inputs.old_fee" label={t('increase.oldFee')} kind="yen" unit="円" required value={value.old_fee} onChange={(v) => set({ old_fee: v })} />
      <InputField path="inputs.new_fee" label={t('increase.newFee')} kind="yen" unit="円" required value={value.new_fee} onChange={(v) => set({ new_fee: v })} />
      <InputField
        path="inputs.first_month"
        label={t('increase.firstMonth')}
        kind="month"
        required
        value={value.first_month}
        hint={t('increase.firstMonthHint')}
        onChange={(v) => set({ first_month: v })}
      />
      <InputField path="inputs.months" label={t('increase.months')} kind="integer" unit={t('increase.monthsUnit')} required value={value.months} onChange={(v) => set({ months: v })} />
    </div>
  )
}
