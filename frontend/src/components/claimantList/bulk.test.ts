import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/client'
import { runBulk, type BulkResult } from './bulk'

const targets = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `原告 ${i + 1}` }))
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('runBulk', () => {
  it('runs every target at most `concurrency` at a time, keeping each one’s result in the targets’ order', async () => {
    let running = 0
    let most = 0
    const results = await runBulk(
      targets,
      async (id) => {
        running += 1
        most = Math.max(most, running)
        // later claimants answer sooner: the results still come back in the targets' order
        for (let i = 0; i < 31 - id; i++) await tick()
        running -= 1
        if (id % 7 === 0) throw new ApiError(409, { title: 'Conflict', detail: `claimant ${id} refused` })
        return id * 10
      },
      { concurrency: 4 },
    )
    expect(most).toBe(4)
    expect(results.map((r) => r?.id)).toEqual(targets.map((t) => t.id))
    expect(results[0]).toEqual({ id: 1, name: '原告 1', ok: true, number: 10 })
    expect(results[6]).toEqual({ id: 7, name: '原告 7', ok: false, reason: 'claimant 7 refused' })
    expect(results.filter((r) => !r?.ok)).toHaveLength(4)
  })

  it('starts no more once stopped; those already sent finish and are reported', async () => {
    const abort = new AbortController()
    const started: number[] = []
    const seen: BulkResult[] = []
    const results = await runBulk(
      targets,
      async (id) => {
        started.push(id)
        await tick()
        if (id === 5) abort.abort()
        return undefined
      },
      { concurrency: 2, signal: abort.signal, onResult: (r) => seen.push(r) },
    )
    expect(started).toEqual([1, 2, 3, 4, 5, 6])
    expect(seen.map((r) => r.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    expect(results.slice(6).every((r) => r === undefined)).toBe(true)
  })
})
