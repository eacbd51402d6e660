import { describe, expect, it } from 'vitest'
import { filtersFrom, listQuery, nextSort, sortFrom, withParam, withoutFilters } from './listParams'

describe('the claimant list URL', () => {
  it('reads the filters, ignoring values it does not know', () => {
    const params = new URLSearchParams('q=京都&stage=intake&missing=true&flagged=maybe&proceeding=x')
    expect(filtersFrom(params)).toEqual({ q: '京都', stage: 'intake', kind: '', missing: 'true', flagged: '', proceeding: '' })
    // an old or mistyped link: unknown stage and kind are dropped rather than sent (claims-api would refuse them)
    expect(filtersFrom(new URLSearchParams('stage=received&kind=lawyer'))).toMatchObject({ stage: '', kind: '' })
    expect(filtersFrom(new URLSearchParams('kind=sr_center')).kind).toBe('sr_center')
    expect(filtersFrom(new URLSearchParams('proceeding=none')).proceeding).toBe('none')
    expect(filtersFrom(new URLSearchParams('proceeding=12')).proceeding).toBe('12')
  })

  it('turns them into the API query', () => {
    const filters = filtersFrom(new URLSearchParams('kind=sr_center&missing=false&proceeding=none'))
    expect(listQuery(2, filters, { key: 'total', descending: true }, 50, 100)).toEqual({
      case_id: 2,
      kind: 'sr_center',
      missing: false,
      in_proceeding: false,
      sort: '-total',
      limit: 50,
      offset: 100,
    })
    const byProceeding = filtersFrom(new URLSearchParams('proceeding=3&flagged=true'))
    expect(listQuery(2, byProceeding, { key: 'id', descending: false }, 50, 0)).toEqual({
      case_id: 2,
      flagged: true,
      proceeding_id: 3,
      limit: 50,
      offset: 0,
    })
  })

  it('reads the order, falling back to the id', () => {
    expect(sortFrom(new URLSearchParams('sort=-kana'))).toEqual({ key: 'kana', descending: true })
    expect(sortFrom(new URLSearchParams('sort=amount'))).toEqual({ key: 'id', descending: false })
  })

  it('sorts amounts largest first on the first click and turns the order on the next', () => {
    expect(nextSort({ key: 'id', descending: false }, 'total')).toEqual({ key: 'total', descending: true })
    expect(nextSort({ key: 'id', descending: false }, 'name')).toEqual({ key: 'name', descending: false })
    expect(nextSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true })
  })

  it('goes back to page 1 when a filter changes, and clears the filters but not the search', () => {
    const prev = new URLSearchParams('q=a&page=3&stage=filed&sort=name')
    expect(withParam(prev, 'kind', 'other').toString()).toBe('q=a&stage=filed&sort=name&kind=other')
    expect(withParam(prev, 'stage', '').toString()).toBe('q=a&sort=name')
    expect(withoutFilters(prev).toString()).toBe('q=a&sort=name')
  })
})
