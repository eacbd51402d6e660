import { describe, expect, it } from 'vitest'
import { addMonths, auditQuery, changes, claimantOf, initialDay, monthWeeks, NO_FILTERS, unknownPlaceholders } from './admin'
import { auditEvent, hearing } from './testApi'

describe('the month grid', () => {
  it('covers the month in Sunday-first weeks', () => {
    const weeks = monthWeeks('2027-01-14')
    expect(weeks[0]).toEqual(['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'])
    expect(weeks).toHaveLength(6) // 2027-01-01 is a Friday, the 31st a Sunday
    expect(weeks.at(-1)).toEqual(['2027-01-31', '2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05', '2027-02-06'])
    expect(monthWeeks('2026-02-01')).toHaveLength(4) // February 2026 starts on a Sunday and has 28 days
  })

  it('puts a hearing on its day in Japan and opens on the next one', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28')
    const hs = [hearing(1, 1, '2026-10-01T01:00:00Z'), hearing(2, 1, '2027-03-03T01:00:00Z'), hearing(3, 1, '2027-02-01T01:00:00Z', { status: 'cancelled' })]
    expect(initialDay(hs, '2026-12-01')).toBe('2027-03-03')
    expect(initialDay([], '2026-12-01')).toBe('2026-12-01')
  })
})

describe('the audit log', () => {
  it('asks for whole Japanese days, the end day included', () => {
    expect(auditQuery({ ...NO_FILTERS, actor: ' user:1 ', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      actor: 'user:1',
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
    })
  })

  it('lists the fields a change touched', () => {
    expect(changes({ before: { a: 1, b: 'x' }, after: { a: 1, b: 'y', c: true } })).toEqual([
      { field: 'b', before: 'x', after: 'y' },
      { field: 'c', before: undefined, after: true },
    ])
    expect(changes({ role: 'admin' })).toBeNull()
    expect(changes({ before: 3, after: 4 })).toEqual([{ field: '', before: 3, after: 4 }])
  })

  it('links claimant entries only', () => {
    expect(claimantOf(auditEvent(1))).toBe(7)
    expect(claimantOf(auditEvent(2, { entity: 'user', entity_id: '7' }))).toBeNull()
  })

  it('finds placeholders docs-render does not know', () => {
    expect(unknownPlaceholders('{defendant_name} {total} {totl} {totl}')).toEqual(['{totl}'])
  })
})
