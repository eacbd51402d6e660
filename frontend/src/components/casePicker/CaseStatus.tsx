import type { UseQueryResult } from '@tanstack/react-query'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'

/**
 * What a page about the current case shows until it has one: the error of claims-api's list of cases (with a
 * retry), 「読み込み中」 while it loads, or `noCase` when there is no case at all. Nothing once the case is known.
 */
export function CaseStatus({ theCase, noCase }: { theCase: UseQueryResult<unknown>; noCase: string }) {
  const { t } = useI18n()
  return (
    <>
      {theCase.isError && <ErrorAlert error={theCase.error} onRetry={() => void theCase.refetch()} />}
      {theCase.isPending && <p role="status">{t('common.loading')}</p>}
      {theCase.data === null && <p>{noCase}</p>}
    </>
  )
}
