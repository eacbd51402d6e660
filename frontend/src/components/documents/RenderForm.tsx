import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ErrorAlert } from '../ErrorAlert'
import { ClaimantPicker, type PickedClaimant } from './ClaimantPicker'
import {
  allowsProceeding,
  COMPLAINT_FORMS,
  documentLabelKey,
  DOCUMENTS,
  formatLabelKey,
  isActive,
  proceedingKindKey,
  ruleOf,
  type ComplaintForm,
  type DocumentKind,
  type FileFormat,
  type RenderCreate,
  type RenderRead,
} from './documents'
import { renderKeys, useCreateRender, useProceedings } from './renderQueries'

interface Props {
  caseId: number
  canWrite: boolean
  /** /auth/me has answered: a missing scope is known, not just not loaded yet */
  permissionKnown: boolean
  onCreated: (job: RenderRead) => void
}

/**
 * The request for a filing: the document, then what it needs (a proceeding — only mediations for the mediation
 * petition —, a claimant, or either for the evidence list), the format it comes in, and 「作成」.
 *
 * The same request sent again (a double click, even one that comes after the answer; a retry after a network
 * error) carries the same Idempotency-Key while the job it made is still queued or running, so docs-render
 * answers with that job instead of rendering twice. A changed request, or the same one once its job has
 * finished (to render again after the data changed), gets a new key. Read-only users see the form disabled.
 */
