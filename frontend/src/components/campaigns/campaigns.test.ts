import { describe, expect, it } from 'vitest'
import { DEFAULT_TITLE, deliveryBusy, duplicateKeys, importPercent, itemLabels, stepOf } from './campaigns'
import { filenameOf } from './csvDownload'
import { counts, ITEMS } from './testApi'
import notifyOpenApi from '../../../openapi/notify.json'

describe('campaigns', () => {
  it('starts the form with the title notify gives by default', () => {
    expect(notifyOpenApi.components.schemas.CampaignCreate.properties.title.default).toBe(DEFAULT_TITLE)
  })

  it('knows the step a campaign is at', () => {
    expect(stepOf({ status: 'draft' }, undefined)).toBe('recipients')
    expect(stepOf({ status: 'draft' }, 0)).toBe('recipients')
    expect(stepOf({ status: 'draft' }, 3)).toBe('confirm')
    expect(stepOf({ status: 'sending' }, 3)).toBe('send')
  })

  it('counts the progress of an import in whole percent', () => {
    expect(importPercent({ bytes_read: 0, bytes_total: 0 })).toBeNull()
    expect(importPercent({ bytes_read: 1, bytes_total: 3 })).toBe(33)
    expect(importPercent({ bytes_read: 5, bytes_total: 3 })).toBe(100)
  })

  it('polls the delivery while e-mails are to be sent or letters to be gathered, not while people have to act', () => {
    const d = (email = counts(), postal = counts(), publicNotice = counts()) => ({
      campaign_id: 1, recipients: 3, email, postal, public_notice: publicNotice, notified: 0, covered_by_public_notice: 0, outstanding: 3,
      unqueued_email: 0, unqueued_postal: 0, summary: '',
    })
    expect(deliveryBusy(undefined)).toBe(false)
    expect(deliveryBusy(d(counts({ queued: 1 })))).toBe(true)
    expect(deliveryBusy(d(counts({ sending: 1 })))).toBe(true)
    expect(deliveryBusy(d(counts(), counts({ queued: 1 })))).toBe(true)
    // letters in a batch wait to be posted, the public notice to be published
    expect(deliveryBusy(d(counts({ sent: 1 }), counts({ sending: 1 }), counts({ queued: 1 })))).toBe(false)
  })

  it('lists a recipient’s items by label, in the catalogue’s order', () => {
    expect(itemLabels(ITEMS, ['mynumber', 'name'])).toEqual(['氏名', '個人番号'])
    expect(itemLabels(ITEMS, ['unknown'])).toEqual(['unknown'])
  })

  it('finds the keys listed twice', () => {
    expect([...duplicateKeys([{ key: 'a', label: '' }, { key: ' a ', label: '' }, { key: '', label: '' }, { key: '', label: '' }])]).toEqual(['a'])
  })

  it('reads the file name of a download', () => {
    expect(filenameOf('attachment; filename="campaign-1-proof.csv"', 'x.csv')).toBe('campaign-1-proof.csv')
    expect(filenameOf("attachment; filename*=UTF-8''%E9%80%81%E9%81%94.csv", 'x.csv')).toBe('送達.csv')
    expect(filenameOf(null, 'x.csv')).toBe('x.csv')
  })
})
