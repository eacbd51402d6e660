// Bulk actions on the selected claimants: one request per claimant (the stage rules and the proceeding's numbering
// decide per claimant), a few at a time at most, with the progress and each claimant's own result. A run of thousands
// (every claimant matching the filters) can be stopped: no more are started, those already sent are reported.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, claimsApi, notifyApi, unwrap } from '../../api/client'
import type { components } from '../../api/notify'
import type { Stage } from './listParams'

export interface Target {
  id: number
  /** '' when not known here (selected with "all matching", on a page not shown) */
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
  /** as they come while running; in the targets' order once it has ended */
  results: BulkResult[]
  running: boolean
  /** stopped before every target was run */
  cancelled: boolean
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

/** Stage moves are independent of each other: a few at a time. Members are numbered in the order they are added,
 * so those go one after another, in the list's order. */
export const STAGE_CONCURRENCY = 4
export const MEMBER_CONCURRENCY = 1

export interface RunOptions {
  concurrency: number
  /** aborted: no more targets are started; the requests already sent finish and are reported */
  signal?: AbortSignal
  onResult?: (result: BulkResult, index: number) => void
}

/**
 * Runs `each` for the targets, starting them in order, at most `concurrency` at a time; a failure is that claimant's
 * result, not the end of the run. Resolves with the results in the targets' order (undefined: never started).
 */
export async function runBulk(
  targets: readonly Target[],
  each: (id: number) => Promise<number | undefined>,
  { concurrency, signal, onResult }: RunOptions,
): Promise<(BulkResult | undefined)[]> {
  const results: (BulkResult | undefined)[] = new Array(targets.length).fill(undefined)
  let next = 0
  async function worker() {
    while (next < targets.length && !signal?.aborted) {
      const index = next++
      const target = targets[index]
      let result: BulkResult
      try {
        result = { ...target, ok: true, number: await each(target.id) }
      } catch (error) {
        result = { ...target, ok: false, reason: reasonOf(error) }
      }
      results[index] = result
      onResult?.(result, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker))
  return results
}

/** Runs a bulk action over the targets, keeping the results; the list and the claimants are refetched after.
 * Leaving the page stops the run. */
export function useBulk() {
  const queryClient = useQueryClient()
  const [run, setRun] = useState<BulkRun | null>(null)
  const controller = useRef<AbortController | null>(null)
  useEffect(() => () => controller.current?.abort(), [])

  const start = useCallback(
    async (
      action: string,
      targets: Target[],
      each: (id: number) => Promise<number | undefined>,
      concurrency = MEMBER_CONCURRENCY,
    ) => {
      if (controller.current || targets.length === 0) return
      const abort = new AbortController()
      controller.current = abort
      setRun({ action, total: targets.length, results: [], running: true, cancelled: false })
      try {
        const results = await runBulk(targets, each, {
          concurrency,
          signal: abort.signal,
          onResult: (result) => setRun((prev) => (prev ? { ...prev, results: [...prev.results, result] } : prev)),
        })
        const ran = results.filter((r): r is BulkResult => r !== undefined)
        setRun((prev) => (prev ? { ...prev, results: ran, cancelled: ran.length < targets.length } : prev))
      } finally {
        controller.current = null
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

  return { run, start, cancel: () => controller.current?.abort(), clear: () => setRun(null) }
}

export type ReminderSend = components['schemas']['IntakeReminderSendRead']
export type ReminderSendResult = components['schemas']['IntakeReminderSendResult']
export type ReminderSkipReason = NonNullable<components['schemas']['IntakeReminderSendResult']['reason']>

/** notify takes at most this many claimants a request; more are sent in turn. */
export const REMINDER_CHUNK = 500

/**
 * The intake reminder now, to the claimants picked (notify: one request for up to `REMINDER_CHUNK`, one a day per
 * claimant, the quiet hours still apply). The key makes a retry of the same request safe; notify's daily dedupe
 * covers a second press.
 */
export async function sendReminders(ids: number[], idempotencyKey: string): Promise<ReminderSend> {
  return unwrap(
    await notifyApi.POST('/api/v1/intake-reminders/send', {
      params: { header: { 'idempotency-key': idempotencyKey } },
      body: { claimant_ids: ids },
    }),
  )
}
