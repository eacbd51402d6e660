// Money, counts and dates the Japanese way: 1,001,698円, 1,234, 2024年5月23日; lists in the UI's language.
import type { Lang } from './i18n/i18n'

const yen = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 })
const date = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' })
const dateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
const count = new Intl.NumberFormat('ja-JP')
const month = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long' })
const dateWeekday = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' })
const time = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' })

/** Whole yen with thousands separators and 円: formatYen(1001698) === '1,001,698円'. */
export function formatYen(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—'
  return `${yen.format(amount)}円`
}

/** A number of things with thousands separators: formatCount(1234) === '1,234'. */
export function formatCount(value: number): string {
  return count.format(value)
}

function parse(value: string | Date): Date | null {
  // A bare calendar date (2024-05-23) is a legal date in Japan time, not UTC midnight.
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+09:00`) : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** A date in Japan time: '2024年5月23日'. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const d = parse(value)
  return d ? date.format(d) : String(value)
}

/** A timestamp in Japan time: '2024年5月23日 10:00'. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const d = parse(value)
  return d ? dateTime.format(d) : String(value)
}

/** The month of a date in Japan time: '2024年5月'. */
export function formatMonth(value: string | Date): string {
  const d = parse(value)
  return d ? month.format(d) : String(value)
}

/** A date in Japan time with its day of the week: '2024年5月23日(木)'. */
export function formatDateWeekday(value: string | Date): string {
  const d = parse(value)
  return d ? dateWeekday.format(d) : String(value)
}

/** The time of day in Japan time: '10:00'. */
export function formatTime(value: string | Date): string {
  const d = parse(value)
  return d ? time.format(d) : String(value)
}

const lists = new Map<Lang, Intl.ListFormat>()
function listFormat(lang: Lang): Intl.ListFormat {
  let made = lists.get(lang)
  if (!made) {
    made = new Intl.ListFormat(lang, { type: 'conjunction' })
    lists.set(lang, made)
  }
  return made
}

/** Items as one list in the UI's language: 'a、b、c' in Japanese, 'a, b, and c' in English. */
export function formatList(items: readonly string[], lang: Lang): string {
  return listFormat(lang).format(items)
}

/** The same list for items that are not text (links): the items in order with the separators between them. */
export function listParts<T>(items: readonly T[], lang: Lang): (T | string)[] {
  let next = 0
  return listFormat(lang)
    .formatToParts(items.map((_, i) => String(i)))
    .map((part) => (part.type === 'element' ? items[next++] : part.value))
}
