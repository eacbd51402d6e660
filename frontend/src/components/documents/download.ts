// Downloading a rendered file. docs-render gives a short-lived presigned S3 URL of the file
// (GET …/download-link, with the bearer token); the browser is then sent to that URL, whose answer carries
// Content-Disposition: attachment with the Japanese file name, so the browser saves the file and the page stays.
// No fetch crosses to the storage's origin, so its CORS rules do not matter.
import { docsRenderApi, unwrap } from '../../api/client'
import type { RenderRead } from './documents'

export interface DownloadDeps {
  /** sends the browser to a URL (the presigned one), naming the file for same-origin storage */
  open: (url: string, filename: string) => void
}

function openUrl(url: string, filename: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = filename // ignored across origins, where the storage's Content-Disposition names the file
  link.rel = 'noopener'
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}

/**
 * Starts the download of the job's file; resolves to its file name. Rejects with an ApiError for the service's
 * problems (404, 409 when the job has no file) and with a TypeError when the service could not be reached.
 */
export async function downloadRender(
  job: Pick<RenderRead, 'id'>,
  deps: DownloadDeps = { open: openUrl },
): Promise<string> {
  const link = unwrap(
    await docsRenderApi.GET('/api/v1/renders/{job_id}/download-link', {
      params: { path: { job_id: job.id } },
      cache: 'no-store',
    }),
  )
  deps.open(link.url, link.filename)
  return link.filename
}
