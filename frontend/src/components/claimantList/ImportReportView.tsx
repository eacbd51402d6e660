import { Link } from 'react-router-dom'
import type { components } from '../../api/claims-api'
import { formatCount as n, formatList, listParts } from '../../format'
import { useI18n } from '../../i18n/i18n'

export type ImportReport = components['schemas']['ImportReport']

/**
 * What claims-api says of a claimant file: rows read, valid, the errors by row (as Excel numbers it) and column,
 * the possible duplicates; after an import, the claimants created with links to them.
 */
export function ImportReportView({ report, headingId }: { report: ImportReport; headingId: string }) {
  const { t, label, lang } = useI18n()
  const imported = !report.dry_run && report.rows_imported > 0
  return (
    <div className="import-report">
      <h2 id={headingId} tabIndex={-1}>
        {/* the check is step 2 of the wizard (1. ファイルを選ぶ, 2. 検査結果, 3. 取込み) */}
        {t(report.dry_run ? 'claimantList.imp.step.check' : 'claimantList.imp.resultReport')}
      </h2>
      <p>
        {t('claimantList.imp.file.name')}: {report.file_name ?? t('common.none')}
        {report.encoding && (
          <span className="hint">
            {' '}
            {t('claimantList.imp.file.encoding')}: {report.encoding}
          </span>
        )}
      </p>
      <ul className="import-figures">
        <li>
          {t('claimantList.imp.rowsRead')}
          <strong>{t('claimantList.imp.count', { count: n(report.rows_read) })}</strong>
        </li>
        <li>
          {t('claimantList.imp.rowsValid')}
          <strong>{t('claimantList.imp.count', { count: n(report.rows_valid) })}</strong>
        </li>
        <li>
          {t('claimantList.imp.errorCount')}
          <strong>{t('claimantList.imp.count', { count: n(report.error_count) })}</strong>
        </li>
        {!report.dry_run && (
          <>
            <li>
              {t('claimantList.imp.rowsImported')}
              <strong>{t('claimantList.imp.count', { count: n(report.rows_imported) })}</strong>
            </li>
            <li>
              {t('claimantList.imp.itemsImported')}
              <strong>{t('claimantList.imp.count', { count: n(report.items_imported) })}</strong>
            </li>
          </>
        )}
      </ul>

      {report.errors.length === 0 ? (
        <p>{t('claimantList.imp.noErrors')}</p>
      ) : (
        <>
          {report.error_count > report.errors.length && (
            <p className="hint">{t('claimantList.imp.errorsMore', { shown: n(report.errors.length), total: n(report.error_count) })}</p>
          )}
          <div className="table-wrap">
            <table className="data import-errors-table">
              <caption>{t('claimantList.imp.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('claimantList.imp.col.row')}
                  </th>
                  <th scope="col">{t('claimantList.imp.col.column')}</th>
                  <th scope="col">{t('claimantList.imp.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.column ?? ''}-${i}`}>
                    <td className="num">{e.row}</td>
                    <td>{e.column ?? t('claimantList.imp.wholeRow')}</td>
                    <td className="reason">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {report.duplicates.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('claimantList.imp.duplicates')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('claimantList.imp.col.row')}
                </th>
                <th scope="col">{t('claimantList.imp.dup.resembles')}</th>
                <th scope="col">{t('claimantList.imp.dup.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.duplicates.map((d, i) => {
                const row = t('claimantList.imp.dup.row', { row: d.row })
                // the other row of the file and the existing claimant it resembles, as a list of the UI's language
                const resembles = [
                  d.other_row !== null && t('claimantList.imp.dup.row', { row: d.other_row }),
                  d.other_claimant_id !== null && (
                    <Link key="claimant" to={`/claimants/${d.other_claimant_id}`}>
                      {t('claimantList.imp.dup.claimant', { id: d.other_claimant_id })}
                    </Link>
                  ),
                ].filter((part) => part !== false)
                return (
                  <tr key={`${d.row}-${i}`}>
                    <td className="num">{d.claimant_id === null ? row : <Link to={`/claimants/${d.claimant_id}`}>{row}</Link>}</td>
                    <td>{listParts(resembles, lang)}</td>
                    <td>{formatList(d.reasons.map((r) => label('claimantList.imp.reason', r)), lang)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}

      {imported && (
        <>
          <p role="status" className="import-done">
            {t('claimantList.imp.done', { count: n(report.rows_imported) })}
          </p>
          <h3>{t('claimantList.imp.imported')}</h3>
          <ul className="imported-list">
            {report.imported.map((r) => (
              <li key={r.claimant_id}>
                <Link to={`/claimants/${r.claimant_id}`}>
                  {t('claimantList.imp.importedRow', { row: r.row, id: r.claimant_id, items: r.items })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
