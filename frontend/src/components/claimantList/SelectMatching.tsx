import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'

interface Props {
  /** the rows of the page, every one ticked; null when not */
  pageSelected: number | null
  /** how many claimants the filters match (the list's total) */
  total: number
  /** every matching claimant is selected: how many */
  matching: number | null
  /** their ids are being fetched */
  pending: boolean
  error: unknown
  onSelectMatching: () => void
  onClear: () => void
}

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * Under the header's box, as a mail client does: with the page's rows all ticked, 「このページの50件を選択中。
 * 条件に一致する全1,234件を選択」; once chosen, 「条件に一致する全1,234件を選択中。選択を解除」. A live region, there
 * from the start so that each change is read out; the button keeps its place (and the focus) from one to the other.
 */
export function SelectMatching({ pageSelected, total, matching, pending, error, onSelectMatching, onClear }: Props) {
  const { t } = useI18n()
  const offer = matching === null && pageSelected !== null && total > pageSelected
  return (
    <>
      <div className="select-matching" role="status">
        {matching !== null ? (
          <>
            <span>{t('claimantList.matching.selected', { count: n(matching) })}</span>{' '}
            <button type="button" className="link" onClick={onClear}>
              {t('claimantList.clearSelection')}
            </button>
          </>
        ) : offer ? (
          <>
            <span>{t('claimantList.matching.page', { count: n(pageSelected) })}</span>{' '}
            <button
              type="button"
              className="link"
              aria-disabled={pending || undefined}
              onClick={() => {
                if (!pending) onSelectMatching()
              }}
            >
              {pending ? t('claimantList.matching.loading') : t('claimantList.matching.selectAll', { total: n(total) })}
            </button>
          </>
        ) : null}
      </div>
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
    </>
  )
}
