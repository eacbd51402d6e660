import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent } from 'react'
import { isStale } from '../../api/client'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { fieldError, newIdempotencyKey, useOpenedVersion } from '../claimant/useClaimantWrite'
import { ErrorAlert } from '../ErrorAlert'
import { PROCEEDING_KINDS, PROCEEDING_STATUSES, proceedingKindKey, proceedingStatusKey, type Proceeding, type ProceedingKind, type ProceedingStatus } from './admin'
import { adminKeys, useCreateProceeding, useProceedingRecord, useUpdateProceeding } from './adminQueries'
import { Field } from './Field'
import { SettingsFeedback } from './SettingsFeedback'

interface Draft {
  kind: ProceedingKind
  name: string
  court: string
  case_number: string
  filed_on: string
  status: ProceedingStatus
}

const EMPTY: Draft = { kind: 'mediation', name: '', court: '', case_number: '', filed_on: '', status: 'preparing' }

function draftOf(p: Proceeding): Draft {
  return { kind: p.kind, name: p.name, court: p.court, case_number: p.case_number ?? '', filed_on: p.filed_on ?? '', status: p.status ?? 'preparing' }
}

function Fields({ draft, set, error, withKind }: { draft: Draft; set: (d: Partial<Draft>) => void; error: unknown; withKind: boolean }) {
  const { t } = useI18n()
  const id = useId()
  return (
    <div className="grid2">
      {withKind && (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('admin.proceeding.kind')}</label>
          <select id={`${id}-kind`} value={draft.kind} aria-invalid={fieldError(error, 'kind') || undefined} onChange={(e) => set({ kind: e.target.value as ProceedingKind })}>
            {PROCEEDING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(proceedingKindKey(k))}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field label={t('admin.proceeding.name')} name="name" value={draft.name} onChange={(v) => set({ name: v })} error={error} required maxLength={100} />
      <Field label={t('admin.proceeding.court')} name="court" value={draft.court} onChange={(v) => set({ court: v })} error={error} required maxLength={200} />
      <Field label={t('admin.proceeding.case_number')} name="case_number" value={draft.case_number} onChange={(v) => set({ case_number: v })} error={error} maxLength={100} />
      <Field label={t('admin.proceeding.filed_on')} name="filed_on" type="date" value={draft.filed_on} onChange={(v) => set({ filed_on: v })} error={error} />
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('admin.proceeding.status')}</label>
        <select id={`${id}-status`} value={draft.status} aria-invalid={fieldError(error, 'status') || undefined} onChange={(e) => set({ status: e.target.value as ProceedingStatus })}>
          {PROCEEDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(proceedingStatusKey(s))}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

/** 「手続を追加」: a new mediation or lawsuit of the case (cases:write), sent once per key. */
export function CreateProceedingForm({ caseId, onCreated }: { caseId: number; onCreated: (p: Proceeding) => void }) {
  const { t } = useI18n()
  const create = useCreateProceeding(caseId)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const key = useRef(newIdempotencyKey())
  const set = (d: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...d }))
    key.current = newIdempotencyKey()
    if (create.isError) create.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (create.isPending) return
    create.mutate(
      {
        body: {
          kind: draft.kind,
          name: draft.name.trim(),
          court: draft.court.trim(),
          case_number: draft.case_number.trim() || null,
          filed_on: draft.filed_on || null,
          status: draft.status,
        },
        idempotencyKey: key.current,
      },
      {
        onSuccess: (made) => {
          setDraft(EMPTY)
          key.current = newIdempotencyKey()
          onCreated(made)
        },
      },
    )
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="proceeding-create-title" aria-busy={create.isPending || undefined}>
      <h3 id="proceeding-create-title">{t('admin.proceeding.createTitle')}</h3>
      <Fields draft={draft} set={set} error={create.error} withKind />
      <button type="submit" aria-disabled={create.isPending || undefined}>
        {create.isPending ? t('admin.saving') : t('admin.proceeding.create')}
      </button>
      <p role="status" className="write-status">
        {create.isSuccess ? t('admin.proceeding.created', { name: create.data.name }) : ''}
      </p>
      {create.isError && <ErrorAlert error={create.error} />}
    </form>
  )
}

/** The selected proceeding's name, court, case number, filing date and status (PATCH with its ETag). */
export function EditProceedingForm({ caseId, proceedingId }: { caseId: number; proceedingId: number }) {
  const { t } = useI18n()
  const record = useProceedingRecord(proceedingId)
  if (record.isError) return <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
  if (!record.data) return <p role="status">{t('common.loading')}</p>
  return <EditForm key={proceedingId} caseId={caseId} proceeding={record.data.record} etag={record.data.etag} />
}

const FIELD_LABELS: Record<keyof Draft, MessageKey> = {
  kind: 'admin.proceeding.kind',
  name: 'admin.proceeding.name',
  court: 'admin.proceeding.court',
  case_number: 'admin.proceeding.case_number',
  filed_on: 'admin.proceeding.filed_on',
  status: 'admin.proceeding.status',
}

/**
 * The form keeps what was typed and the If-Match of the version it opened on until its own save succeeds or a 412
 * reloads it: a refetch of the proceeding (a member added or removed below changes its ETag) never wipes it.
 */
function EditForm({ caseId, proceeding, etag }: { caseId: number; proceeding: Proceeding; etag: string | null }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const update = useUpdateProceeding(caseId, proceeding.id)
  const version = useOpenedVersion({ values: draftOf(proceeding), etag })
  const draft = version.draft
  const set = (d: Partial<Draft>) => {
    version.setDraft((old) => ({ ...old, ...d }))
    if (update.isError || update.isSuccess) update.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (update.isPending) return
    update.mutate(
      {
        body: {
          name: draft.name.trim(),
          court: draft.court.trim(),
          case_number: draft.case_number.trim() || null,
          filed_on: draft.filed_on || null,
          status: draft.status,
        },
        etag: version.etag,
      },
      {
        onSuccess: (saved) => version.saved({ values: draftOf(saved.record), etag: saved.etag }),
        onError: (error) => {
          // the mutation has refetched the proceeding: the form shows it now
          const now = queryClient.getQueryData<{ record: Proceeding; etag: string | null }>(adminKeys.proceeding(proceeding.id))
          if (isStale(error) && now) version.reloaded({ values: draftOf(now.record), etag: now.etag })
        },
      },
    )
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby={`proceeding-edit-${proceeding.id}`} aria-busy={update.isPending || undefined}>
      <h3 id={`proceeding-edit-${proceeding.id}`}>{t('admin.proceeding.editTitle', { name: proceeding.name })}</h3>
      <p className="hint">{t('admin.proceeding.kindFixed', { kind: t(proceedingKindKey(proceeding.kind)) })}</p>
      <Fields draft={draft} set={set} error={update.error} withKind={false} />
      <button type="submit" aria-disabled={update.isPending || undefined}>
        {update.isPending ? t('admin.saving') : t('admin.proceeding.save')}
      </button>
      <SettingsFeedback save={update} overwritten={version.overwritten} labels={FIELD_LABELS} />
    </form>
  )
}
