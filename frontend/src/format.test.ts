import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatYen } from './format'

describe('formatYen', () => {
  it('writes whole yen with thousands separators and 円', () => {
    expect(formatYen(1001698)).toBe('1,001,698円')
    expect(formatYen(99000)).toBe('99,000円')
    expect(formatYen(1100698)).toBe('1,100,698円')
    expect(formatYen(0)).toBe('0円')
  })
  it('shows a dash for a missing amount', () => {
    expect(formatYen(null)).toBe('—')
    expect(formatYen(undefined)).toBe('—')
  })
})

describe('dates', () => {
  it('writes calendar dates the Japanese way, in Japan time', () => {
    expect(formatDate('2024-05-23')).toBe('2024年5月23日')
    // 2023-06-04T20:00Z is already 6月5日 in Tokyo
    expect(formatDate('2023-06-04T20:00:00Z')).toBe('2023年6月5日')
  })
  it('writes timestamps in Japan time', () => {
    expect(formatDateTime('2026-11-20T01:30:00Z')).toBe('2026年11月20日 10:30')
  })
})
