import { useState } from 'react'
import { useI18n } from '../../../i18n/i18n'
import { GroupMessage } from '../fields'
import { LineTable, type LineColumn } from '../LineTable'
import { newOutsourcingLine, newOvertimeLine, STAFF_TASKS, type InputsOf, type OutsourcingDraft, type OvertimeDraft, type StaffLineDraft } from '../drafts'

// 事故対応 or 代替業務: optional (blank = 未選択); the insurer's policy pays for incident response only.
const TASK_OPTIONS = STAFF_TASKS.map((task) => ({ value: task, label: `staffTask.${task}` as const }))

const OVERTIME: LineColumn<OvertimeDraft>[] = [
  { name: 'person', label: 'staff.person', kind: 'text', required: true },
  { name: 'manager', label: 'staff.manager', kind: 'checkbox' },
  { name: 'date_from', label: 'staff.dateFrom', kind: 'date', required: true },
  { name: 'date_to', label: 'staff.dateTo', kind: 'date', required: true },
  { name: 'hours', label: 'staff.hours', kind: 'decimal', required: true },
  { name: 'hourly_rate', label: 'staff.hourlyRate', kind: 'yen', required: true },
  { name: 'premium_rate', label: 'staff.premiumRate', kind: 'decimal', required: true },
  { name: 'task', label: 'staff.task', kind: 'select', options: TASK_OPTIONS },
  { name: 'note', label: 'staff.note', kind: 'text' },
]

const OUTSOURCING: LineColumn<OutsourcingDraft>[] = [
  { name: 'vendor', label: 'staff.vendor', kind: 'text', required: true },
  { name: 'description', label: 'staff.description', kind: 'text' },
  { name: 'invoiced_on', label: 'staff.invoicedOn', kind: 'date', required: true },
  { name: 'amount', label: 'lines.amount', kind: 'yen', required: true },
  { name: 'task', label: 'staff.task', kind: 'select', options: TASK_OPTIONS },
]

/** 人件費: overtime of employees (hours × hourly rate × premium) and work given to outside firms (invoices). */
export function StaffCostInputs({ value, onChange }: { value: InputsOf<'staff_cost'>; onChange: (value: InputsOf<'staff_cost'>) => void }) {
  const { t } = useI18n()
  const [focusKey, setFocusKey] = useState<string | null>(null)
  const indexed = value.lines.map((line, index) => ({ line, index }))
  const setLine = (index: number, line: StaffLineDraft) => onChange({ ...value, lines: value.lines.map((l, i) => (i === index ? line : l)) })
  const remove = (index: number) => onChange({ ...value, lines: value.lines.filter((_, i) => i !== index) })
  const add = (line: StaffLineDraft) => {
    setFocusKey(line.key)
    onChange({ ...value, lines: [...value.lines, line] })
  }
  return (
    <>
      <p className="hint">{t('staff.hint')}</p>
      <GroupMessage path="inputs.lines" />
      <LineTable<OvertimeDraft>
        caption={t('staff.overtime')}
        lineName={(n) => t('staff.overtimeLine', { n })}
        columns={OVERTIME}
        lines={indexed.filter((x): x is { line: OvertimeDraft; index: number } => x.line.kind === 'overtime')}
        onChange={setLine}
        onRemove={remove}
        onAdd={() => add(newOvertimeLine())}
        addLabel={t('staff.addOvertime')}
        focusKey={focusKey}
      />
      <LineTable<OutsourcingDraft>
        caption={t('staff.outsourcing')}
        lineName={(n) => t('staff.outsourcingLine', { n })}
        columns={OUTSOURCING}
        lines={indexed.filter((x): x is { line: OutsourcingDraft; index: number } => x.line.kind === 'outsourcing')}
        onChange={setLine}
        onRemove={remove}
        onAdd={() => add(newOutsourcingLine())}
        addLabel={t('staff.addOutsourcing')}
        focusKey={focusKey}
      />
    </>
  )
}
