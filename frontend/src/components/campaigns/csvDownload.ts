// notify's CSV reports (an import's error report, a campaign's proof of notification) need the bearer token, so a
// plain link cannot fetch them: the file is read with the API client (token, 401 handling, problem+json errors),
// then handed to the browser as a blob URL with the name notify gives it (Content-Disposition).
import { notifyApi, unwrap } from '../../api/client'

export interface SaveDeps {
  save: (blob: Blob, filename: string) => void
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // the browser has taken the file once click() returns; the URL is freed after it has had a moment
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The file name of `attachment; filename="x.csv"` (or filename*=UTF-8''…), else the fallback. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      // malformed: the plain name, if any
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : fallback
}

function deliver(result: { data?: Blob; error?: unknown; response: Response }, fallback: string, deps: SaveDeps): string {
  const blob = unwrap(result)
  const filename = filenameOf(result.response.headers.get('Content-Disposition'), fallback)
  deps.save(blob, filename)
  return filename
}

/** Downloads the error report of an import (行, 列, 内容); resolves to the file name. */
export async function downloadImportErrors(campaignId: number, importId: number, deps: SaveDeps = { save: saveBlob }): Promise<string> {
  const result = await notifyApi.GET('/api/v1/campaigns/{campaign_id}/imports/{import_id}/errors.csv', {
    params: { path: { campaign_id: campaignId, import_id: importId } },
    parseAs: 'blob',
    cache: 'no-store',
  })
  return deliver(result, `recipients-import-${importId}-errors.csv`, deps)
}

/** Downloads the campaign's proof of notification (one line per notice); resolves to the file name. */
export async function downloadProof(campaignId: number, deps: SaveDeps = { save: saveBlob }): Promise<string> {
  const result = await notifyApi.GET('/api/v1/campaigns/{campaign_id}/proof.csv', {
    params: { path: { campaign_id: campaignId } },
    parseAs: 'blob',
    cache: 'no-store',
  })
  return deliver(result, `campaign-${campaignId}-proof.csv`, deps)
}
