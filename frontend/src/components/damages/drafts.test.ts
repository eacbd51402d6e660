import { describe, expect, it } from 'vitest'
import { damageItem, overtimeLine } from '../../test/fixtures'
import { draftFromItem, emptyDraft, isComplete, monthList, monthText, toBody, toInteger, type DamageItem } from './drafts'

const defaults = { incidentDate: '2023-06-05', usableOn: '2023-07-03' }

describe('drafts', () => {
  it('reads yen as typed: separators, full-width digits and 円; blank is null; anything else goes to the API as typed', () => {
    expect(toInteger('1,234')).toBe(1234)
    expect(toInteger('１２，３４５円')).toBe(12345)
    expect(toInteger(' 500 ')).toBe(500)
    expect(toInteger('')).toBeNull()
    expect(toInteger('12.5')).toBe('12.5')
  })

  it('reads months loosely as YYYY-MM', () => {
    expect(monthText('2023/6')).toBe('2023-06')
    expect(monthText('２０２３年１２月')).toBe('2023-12')
    expect(monthText('2023-13')).toBe('2023-13') // the API names what is wrong
    expect(monthList('2023-06, 2023/7、2023-08\n')).toEqual(['2023-06', '2023-07', '2023-08'])
    expect(monthList('')).toEqual([])
  })

  it('sends blank required inputs as null for the API to name them, and holds back the preview until they are filled', () => {
    const draft = emptyDraft('staff_cost', defaults)
    expect(isComplete(draft.inputs)).toBe(false)
    expect(toBody(draft)).toEqual({
      head: 'staff_cost',
      inputs: { lines: [{ kind: 'overtime', person: '', manager: false, date_from: null, date_to: null, hours: null, hourly_rate: null, premium_rate: '1.25', note: '' }] },
      declared_amount: null,
      facts: '',
      exhibit_ids: [],
    })
  })

  it('round-trips a saved item, keeping its exhibits', () => {
    const item = damageItem(1, 7, 'staff_cost', {
      inputs: { lines: [overtimeLine({ hours: '12.50' }), { kind: 'outsourcing', vendor: '株式会社A', description: '入力', invoiced_on: '2023-07-01', amount: 5000 }] },
      declared_amount: 30000,
      facts: '残業',
      exhibits: [{ id: 3, label: '甲第3号証の2' }],
    }) as unknown as DamageItem
    const draft = draftFromItem(item, defaults)
    expect(isComplete(draft.inputs)).toBe(true)
    expect(toBody(draft)).toEqual({
      head: 'staff_cost',
      inputs: item.inputs,
      declared_amount: 30000,
      facts: '残業',
      exhibit_ids: [3],
    })
  })

  it('starts a fee difference following the incident and the claimant’s day, or asks for the day when the claimant has none', () => {
    expect(emptyDraft('fee_difference', defaults).inputs).toMatchObject({ unusable_from: null, usable_on: null, unbilled_months: '2023-06' })
    const without = emptyDraft('fee_difference', { incidentDate: null, usableOn: null }).inputs
    if (without.head !== 'fee_difference') throw new Error('not a fee difference')
    expect(without.usable_on).toBe('')
    expect(isComplete({ ...without, monthly_fee: '1000' })).toBe(false)
    expect(isComplete({ ...without, monthly_fee: '1000', usable_on: '2023-07-10' })).toBe(true)
    expect(emptyDraft('fee_increase_refund', defaults).inputs).toMatchObject({ first_month: '2023-12' })
  })
})
