import { describe, expect, it } from 'vitest'
import { groupSchedule, isSettling, parseDays, startsAtJst, statusTotals } from './hearings'
import { message, scheduleOf } from './testApi'

// 2026-12-21 10:00 in Japan
const STARTS = '2026-12-21T01:00:00Z'

describe('startsAtJst', () => {
  it('makes the form’s date and time an ISO timestamp in Japan time', () => {
    expect(startsAtJst('2026-12-21', '10:00')).toBe('2026-12-21T10:00:00+09:00')
    expect(startsAtJst('2027-01-05', '09:30:00')).toBe('2027-01-05T09:30:00+09:00')
    expect(Date.parse(startsAtJst('2026-12-21', '10:00'))).toBe(Date.parse(STARTS))
  })
})

describe('groupSchedule', () => {
  it('groups the notice and each reminder day, counting recipients and statuses', () => {
    const messages = scheduleOf(5, '2026-12-21', [131, 132, 133], { noticeAt: '2026-12-01T03:00:00Z' })
    // the notice went to two, failed for the third; one 7-day reminder was cancelled (opt-out)
    messages[0].status = 'sent'
    messages[4].status = 'sent'
    messages[8].status = 'failed'
    messages[10].status = 'cancelled'

    const groups = groupSchedule(messages, STARTS)

    expect(groups.map((g) => [g.kind, g.daysBefore, g.recipients, g.counts])).toEqual([
      ['hearing_notice', null, 3, [['sent', 2], ['failed', 1]]],
      ['hearing_reminder', 14, 3, [['queued', 3]]],
      ['hearing_reminder', 7, 3, [['queued', 2], ['cancelled', 1]]],
      ['hearing_reminder', 1, 3, [['queued', 3]]],
    ])
    expect(groups[1].dueAt).toBe('2026-12-07T00:00:00.000Z') // 09:00 in Japan, 14 days before
    expect(groups.reduce((n, g) => n + g.total, 0)).toBe(12)
    expect(statusTotals(messages)).toEqual([
      ['queued', 8],
      ['sent', 2],
      ['failed', 1],
      ['cancelled', 1],
    ])
  })

  it('keeps a reminder retried later that day in its group, and counts a claimant once', () => {
    const messages = [
      message(1, { kind: 'hearing_reminder', claimant_id: 7, due_at: '2026-12-14T00:00:00Z', status: 'sent' }),
      message(2, { kind: 'hearing_reminder', claimant_id: 8, due_at: '2026-12-14T00:04:00Z', status: 'queued', attempts: 1 }),
      message(3, { kind: 'hearing_reminder', claimant_id: 8, due_at: '2026-12-14T00:00:00Z', status: 'cancelled' }),
    ]
    const [group] = groupSchedule(messages, STARTS)
    expect(group).toMatchObject({ daysBefore: 7, recipients: 2, total: 3, dueAt: '2026-12-14T00:00:00Z' })
    expect(groupSchedule(messages, STARTS)).toHaveLength(1)
  })

  it('keeps the messages of each event apart: the first notice and the one after a cancellation', () => {
    const messages = [
      message(1, { event_id: 'ev-1', due_at: '2026-12-01T03:00:00Z', status: 'sent' }),
      message(2, { event_id: 'ev-2', kind: 'hearing_cancellation', due_at: '2026-12-02T03:00:00Z', status: 'queued' }),
      message(3, { event_id: 'ev-1', kind: 'hearing_reminder', due_at: '2026-12-20T00:00:00Z', status: 'cancelled' }),
    ]
    expect(groupSchedule(messages, STARTS).map((g) => [g.kind, g.daysBefore])).toEqual([
      ['hearing_notice', null],
      ['hearing_cancellation', null],
      ['hearing_reminder', 1],
    ])
  })

  it('calls a reminder on the hearing’s day “0 days before”', () => {
    const [group] = groupSchedule([message(1, { kind: 'hearing_reminder', due_at: '2026-12-20T23:00:00Z' })], STARTS)
    expect(group.daysBefore).toBe(0)
  })
})

describe('isSettling', () => {
  const now = Date.parse('2026-12-01T03:00:00Z')
  it('is true while a message is being sent or is queued and due', () => {
    expect(isSettling([message(1, { status: 'sending' })], now)).toBe(true)
    expect(isSettling([message(1, { status: 'queued', due_at: '2026-12-01T02:59:00Z' })], now)).toBe(true)
  })
  it('is false for reminders queued for later days and for messages done', () => {
    expect(isSettling([message(1, { status: 'queued', due_at: '2026-12-07T00:00:00Z' }), message(2, { status: 'sent' })], now)).toBe(false)
  })
})

describe('parseDays', () => {
  it('reads days separated by commas, 、 or spaces, full-width too, latest first', () => {
    expect(parseDays('1, 14, 7')).toEqual({ days: [14, 7, 1] })
    expect(parseDays('１４、７　０')).toEqual({ days: [14, 7, 0] })
    expect(parseDays('  ')).toEqual({ days: [] })
    expect(parseDays('90')).toEqual({ days: [90] })
  })

  it('refuses what the API refuses: not whole numbers, more than 90, twice the same day, more than 10', () => {
    expect(parseDays('14, x')).toEqual({ problem: 'notNumber', value: 'x' })
    expect(parseDays('-1')).toEqual({ problem: 'notNumber', value: '-1' })
    expect(parseDays('1.5')).toEqual({ problem: 'notNumber', value: '1.5' })
    expect(parseDays('7, 91')).toEqual({ problem: 'range', value: '91' })
    expect(parseDays('7, 3, 7')).toEqual({ problem: 'duplicate', value: '7' })
    expect(parseDays('07, 7')).toEqual({ problem: 'duplicate', value: '7' })
    expect(parseDays('1,2,3,4,5,6,7,8,9,10,11')).toEqual({ problem: 'tooMany', count: 11 })
    expect(parseDays('1,2,3,4,5,6,7,8,9,10')).toEqual({ days: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] })
  })
})