export function RenderForm({ caseId, canWrite, permissionKnown, onCreated }: Props) {
  const { t } = useI18n()
  const id = useId()
  const proceedings = useProceedings(caseId)
  const create = useCreateRender()
  const [document, setDocument] = useState<DocumentKind>(DOCUMENTS[0])
  const [chosenFormat, setFormat] = useState<FileFormat>('pdf')
  const [proceedingId, setProceedingId] = useState<number | null>(null)
  const [claimant, setClaimant] = useState<PickedClaimant | null>(null)
  const [evidenceTarget, setEvidenceTarget] = useState<'proceeding' | 'claimant'>('proceeding')
  const [complaintForm, setComplaintForm] = useState<ComplaintForm>('paragraphs')
  const [attempted, setAttempted] = useState(false)
  const [done, setDone] = useState('')
  const queryClient = useQueryClient()
  /** the last request sent: its body, its key, and the job it made once answered */
  const lastRequest = useRef<{ body: string; key: string; jobId: number | null } | null>(null)
  const proceedingRef = useRef<HTMLSelectElement>(null)
  const claimantRef = useRef<HTMLInputElement>(null)

  // What the document asks for; choices that no longer fit (a format, a proceeding of the wrong kind) drop out.
  const rule = ruleOf(document)
  const format = rule.formats.includes(chosenFormat) ? chosenFormat : rule.formats[0]
  const target = rule.target === 'either' ? evidenceTarget : rule.target
  const wantsClaimant = target === 'claimant'
  const showProceeding = target === 'proceeding' || rule.optionalProceeding === true
  const choices = (proceedings.data ?? []).filter((p) => allowsProceeding(document, p.kind))
  const proceeding = showProceeding ? (choices.find((p) => p.id === proceedingId) ?? null) : null
  const missingProceeding = target === 'proceeding' && proceeding === null
  // a mediation's bundle holds the petition, which has no choice of form
  const asksComplaintForm = rule.holdsComplaint === true && proceeding?.kind !== 'mediation'
  const missingClaimant = wantsClaimant && claimant === null
  const proceedingErrorId = attempted && missingProceeding ? `${id}-proceeding-error` : null
  const claimantErrorId = attempted && missingClaimant ? `${id}-claimant-error` : null

  function changed() {
    // a new request: the last one's result and error no longer describe it
    setDone('')
    create.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!canWrite || create.isPending) return
    setAttempted(true)
    if (missingProceeding) {
      proceedingRef.current?.focus()
      return
    }
    if (missingClaimant) {
      claimantRef.current?.focus()
      return
    }
    const body: RenderCreate = {
      document,
      format,
      case_id: caseId,
      ...(proceeding ? { proceeding_id: proceeding.id } : {}),
      ...(wantsClaimant && claimant ? { claimant_id: claimant.id } : {}),
      ...(asksComplaintForm ? { complaint_form: complaintForm } : {}),
    }
    const text = JSON.stringify(body)
    const last = lastRequest.current
    const repeat =
      last !== null &&
      last.body === text &&
      (last.jobId === null || isActive(queryClient.getQueryData<RenderRead>(renderKeys.job(last.jobId))))
    const request = repeat ? last : { body: text, key: newIdempotencyKey(), jobId: null }
    lastRequest.current = request
    setDone('')
    create.mutate(
      { body, idempotencyKey: request.key },
      {
        onSuccess: (job) => {
          request.jobId = job.id
          setAttempted(false)
          setDone(t('documents.form.created', { id: job.id }))
          onCreated(job)
        },
      },
    )
  }

  const onlyLawsuits = rule.proceedingKinds?.includes('lawsuit')
  const proceedingHint =
    rule.proceedingKinds && proceedings.data
      ? choices.length === 0
        ? t(onlyLawsuits ? 'documents.form.noLawsuit' : 'documents.form.noMediation')
        : t(onlyLawsuits ? 'documents.form.lawsuitOnly' : 'documents.form.mediationOnly')
      : proceedings.data && choices.length === 0
        ? t('documents.form.noProceedings')
        : null

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('documents.form.title')}</h2>
      {permissionKnown && !canWrite && (
        <p id={`${id}-readonly`} className="notice">
          {t('documents.form.readOnly')}
        </p>
      )}
      <form className="render-form" onSubmit={submit} noValidate>
        <fieldset disabled={!canWrite} aria-describedby={permissionKnown && !canWrite ? `${id}-readonly` : undefined}>
          <div className="field">
            <label htmlFor={`${id}-document`}>{t('documents.form.document')}</label>
            <select
              id={`${id}-document`}
              value={document}
              onChange={(e) => {
                setDocument(e.target.value as DocumentKind)
                changed()
              }}
            >
              {DOCUMENTS.map((d) => (
                <option key={d} value={d}>
                  {t(documentLabelKey(d))}
                </option>
              ))}
            </select>
          </div>

          {rule.target === 'either' && (
            <fieldset className="choice">
              <legend>{t('documents.form.target')}</legend>
              {(['proceeding', 'claimant'] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${id}-target`}
                    value={value}
                    checked={evidenceTarget === value}
                    onChange={() => {
                      setEvidenceTarget(value)
                      changed()
                    }}
                  />
                  {t(`documents.form.target.${value}`)}
                </label>
              ))}
            </fieldset>
          )}

          {showProceeding && (
            <div className="field">
              <label htmlFor={`${id}-proceeding`}>
                {t('documents.form.proceeding')}
                {target === 'proceeding' ? (
                  <span className="required">{t('documents.form.required')}</span>
                ) : (
                  <span className="hint"> {t('documents.form.optional')}</span>
                )}
              </label>
              <select
                id={`${id}-proceeding`}
                ref={proceedingRef}
                value={proceeding?.id ?? ''}
                onChange={(e) => {
                  setProceedingId(e.target.value ? Number(e.target.value) : null)
                  changed()
                }}
                aria-invalid={proceedingErrorId ? true : undefined}
                aria-describedby={[proceedingHint ? `${id}-proceeding-hint` : null, proceedingErrorId].filter(Boolean).join(' ') || undefined}
              >
                <option value="">{target === 'proceeding' ? t('documents.form.choose') : t('documents.form.noProceeding')}</option>
                {choices.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('documents.form.proceedingOption', { name: p.name, kind: t(proceedingKindKey(p.kind)) })}
                  </option>
                ))}
              </select>
              {proceedingHint && (
                <span id={`${id}-proceeding-hint`} className="hint">
                  {proceedingHint}
                </span>
              )}
              {proceedings.isError && <ErrorAlert error={proceedings.error} onRetry={() => void proceedings.refetch()} />}
              {proceedingErrorId && (
                <p id={proceedingErrorId} className="field-error">
                  {t('documents.form.proceedingRequired')}
                </p>
              )}
            </div>
          )}

          {wantsClaimant && (
            <>
              <ClaimantPicker
                caseId={caseId}
                value={claimant}
                onChange={(picked) => {
                  setClaimant(picked)
                  changed()
                }}
                errorId={claimantErrorId}
                inputRef={claimantRef}
              />
              {claimantErrorId && (
                <p id={claimantErrorId} className="field-error">
                  {t('documents.form.claimantRequired')}
                </p>
              )}
            </>
          )}

          {asksComplaintForm && (
            <fieldset className="choice">
              <legend>{t('documents.form.complaintForm')}</legend>
              {COMPLAINT_FORMS.map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${id}-complaint-form`}
                    value={value}
                    checked={complaintForm === value}
                    onChange={() => {
                      setComplaintForm(value)
                      changed()
                    }}
                  />
                  {t(`documents.form.complaintForm.${value}`)}
                </label>
              ))}
            </fieldset>
          )}

          <fieldset className="choice">
            <legend>{t('documents.form.format')}</legend>
            {rule.formats.map((f) => (
              <label key={f}>
                <input
                  type="radio"
                  name={`${id}-format`}
                  value={f}
                  checked={format === f}
                  onChange={() => {
                    setFormat(f)
                    changed()
                  }}
                />
                {t(formatLabelKey(f))}
              </label>
            ))}
            {rule.formats.length === 1 && <span className="hint">{t('documents.form.onlyFormat')}</span>}
          </fieldset>

          <button type="submit" aria-disabled={create.isPending || undefined}>
            {create.isPending ? t('documents.form.submitting') : t('documents.form.submit')}
          </button>
        </fieldset>
      </form>
      <p role="status" className="write-status">
        {done}
      </p>
      {create.isError && <ErrorAlert error={create.error} />}
    </section>
  )
}
