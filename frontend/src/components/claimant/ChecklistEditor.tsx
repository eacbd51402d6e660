import { useId, useState } from 'react'
import { claimsApi, unwrap } from '../../api/client'
import { formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { todayInTokyo, useCanWriteClaims, useClaimant, type ChecklistItem } from './claimantQueries'
import { useClaimantWrite } from './useClaimantWrite'
import { WriteFeedback } from '../WriteFeedback'

interface Tick {
  item: ChecklistItem
  received_on: string | null
}

/**
 * The intake checklist (schedule, engagement contract, power of attorney, originals, insurance policy when
 * insured): what has been received and when. Users with claims:write tick an item as received on the date
 * beside it (today unless changed), or untick it.
 */
export function ChecklistEditor({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const id = useId()
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const [today] = useState(todayInTokyo)
  const [dates, setDates] = useState<Partial<Record<ChecklistItem, string>>>({})
  const tick = useClaimantWrite(claimantId, async ({ item, received_on }: Tick, headers) =>
    unwrap(
      await claimsApi.PUT('/api/v1/claimants/{claimant_id}/checklist/{item}', {
        params: { path: { claimant_id: claimantId, item } },
        body: { received_on },
        headers,
      }),
    ),
  )

  if (!claimant) return null
  // The API lists every applicable item; an item only named in missing_items still shows, as not received.
  const entries = [
    ...claimant.checklist,
    ...claimant.missing_items
      .filter((item) => !claimant.checklist.some((e) => e.item === item))
      .map((item) => ({ item, label: item, received_on: null, recorded_by: null })),
  ]
  const pendingItem = tick.isPending ? tick.variables : null

  function toggle(item: ChecklistItem, received: boolean) {
    // While one tick is saved the others wait (each carries the claimant's ETag, which it changes).
    if (tick.isPending) return
    tick.mutate({ item, received_on: received ? dates[item] || today : null })
  }

  let done: string | null = null
  if (tick.isSuccess) {
    const name = label('checklist', tick.variables.item)
    done = tick.variables.received_on
      ? t('checklistEditor.ticked', { item: name, date: formatDate(tick.variables.received_on) })
      : t('checklistEditor.unticked', { item: name })
  }

  return (
    <div className="checklist-editor">
      <h3 id={`${id}-title`}>{t('checklistEditor.title')}</h3>
      <p>
        {claimant.missing_items.length === 0
          ? t('intake.complete')
          : t('checklistEditor.missingCount', { count: claimant.missing_items.length })}
      </p>
      <ul className="plain checklist" aria-labelledby={`${id}-title`}>
        {entries.map((entry) => {
          const name = label('checklist', entry.item, entry.label)
          const received = pendingItem?.item === entry.item ? pendingItem.received_on !== null : entry.received_on !== null
          const statusId = `${id}-${entry.item}-status`
          const status = entry.received_on ? (
            <>
              {t('checklistEditor.received', { date: formatDate(entry.received_on) })}
              {entry.recorded_by && t('checklistEditor.recordedBy', { actor: entry.recorded_by })}
            </>
          ) : (
            t('checklistEditor.notReceived')
          )
          return (
            <li key={entry.item} className={entry.received_on ? 'received' : 'missing'}>
              {canWrite ? (
                <>
                  <input
                    type="checkbox"
                    id={`${id}-${entry.item}`}
                    checked={received}
                    aria-disabled={tick.isPending || undefined}
                    aria-describedby={statusId}
                    onChange={(e) => toggle(entry.item, e.target.checked)}
                  />{' '}
                  <label htmlFor={`${id}-${entry.item}`}>{name}</label>
                </>
              ) : (
                <span className="item-name">{name}</span>
              )}{' '}
              <span id={statusId} className="item-status">
                {status}
              </span>
              {canWrite && !entry.received_on && (
                <span className="item-date">
                  <label htmlFor={`${id}-${entry.item}-date`}>
                    {t('checklistEditor.date')}
                    <span className="visually-hidden">{t('checklistEditor.dateOf', { item: name })}</span>
                  </label>{' '}
                  <input
                    type="date"
                    id={`${id}-${entry.item}-date`}
                    value={dates[entry.item] ?? today}
                    max={today}
                    onChange={(e) => setDates((d) => ({ ...d, [entry.item]: e.target.value }))}
                  />
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {canWrite && <WriteFeedback pending={tick.isPending} done={done} error={tick.error} />}
    </div>
  )
}
