// What the damage editor holds while the user types (strings, as the inputs give them), and the API body it
// becomes. The server is the one validator: blanks go out as null so its 422 names the field; the editor
// only holds back the live preview until every required input has something in it.
import type { components, paths } from '../../api/claims-api'

type Schemas = components['schemas']
export type DamageHead = Schemas['DamageHead']
export type DamageItem = Schemas['DamageItemRead']
export type DamagePreview = Schemas['DamageItemPreview']
export type Exhibit = Schemas['ExhibitRead']
export type ExhibitRef = Schemas['ExhibitRef']
/** What a staff cost line was for: 事故対応 or 代替業務 (the insurer pays for the first only). */
export type StaffTask = NonNullable<Schemas['OutsourcingLine']['task']>
/** The kind of an other loss (漏えい通知, お詫び状, …). */
export type OtherLossCategory = NonNullable<Schemas['OtherLossLine']['category']>
export type ClaimedFrom = DamageItem['claimed_from']
export type DamageItemBody = NonNullable<
  paths['/api/v1/claimants/{claimant_id}/damage-items']['post']['requestBody']
>['content']['application/json']

/** The damage schedule's order (損害一覧 ①–⑤, then the unjust enrichment claim); the Record makes a new API
 * head a type error here. */
const HEAD_POSITION: Record<DamageHead, number> = {
  staff_cost: 0,
  onprem_cost: 1,
  fee_difference: 2,
  reputation: 3,
  other_loss: 4,
  fee_increase_refund: 5,
}
export const HEADS = (Object.keys(HEAD_POSITION) as DamageHead[]).sort((a, b) => HEAD_POSITION[a] - HEAD_POSITION[b])
/** The schedule's circled numbers; the unjust enrichment claim is outside the schedule's five. */
export const HEAD_MARK: Record<DamageHead, string> = {
  staff_cost: '①',
  onprem_cost: '②',
  fee_difference: '③',
  reputation: '④',
  other_loss: '⑤',
  fee_increase_refund: '',
}

/** The legal basis of each head (claims-api's heads.py), for a head with no item yet. */
export const HEAD_BASIS: Record<DamageHead, Schemas['LegalBasis']> = {
  staff_cost: 'contract',
  onprem_cost: 'contract',
  fee_difference: 'contract',
  reputation: 'contract',
  other_loss: 'contract',
  fee_increase_refund: 'unjust_enrichment',
}

/** The damage schedule's exhibit slot of each head (甲＿の2 人件費 … の6 その他; claims-api's heads.py): the
 * claimant's own exhibits of that slot are offered first. An item read from the API carries it as
 * `exhibit_slot`; this is for a head with no item yet. */
export const HEAD_EXHIBIT_SLOT: Record<DamageHead, number> = {
  staff_cost: 2,
  onprem_cost: 3,
  fee_difference: 4,
  reputation: 5,
  other_loss: 6,
  fee_increase_refund: 6,
}

/** The case's facts the editor fills new items with. */
export interface DraftDefaults {
  /** the incident (the first unusable day unless the office names another), from the case */
  incidentDate: string | null
  /** the claimant's 利用可能になった日 */
  usableOn: string | null
}

/** The choices of a line's task and an other loss's category, in the order offered ('' = not chosen). */
export const STAFF_TASKS: readonly StaffTask[] = ['incident_response', 'substitute_work']
const CATEGORY_POSITION: Record<OtherLossCategory, number> = {
  breach_notice: 0,
  apology: 1,
  call_centre: 2,
  authority_report: 3,
  client_compensation: 4,
  system_migration: 5,
  cancellation: 6,
  other: 7,
}
export const OTHER_LOSS_CATEGORIES = (Object.keys(CATEGORY_POSITION) as OtherLossCategory[]).sort((a, b) => CATEGORY_POSITION[a] - CATEGORY_POSITION[b])

export const UNBILLED_DEFAULT = '2023-06'
export const FIRST_INCREASED_MONTH = '2023-12'

interface LineKey {
  /** React's key for the row; never sent */
  key: string
}
export interface OvertimeDraft extends LineKey {
  kind: 'overtime'
  person: string
  manager: boolean
  date_from: string
  date_to: string
  hours: string
  hourly_rate: string
  premium_rate: string
  /** '' = not chosen */
  task: StaffTask | ''
  note: string
}
export interface OutsourcingDraft extends LineKey {
  kind: 'outsourcing'
  vendor: string
  description: string
  invoiced_on: string
  amount: string
  /** '' = not chosen */
  task: StaffTask | ''
}
export type StaffLineDraft = OvertimeDraft | OutsourcingDraft
export interface InvoiceDraft extends LineKey {
  issuer: string
  invoice_number: string
  issued_on: string
  description: string
  amount: string
}
export interface OtherLossDraft extends LineKey {
  /** '' = not chosen */
  category: OtherLossCategory | ''
  description: string
  occurred_on: string
  amount: string
}

