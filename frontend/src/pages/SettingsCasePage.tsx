import '../components/claimant/claimant.css'
import '../components/admin/admin.css'
import { CASES_WRITE, CLAIMS_WRITE } from '../components/admin/admin'
import { useCaseRecord, useFilingSettings } from '../components/admin/adminQueries'
import { CaseForm } from '../components/admin/CaseForm'
import { FilingSettingsForm } from '../components/admin/FilingSettingsForm'
import { HearingCalendar } from '../components/admin/HearingCalendar'
import { ProceedingsSection } from '../components/admin/ProceedingsSection'
import { SettingsNav } from '../components/admin/SettingsNav'
import { useMe } from '../components/claimant/claimantQueries'
import { useCurrentCase, useProceedings } from '../components/documents/renderQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { useI18n } from '../i18n/i18n'

/**
 * 設定 › 事件: the case and its defendant, the proceedings and their members, the hearings calendar and the filing
 * texts with the counsel's office. Everyone may read it; writing needs cases:write (lawyers, admins; members:
 * claims:write) and the page says so to anyone else, without the write controls.
 */
export default function SettingsCasePage() {
  const { t } = useI18n()
  const me = useMe()
  const theCase = useCurrentCase()
  const scopes = me.data?.scopes ?? []
  const canWrite = scopes.includes(CASES_WRITE)
  return (
    <article aria-labelledby="settings-case-title" className="settings-page">
      <h1 id="settings-case-title">{t('admin.case.pageTitle')}</h1>
      <SettingsNav />
      {me.isSuccess && !canWrite && (
        <div className="notice forbidden" role="status">
          <p>
            <strong>{t('admin.forbidden')}</strong>
          </p>
          <p>{scopes.includes(CLAIMS_WRITE) ? t('admin.case.readOnlyMembers') : t('admin.case.readOnly')}</p>
        </div>
      )}
      {theCase.isError && <ErrorAlert error={theCase.error} onRetry={() => void theCase.refetch()} />}
      {(theCase.isPending || me.isPending) && <p role="status">{t('common.loading')}</p>}
      {theCase.data === null && <p>{t('admin.case.noCase')}</p>}
      {theCase.data && me.isSuccess && <CaseSettings caseId={theCase.data.id} canWrite={canWrite} canWriteClaims={scopes.includes(CLAIMS_WRITE)} />}
    </article>
  )
}

function CaseSettings({ caseId, canWrite, canWriteClaims }: { caseId: number; canWrite: boolean; canWriteClaims: boolean }) {
  const { t } = useI18n()
  const record = useCaseRecord(caseId)
  const proceedings = useProceedings(caseId)
  const filing = useFilingSettings(caseId)
  return (
    <>
      {record.isError && <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />}
      {record.data && <CaseForm caseRecord={record.data.record} etag={record.data.etag} canWrite={canWrite} />}
      <ProceedingsSection caseId={caseId} canWriteCases={canWrite} canWriteClaims={canWriteClaims} />
      {proceedings.data && <HearingCalendar proceedings={proceedings.data} />}
      {filing.isError && <ErrorAlert error={filing.error} onRetry={() => void filing.refetch()} />}
      {filing.isPending && <p role="status">{t('common.loading')}</p>}
      {filing.data && <FilingSettingsForm caseId={caseId} settings={filing.data.record} etag={filing.data.etag} canWrite={canWrite} />}
    </>
  )
}
