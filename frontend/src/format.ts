// Money and dates the Japanese way: 1,001,698円, 2024年5月23日.
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

/** Whole yen with thousands separators and 円: formatYen(1001698) === '1,001,698円'. */
export function formatYen(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—'
  return `${yen.format(amount)}円`
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
