import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/client'
import { mockApi, problem, signIn } from '../../test/helpers'
import { downloadRender } from './download'

const job = { id: 12 }
const PATH = 'GET /docs-render/api/v1/renders/12/download-link'
const LINK = 'https://s3.example.jp/renders/12/complaint.pdf?X-Amz-Signature=abc'

describe('downloadRender', () => {
  it('asks for the presigned link with the token and sends the browser to it', async () => {
    signIn()
    const { requests } = mockApi({
      [PATH]: () => Response.json({ url: LINK, filename: '訴状.pdf', expires_at: '2026-12-01T06:10:00Z' }),
    })
    const open = vi.fn<(url: string, filename: string) => void>()
    await expect(downloadRender(job, { open })).resolves.toBe('訴状.pdf')
    expect(requests[0].headers.get('Authorization')).toBe('Bearer test-token')
    expect(open).toHaveBeenCalledWith(LINK, '訴状.pdf')
  })

  it('throws the service’s problem (a job without a file) and opens nothing', async () => {
    signIn()
    mockApi({ [PATH]: () => problem(409, 'Conflict', 'Render job 12 has no file: its status is running') })
    const open = vi.fn<(url: string, filename: string) => void>()
    const refused = downloadRender(job, { open })
    await expect(refused).rejects.toBeInstanceOf(ApiError)
    await expect(refused).rejects.toMatchObject({ status: 409, problem: { detail: 'Render job 12 has no file: its status is running' } })
    expect(open).not.toHaveBeenCalled()
  })

  it('throws the TypeError of an unreachable service', async () => {
    signIn()
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(downloadRender(job, { open: vi.fn() })).rejects.toBeInstanceOf(TypeError)
  })
})
