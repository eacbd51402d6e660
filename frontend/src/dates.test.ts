import { describe, expect, it } from 'vitest'
import { dayInTokyo, daysBetween, todayInTokyo } from './dates'

describe('days in Japan', () => {
  it('reads the day a timestamp falls on in Japan, not in UTC', () => {
    expect(dayInTokyo('2026-12-20T15:30:00Z')).toBe('2026-12-21')
    expect(dayInTokyo('2026-12-20T14:59:00Z')).toBe('2026-12-20')
    expect(dayInTokyo(new Date('2027-01-13T15:30:00Z'))).toBe('2027-01-14')
    expect(todayInTokyo(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01')
  })

  it('counts calendar days between two days', () => {
    expect(daysBetween('2026-12-01', '2026-12-01')).toBe(0)
    expect(daysBetween('2026-12-01', '2027-01-01')).toBe(31)
    expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1)
    expect(daysBetween('2027-03-01', '2028-03-01')).toBe(366) // 2028 is a leap year
  })
})
