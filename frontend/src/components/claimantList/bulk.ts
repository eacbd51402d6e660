// Bulk actions on the selected claimants: one request per claimant, one after another (the stage rules and the
// proceeding's numbering decide per claimant), with the progress and each claimant's own result.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { ApiError, claimsApi, notifyApi, unwrap } from '../../api/client'
import type { components } from '../../api/notify'
import type { Stage } from './listParams'

export interface Target {
  id: number
  name: string
}

export interface BulkResult {
  id: number
  name: string
  ok: boolean
  /** the member number on success of "add to a proceeding" */
  number?: number
  /** why it failed: the problem's detail (and field errors), or the network error */
  reason?: string
}

export interface BulkRun {
  action: string
  total: number
  results: BulkResult[]
  running: boolean
}

/** What a failed request says: the problem's detail and its field errors. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((e) => `${e.field}: ${e.reason}`)
    const detail = error.problem.detail || error.problem.title || `HTTP ${error.status}`
    return [detail, ...fields.filter((f) => !detail.includes(f))].join(' / ')
  }
  return error instanceof Error ? error.message : String(error)
}

export async function moveStage(id: number, toStage: Stage, note: string): Promise<BulkResult['number']> {
  unwrap(
    await claimsApi.POST('/api/v1/claimants/{claimant_id}/stage', {
      params: { path: { claimant_id: id } },
      body: { to_stage: toStage, note: note.trim() || null },
    }),
  )
  return undefined
}

export async function addMember(proceedingId: number, id: number): Promise<BulkResult['number']> {
  const member = unwrap(
    await claimsApi.POST('/api/v1/proceedings/{proceeding_id}/members', {
      params: { path: { proceeding_id: proceedingId }, header: { 'idempotency-key': crypto.randomUUID() } },
      body: { claimant_id: id },
    }),
  )
  return member.number
}

/** Runs `each` for every target in turn, keeping the results; the list and the claimants are refetched after. */
export function useBulk() {
  const queryClient = useQueryClient()
  const [run, setRun] = useState<BulkRun | null>(null)
  const busy = useRef(false)

  const start = useCallback(
    async (action: string, targets: Target[], each: (id: number) => Promise<number | undefined>) => {
      if (busy.current || targets.length === 0) return
      busy.current = true
      setRun({ action, total: targets.length, results: [], running: true })
      try {
        for (const target of targets) {
          let result: BulkResult
          try {
            const number = await each(target.id)
            result = { ...target, ok: true, number }
          } catch (error) {
            result = { ...target, ok: false, reason: reasonOf(error) }
          }
          setRun((prev) => (prev ? { ...prev, results: [...prev.results, result] } : prev))
        }
      } finally {
        busy.current = false
        setRun((prev) => (prev ? { ...prev, running: false } : prev))
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ['claimants'] }),
          queryClient.invalidateQueries({ queryKey: ['claimant'] }),
          queryClient.invalidateQueries({ queryKey: ['case'] }),
        ])
      }
    },
    [queryClient],
  )

  return { run, start, clear: () => setRun(null) }
}

export type ReminderSend = components['schemas']['IntakeReminderSendRead']
export type ReminderSkipReason = NonNullable<components['schemas']['IntakeReminderSendResult']['reason']>

/**
 * The intake reminder now, to the claimants picked (notify: one request for all, one a day per claimant, the quiet
 * hours still apply). The key makes a retry of the same press safe; notify's daily dedupe covers a second press.
 */
export async function sendReminders(ids: number[], idempotencyKey: string): Promise<ReminderSend> {
  return unwrap(
    await notifyApi.POST('/api/v1/intake-reminders/send', {
      params: { header: { 'idempotency-key': idempotencyKey } },
      body: { claimant_ids: ids },
    }),
  )
}
