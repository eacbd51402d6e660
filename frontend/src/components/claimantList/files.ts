// claims-api's files (the claimants export, the import template) need the bearer token, so they are read with the
// API client and handed to the browser as a blob under the name claims-api gives them (campaigns/csvDownload.ts).
import { claimsApi, unwrap } from '../../api/client'
import { filenameOf, saveBlob, type SaveDeps } from '../campaigns/csvDownload'

export type FileFormat = 'xlsx' | 'csv'

function deliver(result: { data?: Blob; error?: unknown; response: Response }, fallback: string, deps: SaveDeps): string {
  const blob = unwrap(result)
  const filename = filenameOf(result.response.headers.get('Content-Disposition'), fallback)
  deps.save(blob, filename)
  return filename
}

/** The case's claimants (with `proceedingId`: that proceeding's members in their order); resolves to the file name. */
export async function downloadClaimants(
  caseId: number,
  format: FileFormat,
  proceedingId: number | null,
  deps: SaveDeps = { save: saveBlob },
): Promise<string> {
  const result = await claimsApi.GET('/api/v1/cases/{case_id}/claimants/export', {
    params: { path: { case_id: caseId }, query: { format, ...(proceedingId === null ? {} : { proceeding_id: proceedingId }) } },
    parseAs: 'blob',
    cache: 'no-store',
  })
  return deliver(result, `claimants.${format}`, deps)
}

/** The empty import file (XLSX with the notes sheet, or the CSV header row); resolves to the file name. */
export async function downloadTemplate(format: FileFormat, deps: SaveDeps = { save: saveBlob }): Promise<string> {
  const result = await claimsApi.GET('/api/v1/claimant-imports/template', {
    params: { query: { format } },
    parseAs: 'blob',
    cache: 'no-store',
  })
  return deliver(result, `claimant-import-template.${format}`, deps)
}