export type InputsDraft =
  | { head: 'staff_cost'; lines: StaffLineDraft[] }
  | { head: 'onprem_cost'; lines: InvoiceDraft[] }
  | {
      head: 'fee_difference'
      monthly_fee: string
      /** null: the incident (the case's date, followed when it changes); a string: a day of the office's own */
      unusable_from: string | null
      /** null: the claimant's 利用可能になった日 (followed when it changes); a string: a day for this item */
      usable_on: string | null
      unbilled_months: string
    }
  | { head: 'reputation'; lost_clients: string }
  | { head: 'other_loss'; lines: OtherLossDraft[] }
  | { head: 'fee_increase_refund'; old_fee: string; new_fee: string; first_month: string; months: string }

export type InputsOf<H extends DamageHead> = Extract<InputsDraft, { head: H }>

export interface Draft {
  inputs: InputsDraft
  declared_amount: string
  facts: string
  exhibit_ids: number[]
}

let lineCounter = 0
function lineKey(): string {
  lineCounter += 1
  return `line-${lineCounter}`
}

export function newOvertimeLine(): OvertimeDraft {
  return {
    key: lineKey(),
    kind: 'overtime',
    person: '',
    manager: false,
    date_from: '',
    date_to: '',
    hours: '',
    hourly_rate: '',
    premium_rate: '1.25',
    task: '',
    note: '',
  }
}
export function newOutsourcingLine(): OutsourcingDraft {
  return { key: lineKey(), kind: 'outsourcing', vendor: '', description: '', invoiced_on: '', amount: '', task: '' }
}
export function newInvoiceLine(): InvoiceDraft {
  return { key: lineKey(), issuer: '', invoice_number: '', issued_on: '', description: '', amount: '' }
}
export function newOtherLossLine(): OtherLossDraft {
  return { key: lineKey(), category: '', description: '', occurred_on: '', amount: '' }
}

/** The inputs of a head not entered yet. */
export function emptyInputs(head: DamageHead, defaults: DraftDefaults): InputsDraft {
  switch (head) {
    case 'staff_cost':
      return { head, lines: [newOvertimeLine()] }
    case 'onprem_cost':
      return { head, lines: [newInvoiceLine()] }
    case 'fee_difference':
      return {
        head,
        monthly_fee: '',
        // The API's defaults, kept as defaults: the item then follows the case and the claimant when their
        // dates are corrected. Without a date on the claimant, the day has to be entered here.
        unusable_from: null,
        usable_on: defaults.usableOn ? null : '',
        unbilled_months: UNBILLED_DEFAULT,
      }
    case 'reputation':
      return { head, lost_clients: '' }
    case 'other_loss':
      return { head, lines: [newOtherLossLine()] }
    case 'fee_increase_refund':
      return { head, old_fee: '', new_fee: '', first_month: FIRST_INCREASED_MONTH, months: '' }
  }
}

export function emptyDraft(head: DamageHead, defaults: DraftDefaults): Draft {
  return { inputs: emptyInputs(head, defaults), declared_amount: '', facts: '', exhibit_ids: [] }
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))

/** The inputs of an item as saved; an item entered as a bare amount (no inputs) starts from empty inputs. */
function inputsOf(item: DamageItem, defaults: DraftDefaults): InputsDraft {
  const inputs = item.inputs
  if (!inputs) return emptyInputs(item.head, defaults)
  switch (item.head) {
    case 'staff_cost': {
      const { lines } = inputs as Schemas['StaffCostInputs-Output']
      return {
        head: item.head,
        lines: lines.map((line): StaffLineDraft =>
          line.kind === 'outsourcing'
            ? {
                ...newOutsourcingLine(),
                vendor: line.vendor,
                description: text(line.description),
                invoiced_on: line.invoiced_on,
                amount: text(line.amount),
                task: line.task ?? '',
              }
            : {
                ...newOvertimeLine(),
                person: line.person,
                manager: Boolean(line.manager),
                date_from: line.date_from,
                date_to: line.date_to,
                hours: text(line.hours),
                hourly_rate: text(line.hourly_rate),
                premium_rate: text(line.premium_rate ?? '1.25'),
                task: line.task ?? '',
                note: text(line.note),
              },
        ),
      }
    }
    case 'onprem_cost': {
      const { lines } = inputs as Schemas['OnpremCostInputs']
      return {
        head: item.head,
        lines: lines.map((line) => ({
          ...newInvoiceLine(),
          issuer: line.issuer,
          invoice_number: text(line.invoice_number),
          issued_on: line.issued_on,
          description: text(line.description),
          amount: text(line.amount),
        })),
      }
    }
    case 'fee_difference': {
      const fee = inputs as Schemas['FeeDifferenceInputs']
      return {
        head: item.head,
        monthly_fee: text(fee.monthly_fee),
        unusable_from: fee.unusable_from ?? null,
        usable_on: fee.usable_on ?? null,
        unbilled_months: fee.unbilled_months.join(', '),
      }
    }
    case 'reputation':
      return { head: item.head, lost_clients: text((inputs as Schemas['ReputationInputs']).lost_clients) }
    case 'other_loss': {
      const { lines } = inputs as Schemas['OtherLossInputs']
      return {
        head: item.head,
        lines: lines.map((line) => ({
          ...newOtherLossLine(),
          category: line.category ?? '',
          description: line.description,
          occurred_on: text(line.occurred_on),
          amount: text(line.amount),
        })),
      }
    }
    case 'fee_increase_refund': {
      const fee = inputs as Schemas['FeeIncreaseRefundInputs']
      return {
        head: item.head,
        old_fee: text(fee.old_fee),
        new_fee: text(fee.new_fee),
        first_month: text(fee.first_month),
        months: text(fee.months),
      }
    }
  }
}

