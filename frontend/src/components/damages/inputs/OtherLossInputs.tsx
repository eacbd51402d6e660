import { useState } from 'react'
import { useI18n } from '../../../i18n/i18n'
import { GroupMessage } from '../fields'
import { LineTable, type LineColumn } from '../LineTable'
import { newOtherLossLine, OTHER_LOSS_CATEGORIES, type InputsOf, type OtherLossDraft } from '../drafts'

const COLUMNS: LineColumn<OtherLossDraft>[] = [
  { name: 'description', label: 'other.description', kind: 'text', required: true },
  {
    name: 'category',
    label: 'other.category',
    kind: 'select',
    options: OTHER_LOSS_CATEGORIES.map((category) => ({ value: category, label: `otherCategory.${category}` as const })),
  },
  { name: 'occurred_on', label: 'other.occurredOn', kind: 'date' },
  { name: 'amount', label: 'lines.amount', kind: 'yen', required: true },
]

/** その他実損: apology letters and gifts, migration to another system, cancellation losses. */
export function OtherLossInputs({ value, onChange }: { value: InputsOf<'other_loss'>; onChange: (value: InputsOf<'other_loss'>) => void }) {
  const { t } = useI18n()
  const [focusKey, setFocusKey] = useState<string | null>(null)
  return (
    <>
      <p className="hint">{t('other.hint')}</p>
      <GroupMessage path="inputs.lines" />
      <LineTable<OtherLossDraft>
        caption={t('other.caption')}
        lineName={(n) => t('lines.line', { n })}
        columns={COLUMNS}
        lines={value.lines.map((line, index) => ({ line, index }))}
        onChange={(index, line) => onChange({ ...value, lines: value.lines.map((l, i) => (i === index ? line : l)) })}
        onRemove={(index) => onChange({ ...value, lines: value.lines.filter((_, i) => i !== index) })}
        onAdd={() => {
          const line = newOtherLossLine()
          setFocusKey(line.key)
          onChange({ ...value, lines: [...value.lines, line] })
        }}
        addLabel={t('other.add')}
        focusKey={focusKey}
      />
    </>
  )
}
