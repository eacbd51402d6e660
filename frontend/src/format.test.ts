import { describe, expect, it } from 'vitest'
import { formatCount, formatDate, formatDateTime, formatDateWeekday, formatList, formatMonth, formatTime, formatYen, listParts } from './format'

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

describe('counts', () => {
  it('writes thousands separators', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1234567)).toBe('1,234,567')
  })
})

describe('the calendar’s dates', () => {
  it('writes the month, the day with its weekday and the time the Japanese way, in Japan time', () => {
    expect(formatMonth('2027-01-01')).toBe('2027年1月')
    expect(formatDateWeekday('2027-01-14')).toBe('2027年1月14日(木)')
    expect(formatTime('2027-01-14T01:30:00Z')).toBe('10:30')
  })
})

describe('lists', () => {
  it('joins items the way the language does', () => {
    expect(formatList(['電話番号', '期日通知への同意'], 'ja')).toBe('電話番号、期日通知への同意')
    expect(formatList(['phone', 'e-mail', 'address'], 'en')).toBe('phone, e-mail, and address')
    expect(formatList(['phone'], 'en')).toBe('phone')
  })
  it('keeps items that are not text, with the separators between them', () => {
    const a = { id: 'a' }
    const b = { id: 'b' }
    expect(listParts([a, b], 'ja')).toEqual([a, '、', b])
    expect(listParts([a, b], 'en')).toEqual([a, ' and ', b])
    expect(listParts([a], 'en')).toEqual([a])
  })
})
