// The dashboard's shapes and the small rules it follows: days until a date, the agenda of hearings and the APPI
// report deadlines (速報・確報) merged by date, the links into the claimant list, and a bar chart's scale.
import type { components } from '../../api/claims-api'
import type { Campaign } from '../campaigns/campaigns'
import { dayInTokyo, daysBetween } from '../../dates'

type Schemas = components['schemas']
export type Dashboard = Schemas['Dashboard']
export type ClaimantsByStage = Schemas['ClaimantsByStage']
export type ProceedingFigures = Schemas['ProceedingFigures']
export type UpcomingHearing = Schemas['UpcomingHearing']
export type Stage = Schemas['StageCount']['stage']

/** How long a report deadline stays on the agenda after it passed (notify does not record the report itself). */
export const OVERDUE_SHOWN_DAYS = 30

export type AgendaItem =
  | { key: string; type: 'hearing'; day: string; days: number; hearing: UpcomingHearing }
  | { key: string; type: 'preliminary' | 'final'; day: string; days: number; campaign: Pick<Campaign, 'id' | 'title' | 'claimant_id' | 'deadlines'> }

/**
 * The hearings and, for each campaign, its 速報 (the last day of its window) and 確報 due dates, earliest first.
 * Report deadlines that passed more than OVERDUE_SHOWN_DAYS ago are left out; the hearings are upcoming already.
 */
export function agenda(today: string, hearings: readonly UpcomingHearing[], campaigns: readonly Campaign[]): AgendaItem[] {
  const items: AgendaItem[] = hearings.map((hearing) => {
    const day = dayInTokyo(hearing.starts_at)
    return { key: `h${hearing.hearing_id}`, type: 'hearing', day, days: daysBetween(today, day), hearing }
  })
  for (const campaign of campaigns) {
    const reports = [
      ['preliminary', campaign.deadlines.preliminary_by],
      ['final', campaign.deadlines.final_due],
    ] as const
    for (const [type, day] of reports) {
      const days = daysBetween(today, day)
      if (days >= -OVERDUE_SHOWN_DAYS) items.push({ key: `${type}${campaign.id}`, type, day, days, campaign })
    }
  }
  const startsAt = (item: AgendaItem) => (item.type === 'hearing' ? item.hearing.starts_at : `${item.day}T23:59:59+09:00`)
  return items.sort((a, b) => a.day.localeCompare(b.day) || Date.parse(startsAt(a)) - Date.parse(startsAt(b)) || a.key.localeCompare(b.key))
}

/**
 * The claimant list filtered as given, in the list's own query parameters (claimantList/listParams.ts):
 * ?proceeding=<id> or ?proceeding=none (in no proceeding), ?stage=, ?missing=true, ?flagged=true.
 */
export function claimantsLink(filter: { stage?: Stage; proceedingId?: number | 'none'; missing?: boolean; flagged?: boolean }): string {
  const params = new URLSearchParams()
  if (filter.proceedingId !== undefined) params.set('proceeding', String(filter.proceedingId))
  if (filter.stage) params.set('stage', filter.stage)
  if (filter.missing) params.set('missing', 'true')
  if (filter.flagged) params.set('flagged', 'true')
  const query = params.toString()
  return query ? `/claimants?${query}` : '/claimants'
}

/** The width of a bar out of `full` units for `value` of `max` (a non-zero value gets at least a sliver). */
export function barWidth(value: number, max: number, full: number): number {
  if (value <= 0 || max <= 0) return 0
  return Math.max(2, Math.round((value / max) * full))
}