export function draftFromItem(item: DamageItem, defaults: DraftDefaults): Draft {
  return {
    inputs: inputsOf(item, defaults),
    declared_amount: text(item.declared_amount),
    facts: item.facts ?? '',
    exhibit_ids: item.exhibits.map((e) => e.id),
  }
}

// --- to the API ------------------------------------------------------------------------------------------

/** Full-width digits and punctuation as ASCII, without spaces, thousands separators or a trailing 円. */
function normalizeNumber(value: string): string {
  return value
    .replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,、円]/g, '')
}

const blank = (value: string): boolean => value.trim() === ''

/**
 * A whole number of yen (or months) as typed: "1,234", "１２３４円" → 1234; blank → null; anything else is sent
 * as typed, for the API to name the field and the reason.
 */
export function toInteger(value: string): number | null {
  const normalized = normalizeNumber(value)
  if (normalized === '') return null
  return /^-?\d+$/.test(normalized) ? Number(normalized) : (normalized as unknown as number)
}

/** A decimal (hours, premium rate) as a string, so nothing is lost to binary floating point. */
export function toDecimal(value: string): string | null {
  const normalized = normalizeNumber(value)
  return normalized === '' ? null : normalized
}

const dateOrNull = (value: string): string | null => (blank(value) ? null : value)
/** An optional choice: sent only when made (left out, the API stores none, as for lines saved before it existed). */
const chosen = <K extends string, V extends string>(key: K, value: V | ''): Partial<Record<K, V>> =>
  value === '' ? {} : ({ [key]: value } as Record<K, V>)
/** A month as typed ("2023-6", "2023/06", "２０２３年６月") as YYYY-MM when it can be read so; else as typed. */
export function monthText(value: string): string {
  const normalized = normalizeNumber(value).replace(/月$/, '')
  const m = /^(\d{4})[-/.年](\d{1,2})$/.exec(normalized)
  return m ? `${m[1]}-${m[2].padStart(2, '0')}` : normalized
}

/** "2023-06, 2023-07" (or separated by 、 spaces or line breaks) → ["2023-06", "2023-07"]. */
export function monthList(value: string): string[] {
  return value
    .split(/[,，、\s]+/)
    .map((m) => m.trim())
    .filter(Boolean)
    .map(monthText)
}

// Blank required values go out as null: the API answers 422 naming each of them (typed loosely on purpose).
type Loose = never

