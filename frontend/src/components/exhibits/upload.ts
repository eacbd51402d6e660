// Uploading an exhibit's file: the SHA-256 computed in the browser, a presigned PUT ticket from claims-api, the
// PUT straight to S3 (XMLHttpRequest: fetch reports no upload progress), then the completion, which claims-api
// accepts only when the stored object has the declared size and SHA-256.
import { claimsApi, unwrap } from '../../api/client'
import type { ExhibitVersion } from './exhibitQueries'

/** Hex SHA-256 of a file (Web Crypto; needs a secure context: https or localhost/127.0.0.1). */
export async function sha256Hex(file: Blob): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw new UploadError('insecure')
  // a view of the bytes (a bare ArrayBuffer from another realm, as in jsdom, is refused)
  const digest = await subtle.digest('SHA-256', new Uint8Array(await readBytes(file)))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new UploadError('read'))
    reader.readAsArrayBuffer(file)
  })
}

/** Why the transfer to storage failed: `status` the storage's HTTP status (0: not reached), `detail` its words. */
export class UploadError extends Error {
  readonly reason: 'insecure' | 'read' | 'network' | 'aborted' | 'storage'
  readonly status: number
  readonly detail: string | null

  constructor(reason: UploadError['reason'], status = 0, detail: string | null = null) {
    super(detail ?? reason)
    this.name = 'UploadError'
    this.reason = reason
    this.status = status
    this.detail = detail
  }
}

/** The S3 error's <Code> and <Message>, when the body is S3's XML. */
function storageMessage(body: string): string | null {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1]
  if (code || message) return [code, message].filter(Boolean).join(': ')
  return body.trim() ? body.trim().slice(0, 200) : null
}

export interface Transfer {
  done: Promise<void>
  abort: () => void
}

/** PUTs `file` to the presigned URL with the ticket's headers, reporting bytes sent. */
export function putFile(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Transfer {
  const xhr = new XMLHttpRequest()
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('PUT', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total)
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size)
        resolve()
      } else {
        reject(new UploadError('storage', xhr.status, storageMessage(String(xhr.responseText ?? ''))))
      }
    }
    xhr.onerror = () => reject(new UploadError('network'))
    xhr.onabort = () => reject(new UploadError('aborted'))
    xhr.send(file)
  })
  return { done, abort: () => xhr.abort() }
}

/** A content type claims-api takes (type/subtype, no parameters); anything else is sent as octet-stream. */
export function contentTypeOf(file: File): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream'
}

export async function requestTicket(exhibitId: number, file: File, sha256: string, idempotencyKey: string) {
  return unwrap(
    await claimsApi.POST('/api/v1/exhibits/{exhibit_id}/versions/uploads', {
      params: { path: { exhibit_id: exhibitId } },
      headers: { 'Idempotency-Key': idempotencyKey },
      body: { filename: file.name, content_type: contentTypeOf(file), size: file.size, sha256 },
    }),
  )
}

export async function completeUpload(exhibitId: number, uploadId: string, idempotencyKey: string): Promise<ExhibitVersion> {
  return unwrap(
    await claimsApi.POST('/api/v1/exhibits/{exhibit_id}/versions', {
      params: { path: { exhibit_id: exhibitId } },
      headers: { 'Idempotency-Key': idempotencyKey },
      body: { upload_id: uploadId },
    }),
  )
}
