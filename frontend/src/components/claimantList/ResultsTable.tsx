import { Link } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'

/** One claimant's answer to an action on many. */
export interface ResultRow {
  id: number
  /** '' when not known here */
  name: string
  /** false marks the row (see `notOk`) */
  ok: boolean
  /** what came of it, in words */
  text: string
}

/**
 * What came of an action on many claimants, one row each, in the order given: the claimant (name and number) and
 * the answer. A row not ok is `failed` (in the danger colour) or, when nothing went wrong but nothing was done
 * either, `skipped` (muted).
 */
export function ResultsTable({
  caption,
  rows,
  notOk,
  linkClaimants = true,
}: {
  caption: string
  rows: ResultRow[]
  notOk: 'failed' | 'skipped'
  /** the claimant's number links to the claimant's page */
  linkClaimants?: boolean
}) {
  const { t } = useI18n()
  return (
    <table className="data bulk-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('claimantList.bulk.claimant')}</th>
          <th scope="col">{t('claimantList.bulk.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={r.ok ? undefined : notOk}>
            <th scope="row">
              {r.name}{' '}
              {linkClaimants ? (
                <Link to={`/claimants/${r.id}`} className="hint">
                  #{r.id}
                </Link>
              ) : (
                <span className="hint">#{r.id}</span>
              )}
            </th>
            <td>{r.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
