// Test helper (imported only by *.test.tsx): a stand-in for XMLHttpRequest that the test drives — it records each
// request (method, URL, headers, body) and the test reports progress and answers when it wants.
import { act } from '@testing-library/react'
import { vi } from 'vitest'

export class FakeXhr {
  static sent: FakeXhr[] = []
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: unknown) {
    this.body = body
    FakeXhr.sent.push(this)
  }
  abort() {
    this.onabort?.()
  }

  /** Reports `loaded` of `total` bytes sent. */
  async progress(loaded: number, total: number) {
    await act(async () => this.upload.onprogress?.({ lengthComputable: true, loaded, total }))
  }
  /** The storage's answer. */
  async respond(status: number, text = '') {
    this.status = status
    this.responseText = text
    await act(async () => this.onload?.())
  }
  /** The storage could not be reached (or refused by CORS). */
  async fail() {
    await act(async () => this.onerror?.())
  }
}

export function stubXhr(): typeof FakeXhr {
  FakeXhr.sent = []
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return FakeXhr
}
