import '../components/claimant/claimant.css'
import '../components/hearings/hearings.css'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { CaseStatus } from '../components/casePicker/CaseStatus'
import { ErrorAlert } from '../components/ErrorAlert'
import { useCurrentCase, useProceedings } from '../components/documents/renderQueries'
import { HearingForm } from '../components/hearings/HearingForm'
import { useScope } from '../components/hearings/hearingQueries'
import { HearingTable } from '../components/hearings/HearingTable'
import { ReminderRules } from '../components/hearings/ReminderRules'
import { ReminderSchedule, type Expectation } from '../components/hearings/ReminderSchedule'
import { useI18n } from '../i18n/i18n'

function hearingFrom(params: URLSearchParams): number | null {
  const n = Number(params.get('hearing'))
  return Number.isInteger(n) && n > 0 ? n : null
}

/**
 * 期日: the hearings of the current case, a form to schedule one (hearings:write), the reminder schedule of the
 * hearing selected (its id in the URL, ?hearing=, so a reload shows it again) and the reminder rules.
 */
export default function HearingsPage() {
  const { t } = useI18n()
  const theCase = useCurrentCase()
  const caseData = theCase.data
  return (
    <article aria-labelledby="hearings-title" className="hearings-page">
      <h1 id="hearings-title">{t('hearings.title')}</h1>
      <CaseStatus theCase={theCase} noCase={t('hearings.noCase')} />
      {caseData && (
        <>
          <p className="case-name">{t('hearings.case', { name: caseData.name })}</p>
          <CaseHearings caseId={caseData.id} />
          <ReminderRules />
        </>
      )}
    </article>
  )
}

function CaseHearings({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const hearingId = hearingFrom(params)
  const proceedings = useProceedings(caseId)
  const hearingsWrite = useScope('hearings:write')
  // set when this page wrote something notify answers with e-mails: the schedule waits for them
  const [expectation, setExpectation] = useState<Expectation | null>(null)

  function select(id: number | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (id === null) next.delete('hearing')
        else next.set('hearing', String(id))
        return next
      },
      { replace: id === null },
    )
  }

  if (proceedings.isError) return <ErrorAlert error={proceedings.error} onRetry={() => void proceedings.refetch()} />
  if (!proceedings.data) return <p role="status">{t('common.loading')}</p>
  const list = proceedings.data
  return (
    <>
      {hearingsWrite.allowed ? (
        <HearingForm
          proceedings={list}
          onCreated={(hearing) => {
            setExpectation({ hearingId: hearing.id, baseline: 0, since: Date.now() })
            select(hearing.id)
          }}
        />
      ) : (
        hearingsWrite.known && <p className="notice">{t('hearings.readOnly')}</p>
      )}
      <HearingTable proceedings={list} selectedId={hearingId} />
      {hearingId !== null && (
        <ReminderSchedule
          key={hearingId}
          hearingId={hearingId}
          proceedings={list}
          canCancel={hearingsWrite.allowed}
          expectation={expectation}
          onExpect={setExpectation}
          onClose={() => select(null)}
        />
      )}
    </>
  )
}
