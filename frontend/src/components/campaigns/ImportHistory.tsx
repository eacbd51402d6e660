import { useId, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { IMPORT_PAGE_SIZE, useImports } from './campaignQueries'
import { importPercent, importStatusKey, isImportRunning } from './campaigns'
import { CsvDownloadButton } from './CsvDownloadButton'
import { downloadImportErrors } from './csvDownload'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * 取込み履歴: every upload of the campaign, newest first — the file, when and by whom, how it went (the lines
 * stored and left out, why the whole file failed) and the error report of the lines left out. Refreshed when an
 * upload starts or ends (see useImports); the upload being followed shows in full in RecipientImport.
 */
export function ImportHistory({ campaignId }: { campaignId: number }) {
  const { t } = useI18n()
  const id = useId()
  const [offset, setOffset] = useState(0)
  const list = useImports(campaignId, offset)
  const data = list.data
  const total = data?.total ?? 0
  const page = Math.floor(offset / IMPORT_PAGE_SIZE) + 1
  const pages = Math.max(1, Math.ceil(total / IMPORT_PAGE_SIZE))

  return (
    <section aria-labelledby={`${id}-title`} className="import-history">
      <h2 id={`${id}-title`}>{t('campaigns.imports.title')}</h2>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('campaigns.imports.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data" aria-busy={list.isFetching}>
                <caption>{t('campaigns.imports.caption', { total: n(total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.imports.col.file')}</th>
                    <th scope="col">{t('campaigns.imports.col.when')}</th>
                    <th scope="col">{t('campaigns.imports.col.by')}</th>
                    <th scope="col">{t('campaigns.imports.col.status')}</th>
                    <th scope="col" className="num">
                      {t('campaigns.imports.col.valid')}
                    </th>
                    <th scope="col" className="num">
                      {t('campaigns.imports.col.invalid')}
                    </th>
                    <th scope="col">{t('campaigns.imports.col.report')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => {
                    const running = isImportRunning(item)
                    const percent = running ? importPercent(item) : null
                    return (
                      <tr key={item.id}>
                        <th scope="row">
                          {item.filename}
                          <span className="hint block">{t('campaigns.import.panel', { id: item.id })}</span>
                        </th>
                        <td>{formatDateTime(item.created_at)}</td>
                        <td>{item.created_by}</td>
                        <td className={`status-${item.status}`}>
                          {t(importStatusKey(item.status))}
                          {percent !== null && `（${percent}%）`}
                          {item.status === 'failed' && item.error && <span className="row-error">{item.error}</span>}
                        </td>
                        <td className="num">{n(item.rows_valid)}</td>
                        <td className="num">{n(item.rows_invalid)}</td>
                        <td>
                          {!running && item.rows_invalid > 0 ? (
                            <CsvDownloadButton
                              label={t('campaigns.imports.report')}
                              which={t('campaigns.imports.reportWhich', { id: item.id })}
                              download={() => downloadImportErrors(campaignId, item.id)}
                            />
                          ) : (
                            t('common.none')
                          )}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
            {total > IMPORT_PAGE_SIZE && (
              <nav className="pager" aria-label={t('campaigns.imports.pagination')}>
                <button type="button" onClick={() => setOffset(offset - IMPORT_PAGE_SIZE)} disabled={page <= 1}>
                  {t('claimants.prev')}
                </button>
                <span>{t('claimants.page', { page, pages })}</span>
                <button type="button" onClick={() => setOffset(offset + IMPORT_PAGE_SIZE)} disabled={page >= pages}>
                  {t('claimants.next')}
                </button>
              </nav>
            )}
          </>
        ))}
    </section>
  )
}
