import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { isStale } from '../../api/client'
import { formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useOpenedVersion } from '../claimant/useClaimantWrite'
import type { Case, CaseWrite } from './admin'
import { adminKeys, useSaveCase } from './adminQueries'
import { Field } from './Field'
import { SettingsFeedback } from './SettingsFeedback'

interface Draft {
  name: string
  title: string
  defendant_name: string
  defendant_address: string
  defendant_representative: string
  court: string
  incident_date: string
  served_on: string
  case_number: string
  reputation_amount: string
  success_fee_rate: string
  success_fee_consumption_tax: boolean
}

function draftOf(c: Case): Draft {
  return {
    name: c.name,
    title: c.title ?? '',
    defendant_name: c.defendant_name,
    defendant_address: c.defendant_address ?? '',
    defendant_representative: c.defendant_representative ?? '',
    court: c.court,
    incident_date: c.incident_date,
    served_on: c.served_on ?? '',
    case_number: c.case_number ?? '',
    reputation_amount: c.reputation_amount === undefined ? '' : c.reputation_amount.toLocaleString('ja-JP'),
    success_fee_rate: String(c.success_fee_rate ?? ''),
    success_fee_consumption_tax: Boolean(c.success_fee_consumption_tax),
  }
}

const FIELD_LABELS: Record<keyof Draft, MessageKey> = {
  name: 'admin.case.name',
  title: 'admin.case.caseTitle',
  defendant_name: 'admin.case.defendant_name',
  defendant_address: 'admin.case.defendant_address',
  defendant_representative: 'admin.case.defendant_representative',
  court: 'admin.case.court',
  incident_date: 'admin.case.incident_date',
  served_on: 'admin.case.served_on',
  case_number: 'admin.case.case_number',
  reputation_amount: 'admin.case.reputation_amount',
  success_fee_rate: 'admin.case.success_fee_rate',
  success_fee_consumption_tax: 'admin.case.success_fee_consumption_tax',
}

/** Whole yen as typed (separators and 円 allowed), or null when it is not a whole number of yen. */
export function parseYen(text: string): number | null {
  const plain = text.replace(/[,，円\s]/g, '')
  return /^\d+$/.test(plain) ? Number(plain) : null
}

/**
 * The case and its defendant (PUT with the case's ETag in If-Match). Without cases:write the form is shown
 * disabled and without its button.
 */
export function CaseForm({ caseRecord, etag, canWrite }: { caseRecord: Case; etag: string | null; canWrite: boolean }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const save = useSaveCase(caseRecord.id)
  // what was typed stays until the form's own save, or a 412 (the notice says why), replaces it
  const version = useOpenedVersion({ values: draftOf(caseRecord), etag })
  const { draft, setDraft } = version
  const [amountError, setAmountError] = useState<string | null>(null)
  const set = (name: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [name]: value }))
    if (save.isError || save.isSuccess) save.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (save.isPending) return
    const amount = parseYen(draft.reputation_amount)
    if (amount === null) {
      setAmountError(t('admin.case.amountInvalid'))
      return
    }
    setAmountError(null)
    const body: CaseWrite = {
      name: draft.name.trim(),
      title: draft.title.trim(),
      defendant_name: draft.defendant_name.trim(),
      defendant_address: draft.defendant_address.trim(),
      defendant_representative: draft.defendant_representative.trim(),
      court: draft.court.trim(),
      incident_date: draft.incident_date,
      served_on: draft.served_on || null,
      case_number: draft.case_number.trim() || null,
      reputation_amount: amount,
      success_fee_rate: draft.success_fee_rate.trim(),
      success_fee_consumption_tax: draft.success_fee_consumption_tax,
    }
    save.mutate(
      { body, etag: version.etag },
      {
        onSuccess: (saved) => version.saved({ values: draftOf(saved.record), etag: saved.etag }),
        onError: (error) => {
          // the mutation has refetched the case: the form shows it now
          const now = queryClient.getQueryData<{ record: Case; etag: string | null }>(adminKeys.case(caseRecord.id))
          if (isStale(error) && now) version.reloaded({ values: draftOf(now.record), etag: now.etag })
        },
      },
    )
  }

  const error = save.error
  const amount = parseYen(draft.reputation_amount)
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="case-form-title" aria-busy={save.isPending || undefined}>
      <h2 id="case-form-title">{t('admin.case.title')}</h2>
      <fieldset disabled={!canWrite}>
        <legend>{t('admin.case.defendant')}</legend>
        <div className="grid2">
          <Field label={t('admin.case.defendant_name')} name="defendant_name" value={draft.defendant_name} onChange={set('defendant_name')} error={error} required maxLength={200} />
          <Field label={t('admin.case.defendant_representative')} name="defendant_representative" value={draft.defendant_representative} onChange={set('defendant_representative')} error={error} maxLength={200} />
        </div>
        <Field label={t('admin.case.defendant_address')} name="defendant_address" value={draft.defendant_address} onChange={set('defendant_address')} error={error} maxLength={300} />
      </fieldset>
      <fieldset disabled={!canWrite}>
        <legend>{t('admin.case.case')}</legend>
        <div className="grid2">
          <Field label={t('admin.case.name')} name="name" value={draft.name} onChange={set('name')} error={error} required maxLength={200} />
          <Field label={t('admin.case.caseTitle')} name="title" value={draft.title} onChange={set('title')} error={error} maxLength={200} />
          <Field label={t('admin.case.court')} name="court" value={draft.court} onChange={set('court')} error={error} required maxLength={200} />
          <Field label={t('admin.case.case_number')} name="case_number" value={draft.case_number} onChange={set('case_number')} error={error} maxLength={100} />
          <Field label={t('admin.case.incident_date')} name="incident_date" type="date" value={draft.incident_date} onChange={set('incident_date')} error={error} required />
          <Field label={t('admin.case.served_on')} name="served_on" type="date" value={draft.served_on} onChange={set('served_on')} error={error} hint={t('admin.case.servedHint')} />
          <Field
            label={t('admin.case.reputation_amount')}
            name="reputation_amount"
            inputMode="numeric"
            value={draft.reputation_amount}
            onChange={set('reputation_amount')}
            error={error}
            localError={amountError}
            hint={amount === null ? t('admin.case.amountHint') : t('admin.case.amountShown', { amount: formatYen(amount) })}
          />
          <Field
            label={t('admin.case.success_fee_rate')}
            name="success_fee_rate"
            inputMode="decimal"
            value={draft.success_fee_rate}
            onChange={set('success_fee_rate')}
            error={error}
            hint={t('admin.case.rateHint')}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.success_fee_consumption_tax}
            onChange={(e) => {
              setDraft((d) => ({ ...d, success_fee_consumption_tax: e.target.checked }))
              if (save.isError || save.isSuccess) save.reset()
            }}
          />
          {t('admin.case.success_fee_consumption_tax')}
        </label>
      </fieldset>
      {canWrite && <button type="submit" aria-disabled={save.isPending || undefined}>{save.isPending ? t('admin.saving') : t('admin.case.save')}</button>}
      <SettingsFeedback save={save} overwritten={version.overwritten} labels={FIELD_LABELS} />
    </form>
  )
}
