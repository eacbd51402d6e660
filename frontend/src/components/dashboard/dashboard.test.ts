import { describe, expect, it } from 'vitest'
import { campaign } from '../campaigns/testApi'
import { agenda, barWidth, claimantsLink } from './dashboard'
import { dashboard } from './testApi'

describe('dashboard rules', () => {
  it('merges hearings and report deadlines by day (a hearing before a deadline of its day) and drops long-passed deadlines', () => {
    const hearing = { ...dashboard().hearings[0], starts_at: '2026-12-04T00:30:00Z' } // 09:30 JST on the 4th
    const late = { ...dashboard().hearings[0], hearing_id: 9, starts_at: '2026-12-03T15:30:00Z' } // 00:30 JST on the 4th
    const c = campaign(3, {
      deadlines: { preliminary_from: '2026-12-02', preliminary_by: '2026-12-04', final_due: '2026-10-31', final_outer_limit: '2026-11-01', final_days: 30 },
    })
    const items = agenda('2026-12-01', [hearing, late], [c])
    // the 確報 of 2026-10-31 passed 31 days ago: left out
    expect(items.map((i) => [i.key, i.day, i.days])).toEqual([
      ['h9', '2026-12-04', 3],
      ['h5', '2026-12-04', 3],
      ['preliminary3', '2026-12-04', 3],
    ])
    expect(agenda('2026-11-30', [], [c]).map((i) => [i.key, i.days])).toEqual([
      ['final3', -30],
      ['preliminary3', 4],
    ])
  })

  it('builds the claimant list’s filter links', () => {
    expect(claimantsLink({})).toBe('/claimants')
    expect(claimantsLink({ stage: 'filed' })).toBe('/claimants?stage=filed')
    expect(claimantsLink({ proceedingId: 2, stage: 'intake' })).toBe('/claimants?proceeding=2&stage=intake')
    expect(claimantsLink({ proceedingId: 'none' })).toBe('/claimants?proceeding=none')
    expect(claimantsLink({ missing: true, flagged: true })).toBe('/claimants?missing=true&flagged=true')
  })

  it('scales bars, keeping a sliver for small non-zero values', () => {
    expect(barWidth(0, 10, 300)).toBe(0)
    expect(barWidth(10, 10, 300)).toBe(300)
    expect(barWidth(1, 10_000, 300)).toBe(2)
    expect(barWidth(5, 0, 300)).toBe(0)
  })
})

describe('bar chart labels', () => {
  it('estimates a label’s width: full-width characters a whole em', async () => {
    const { textWidth } = await import('./BarChart')
    expect(textWidth('値上げ分の不当利得')).toBe(126)
    expect(textWidth('Filed')).toBe(39)
  })
})
