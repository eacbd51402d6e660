// Calendar days in Japan as the API writes them (YYYY-MM-DD): the day a timestamp falls on, today, days between.
const tokyo = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar day in Japan of a timestamp, as YYYY-MM-DD. */
export function dayInTokyo(value: string | Date): string {
  const parts = tokyo.formatToParts(typeof value === 'string' ? new Date(value) : value)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** Today in Japan as YYYY-MM-DD (the API's dates, and the value of <input type="date">). */
export function todayInTokyo(now: Date = new Date()): string {
  return dayInTokyo(now)
}

/** Whole days from `earlier` to `later` (both YYYY-MM-DD): negative when `later` is before `earlier`. */
export function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000)
}
