import { useState } from 'react'
import { useI18n } from '../../../i18n/i18n'
import { GroupMessage } from '../fields'
import { LineTable, type LineColumn } from '../LineTable'
import { newInvoiceLine, type InputsOf, type InvoiceDraft } from '../drafts'

const COLUMNS: LineColumn<InvoiceDraft>[] = [
  { name: 'issuer', label: 'onprem.issuer', kind: 'text', required: true },
  { name: 'invoice_number', label: 'onprem.invoiceNumber', kind: 'text' },
  { name: 'issued_on', label: 'onprem.issuedOn', kind: 'date', required: true },
  { name: 'description', label: 'onprem.description', kind: 'text' },
  { name: 'amount', label: 'lines.amount', kind: 'yen', required: true },
]

/** オンプレ版費用: the invoices and receipts for the on-premises substitute. */
export function OnpremCostInputs({ value, onChange }: { value: InputsOf<'onprem_cost'>; onChange: (value: InputsOf<'onprem_cost'>) => void }) {
  const { t } = useI18n()
  const [focusKey, setFocusKey] = useState<string | null>(null)
  return (
    <>
      <p className="hint">{t('onprem.hint')}</p>
      <GroupMessage path="inputs.lines" />
      <LineTable<InvoiceDraft>
        caption={t('onprem.caption')}
        lineName={(n) => t('lines.line', { n })}
        columns={COLUMNS}
        lines={value.lines.map((line, index) => ({ line, index }))}
        onChange={(index, line) => onChange({ ...value, lines: value.lines.map((l, i) => (i === index ? line : l)) })}
        onRemove={(index) => onChange({ ...value, lines: value.lines.filter((_, i) => i !== index) })}
        onAdd={() => {
          const line = newInvoiceLine()
          setFocusKey(line.key)
          onChange({ ...value, lines: [...value.lines, line] })
        }}
        addLabel={t('onprem.add')}
        focusKey={focusKey}
      />
    </>
  )
}