function inputsBody(inputs: InputsDraft): DamageItemBody['inputs'] {
  switch (inputs.head) {
    case 'staff_cost':
      return {
        lines: inputs.lines.map((line) =>
          line.kind === 'overtime'
            ? {
                kind: 'overtime' as const,
                person: line.person.trim(),
                manager: line.manager,
                date_from: dateOrNull(line.date_from) as Loose,
                date_to: dateOrNull(line.date_to) as Loose,
                hours: toDecimal(line.hours) as Loose,
                hourly_rate: toInteger(line.hourly_rate) as Loose,
                premium_rate: toDecimal(line.premium_rate) ?? '1.25',
                ...chosen('task', line.task),
                note: line.note.trim(),
              }
            : {
                kind: 'outsourcing' as const,
                vendor: line.vendor.trim(),
                description: line.description.trim(),
                invoiced_on: dateOrNull(line.invoiced_on) as Loose,
                amount: toInteger(line.amount) as Loose,
                ...chosen('task', line.task),
              },
        ),
      }
    case 'onprem_cost':
      return {
        lines: inputs.lines.map((line) => ({
          issuer: line.issuer.trim(),
          invoice_number: line.invoice_number.trim(),
          issued_on: dateOrNull(line.issued_on) as Loose,
          description: line.description.trim(),
          amount: toInteger(line.amount) as Loose,
        })),
      }
    case 'fee_difference':
      return {
        monthly_fee: toInteger(inputs.monthly_fee) as Loose,
        unusable_from: inputs.unusable_from === null ? null : dateOrNull(inputs.unusable_from),
        usable_on: inputs.usable_on === null ? null : dateOrNull(inputs.usable_on),
        unbilled_months: monthList(inputs.unbilled_months),
      }
    case 'reputation':
      return { lost_clients: toInteger(inputs.lost_clients) }
    case 'other_loss':
      return {
        lines: inputs.lines.map((line) => ({
          description: line.description.trim(),
          occurred_on: dateOrNull(line.occurred_on),
          amount: toInteger(line.amount) as Loose,
          ...chosen('category', line.category),
        })),
      }
    case 'fee_increase_refund':
      return {
        old_fee: toInteger(inputs.old_fee) as Loose,
        new_fee: toInteger(inputs.new_fee) as Loose,
        first_month: monthText(inputs.first_month),
        months: toInteger(inputs.months) as Loose,
      }
  }
}

/** The body of POST/PUT …/damage-items (and of the preview). */
export function toBody(draft: Draft): DamageItemBody {
  return {
    head: draft.inputs.head,
    inputs: inputsBody(draft.inputs),
    declared_amount: toInteger(draft.declared_amount),
    facts: draft.facts.trim(),
    exhibit_ids: draft.exhibit_ids,
  } as DamageItemBody
}

/** What the preview needs (facts and exhibits do not change the amount: typing them sends no request). */
export function toPreviewBody(draft: Draft): DamageItemBody {
  return {
    head: draft.inputs.head,
    inputs: inputsBody(draft.inputs),
    declared_amount: toInteger(draft.declared_amount),
    facts: '',
    exhibit_ids: [],
  } as DamageItemBody
}

/** Every required input has something in it (what it is, the API judges). */
export function isComplete(inputs: InputsDraft): boolean {
  const filled = (...values: string[]) => values.every((v) => !blank(v))
  switch (inputs.head) {
    case 'staff_cost':
      return (
        inputs.lines.length > 0 &&
        inputs.lines.every((line) =>
          line.kind === 'overtime'
            ? filled(line.person, line.date_from, line.date_to, line.hours, line.hourly_rate, line.premium_rate)
            : filled(line.vendor, line.invoiced_on, line.amount),
        )
      )
    case 'onprem_cost':
      return inputs.lines.length > 0 && inputs.lines.every((line) => filled(line.issuer, line.issued_on, line.amount))
    case 'fee_difference':
      return filled(inputs.monthly_fee) && inputs.unusable_from !== '' && inputs.usable_on !== ''
    case 'reputation':
      return true
    case 'other_loss':
      return inputs.lines.length > 0 && inputs.lines.every((line) => filled(line.description, line.amount))
    case 'fee_increase_refund':
      return filled(inputs.old_fee, inputs.new_fee, inputs.first_month, inputs.months)
  }
}

/** The field paths the editor shows an input (or a line) for: an API error there is shown beside it. */
export function shownPaths(draft: Draft): Set<string> {
  const paths = new Set(['inputs', 'inputs.lines', 'declared_amount', 'facts', 'exhibit_ids'])
  const add = (prefix: string, names: string[]) => {
    paths.add(prefix)
    for (const name of names) paths.add(`${prefix}.${name}`)
  }
  const inputs = draft.inputs
  switch (inputs.head) {
    case 'staff_cost':
      inputs.lines.forEach((line, i) =>
        add(
          `inputs.lines.${i}`,
          line.kind === 'overtime'
            ? ['kind', 'person', 'manager', 'date_from', 'date_to', 'hours', 'hourly_rate', 'premium_rate', 'note']
            : ['kind', 'vendor', 'description', 'invoiced_on', 'amount'],
        ),
      )
      break
    case 'onprem_cost':
      inputs.lines.forEach((_, i) => add(`inputs.lines.${i}`, ['issuer', 'invoice_number', 'issued_on', 'description', 'amount']))
      break
    case 'other_loss':
      inputs.lines.forEach((_, i) => add(`inputs.lines.${i}`, ['description', 'occurred_on', 'amount']))
      break
    case 'fee_difference':
      add('inputs', ['monthly_fee', 'unusable_from', 'usable_on', 'unbilled_months'])
      break
    case 'reputation':
      add('inputs', ['lost_clients'])
      break
    case 'fee_increase_refund':
      add('inputs', ['old_fee', 'new_fee', 'first_month', 'months'])
      break
  }
  return paths
}
