// One exhibit's upload, step by step: hashing → ticket → transfer (with progress) → completion → done, or failed
// at one of them (with the error). A retry starts again from the ticket, with the same file and hash.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { refreshExhibits, type ExhibitVersion } from './exhibitQueries'
import { completeUpload, putFile, requestTicket, sha256Hex, UploadError } from './upload'

export type UploadStep = 'hashing' | 'ticket' | 'transfer' | 'complete'

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'working'; step: UploadStep; file: File; sha256: string | null; loaded: number }
  | { phase: 'done'; file: File; sha256: string; version: ExhibitVersion }
  | { phase: 'failed'; step: UploadStep; file: File; sha256: string | null; loaded: number; error: unknown }

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

  const run = useCallback(
    async (file: File, knownHash: string | null) => {
      if (running.current) return
      running.current = true
      let step: UploadStep = 'hashing'
      let sha256 = knownHash
      let loaded = 0
      try {
        if (sha256 === null) {
          set({ phase: 'working', step, file, sha256: null, loaded })
          sha256 = await sha256Hex(file)
        }
        step = 'ticket'
        set({ phase: 'working', step, file, sha256, loaded })
        const ticket = await requestTicket(exhibitId, file, sha256, newIdempotencyKey())
        step = 'transfer'
        set({ phase: 'working', step, file, sha256, loaded })
        const hash = sha256
        const transfer = putFile(ticket.url, ticket.headers, file, (sent) => {
          loaded = sent
          set({ phase: 'working', step: 'transfer', file, sha256: hash, loaded: sent })
        })
        abortRef.current = transfer.abort
        await transfer.done
        abortRef.current = null
        step = 'complete'
        set({ phase: 'working', step, file, sha256, loaded: file.size })
        const version = await completeUpload(exhibitId, ticket.upload_id, newIdempotencyKey())
        await refreshExhibits(queryClient, claimantId)
        set({ phase: 'done', file, sha256, version })
      } catch (error) {
        abortRef.current = null
        set({ phase: 'failed', step, file, sha256, loaded, error })
      } finally {
        running.current = false
      }
    },
    [claimantId, exhibitId, queryClient, set],
  )

  return {
    state,
    start: (file: File) => void run(file, null),
    retry: () => {
      if (state.phase === 'failed') void run(state.file, state.sha256)
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
