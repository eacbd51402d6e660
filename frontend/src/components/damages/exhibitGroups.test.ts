import { describe, expect, it } from 'vitest'
import { exhibit, exhibitFile } from '../../test/fixtures'
import { groupExhibits, matchesFilter, toggled } from './exhibitGroups'

const list = [
  exhibit(11, null, 1, 1, 'ネットde社労夢契約書'),
  exhibit(30, 7, 3, 1, '利用申込書'),
  exhibit(31, 7, 3, 2, '賃金台帳', { current_version: exhibitFile('payroll.pdf') }),
  exhibit(13, null, 2, null, 'お知らせ', { author: '被告' }),
  exhibit(37, 7, 3, 7, 'タイムカード', { slot: 2 }),
]

describe('exhibitGroups', () => {
  it('puts the claimant’s exhibits of the slot first, then the common ones, the other own ones and the unlisted links, each in list order', () => {
    const groups = groupExhibits(list, 2, [{ id: 31, label: '甲第3号証の2' }, { id: 90, label: '甲第4号証の2' }])
    expect(groups.map((g) => [g.kind, g.exhibits.map((e) => e.id)])).toEqual([
      ['slot', [31, 37]],
      ['common', [11, 13]],
      ['own', [30]],
      ['unlisted', [90]],
    ])
    // empty groups are left out
    expect(groupExhibits(list, 5, []).map((g) => g.kind)).toEqual(['common', 'own'])
    expect(groupExhibits([], 2, [])).toEqual([])
  })

  it('filters by label, short label, title, author or file name, full-width digits as ASCII', () => {
    const ids = (filter: string) => list.filter((e) => matchesFilter(e, filter)).map((e) => e.id)
    expect(ids('')).toEqual([11, 30, 31, 13, 37])
    expect(ids('甲第3号証')).toEqual([30, 31, 37])
    expect(ids('甲３の２')).toEqual([31])
    expect(ids('PAYROLL')).toEqual([31])
    expect(ids('被告')).toEqual([13])
    expect(matchesFilter({ id: 90, label: '甲第4号証の2' }, '4号証')).toBe(true)
  })

  it('adds a ticked id at the end and removes an unticked one', () => {
    expect(toggled([31], 37, true)).toEqual([31, 37])
    expect(toggled([31, 37], 31, false)).toEqual([37])
    expect(toggled([31], 31, true)).toEqual([31])
  })
})
