import { describe, expect, it } from 'vitest'
import { currentSelection, matchingSelection, pageSelection, selectedSet, toggleRow, togglePage, type ListKeys } from './selection'

const page1: ListKeys = { page: 'stage=intake&offset=0', filter: 'stage=intake' }
const page2: ListKeys = { page: 'stage=intake&offset=50', filter: 'stage=intake' }
const other: ListKeys = { page: 'stage=filed&offset=0', filter: 'stage=filed' }

describe('the claimant list selection', () => {
  it('keeps rows ticked on their page only, and every matching claimant on every page of the same filters', () => {
    const rows = pageSelection(page1, [1, 2])
    expect(currentSelection(rows, page1)).toBe(rows)
    expect(currentSelection(rows, page2)).toBeNull()
    const all = matchingSelection(page1.filter, [5, 1, 2, 9])
    expect(currentSelection(all, page2)).toBe(all)
    expect(currentSelection(all, other)).toBeNull()
    expect([...selectedSet(all)]).toEqual([5, 1, 2, 9])
  })

  it('ticks and unticks rows; unticking one of "all matching" leaves the rest of the page', () => {
    const one = toggleRow(null, page1, [1, 2, 3], 2)
    expect([...selectedSet(one)]).toEqual([2])
    expect([...selectedSet(toggleRow(one, page1, [1, 2, 3], 2))]).toEqual([])
    const all = matchingSelection(page1.filter, [1, 2, 3, 4, 5, 6])
    const unticked = toggleRow(all, page2, [4, 5, 6], 5)
    expect(unticked).toMatchObject({ kind: 'page', key: page2.page })
    expect([...selectedSet(unticked)]).toEqual([4, 6])
  })

  it('ticks the whole page with the header box, and with everything ticked clears it all', () => {
    expect([...selectedSet(togglePage(pageSelection(page1, [2]), page1, [1, 2, 3]))]).toEqual([1, 2, 3])
    expect([...selectedSet(togglePage(pageSelection(page1, [1, 2, 3]), page1, [1, 2, 3]))]).toEqual([])
    expect([...selectedSet(togglePage(matchingSelection(page1.filter, [1, 2, 3, 4]), page1, [1, 2]))]).toEqual([])
  })
})
