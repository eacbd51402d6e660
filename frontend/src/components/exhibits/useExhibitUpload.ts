// One exhibit's upload, step by step: hashing → ticket → transfer (with progress) → completion → done, or failed
// at one of them (with the error). A retry goes on from where it failed with the same ticket and Idempotency-Keys,
// so that an answer lost on the way (the ticket issued, the version recorded) is replayed, never made twice.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { refreshExhibits, type ExhibitVersion } from './exhibitQueries'
import { completeUpload, putFile, requestTicket, sha256Hex, UploadError } from './upload'

export type UploadStep = 'hashing' | 'ticket' | 'transfer' | 'complete'

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'working'; step: UploadStep; file: File; sha256: string | null; loaded: number }
  | { phase: 'done'; file: File; sha256: string; version: ExhibitVersion }
  | { phase: 'failed'; step: UploadStep; file: File; sha256: string | null; loaded: number; error: unknown }

type Ticket = Awaited<ReturnType<typeof requestTicket>>

/** What a retry of one file's upload reuses. */
interface Attempt {
  file: File
  sha256: string | null
  ticketKey: string
  ticket: Ticket | null
  /** the storage refused the ticket's URL (403: expired, or the clocks disagree) */
  ticketRefused: boolean
  completeKey: string
  /** the file is in storage under the ticket: only the completion is left */
  stored: boolean
}

function newAttempt(file: File): Attempt {
  return { file, sha256: null, ticketKey: newIdempotencyKey(), ticket: null, ticketRefused: false, completeKey: newIdempotencyKey(), stored: false }
}

/** A ticket still good for the transfer (a minute to spare). */
function usable(attempt: Attempt): boolean {
  return attempt.ticket !== null && !attempt.ticketRefused && Date.parse(attempt.ticket.expires_at) - Date.now() > 60_000
}

/** What a failure leaves to do again: a refused URL needs a new ticket; a stored object claims-api did not find
 * (409) or discarded as not matching (422) is sent again before the same completion. */
function afterFailure(attempt: Attempt, step: UploadStep, error: unknown): void {
  if (step === 'transfer' && error instanceof UploadError && error.reason === 'storage' && error.status === 403) attempt.ticketRefused = true
  if (step === 'complete' && error instanceof ApiError && (error.status === 409 || error.status === 422)) attempt.stored = false
}

export function useExhibitUpload(claimantId: number, exhibitId: number) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<UploadState>({ phase: 'idle' })
  const abortRef = useRef<(() => void) | null>(null)
  const running = useRef(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      abortRef.current?.()
    }
  }, [])
  const set = useCallback((next: UploadState) => {
    if (mounted.current) setState(next)
  }, [])

  const attemptRef = useRef<Attempt | null>(null)

  const run = useCallback(
    async (attempt: Attempt) => {
      if (running.current) return
      running.current = true
      attemptRef.current = attempt
      const { file } = attempt
      let step: UploadStep = 'hashing'
      let loaded = attempt.stored ? file.size : 0
      try {
        if (attempt.sha256 === null) {
          set({ phase: 'working', step, file, sha256: null, loaded })
          attempt.sha256 = await sha256Hex(file)
        }
        const sha256 = attempt.sha256
        if (!attempt.stored) {
          if (attempt.ticket !== null && !usable(attempt)) {
            // nothing was recorded from the old ticket (its file never completed): a new one, under a new key
            attempt.ticket = null
            attempt.ticketRefused = false
            attempt.ticketKey = newIdempotencyKey()
          }
          if (attempt.ticket === null) {
            step = 'ticket'
            set({ phase: 'working', step, file, sha256, loaded })
            attempt.ticket = await requestTicket(exhibitId, file, sha256, attempt.ticketKey)
          }
          step = 'transfer'
          loaded = 0
          set({ phase: 'working', step, file, sha256, loaded })
          const transfer = putFile(attempt.ticket.url, attempt.ticket.headers, file, (sent) => {
            loaded = sent
            set({ phase: 'working', step: 'transfer', file, sha256, loaded: sent })
          })
          abortRef.current = transfer.abort
          await transfer.done
          abortRef.current = null
          attempt.stored = true
        }
        step = 'complete'
        set({ phase: 'working', step, file, sha256, loaded: file.size })
        const version = await completeUpload(exhibitId, attempt.ticket!.upload_id, attempt.completeKey)
        await refreshExhibits(queryClient, claimantId)
        set({ phase: 'done', file, sha256, version })
      } catch (error) {
        abortRef.current = null
        afterFailure(attempt, step, error)
        set({ phase: 'failed', step, file, sha256: attempt.sha256, loaded, error })
      } finally {
        running.current = false
      }
    },
    [claimantId, exhibitId, queryClient, set],
  )

  return {
    state,
    start: (file: File) => void run(newAttempt(file)),
    retry: () => {
      if (state.phase === 'failed' && attemptRef.current) void run(attemptRef.current)
    },
    abort: () => abortRef.current?.(),
    reset: () => {
      if (!running.current) set({ phase: 'idle' })
    },
  }
}

export function isAborted(error: unknown): boolean {
  return error instanceof UploadError && error.reason === 'aborted'
}
