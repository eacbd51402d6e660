import { useI18n } from '../../../i18n/i18n'
import { InputField } from '../fields'
import type { InputsOf } from '../drafts'

/** 信用毀損: the case's fixed sum per claimant; the office adds how many clients left (the facts go below). */
export function ReputationInputs({ value, onChange }: { value: InputsOf<'reputation'>; onChange: (value: InputsOf<'reputation'>) => void }) {
  const { t } = useI18n()
  return (
    <div className="inputs-grid">
      <p className="hint">{t('reputation.hint')}</p>
      <InputField
        path="inputs.lost_clients"
        label={t('reputation.lostClients')}
        kind="integer"
        unit={t('reputation.unit')}
        value={value.lost_clients}
        onChange={(v) => onChange({ ...value, lost_clients: v })}
      />
    </div>
  )
}
