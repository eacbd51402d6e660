import './profile.css'
import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { claimsApi, isStale, unwrap } from '../../api/client'
import type { components } from '../../api/claims-api'
import { formatDate, formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { claimantKeys, useCanWriteClaims, useClaimant, type Claimant, type VersionedClaimant } from './claimantQueries'
import { fieldError, useClaimantWrite, useOpenedVersion } from './useClaimantWrite'
import { OverwrittenFields, WriteFeedback } from '../WriteFeedback'
import { PROFILE_FIELD_LABELS } from './fieldLabels'

type Update = components['schemas']['ClaimantUpdate']
type Kind = components['schemas']['ClaimantKind']
type Contract = components['schemas']['ContractType']
type Customer = components['schemas']['CustomerStatus']
type Plan = components['schemas']['InsurancePlan']

const KINDS: Kind[] = ['sr_individual', 'sr_corporation', 'sr_center', 'labour_insurance_association', 'client_company', 'other']
const CONTRACTS: Contract[] = ['netde_shaloom', 'shaloom_house', 'basic_plan']
const CUSTOMERS: Customer[] = ['active', 'cancelled']
const PLANS: Plan[] = ['full', 'leak_only']

/** The text fields of the form (empty: null, for those the API lets be empty). */
const TEXT_FIELDS = ['name', 'name_kana', 'office_name', 'representative', 'registration_no', 'postal_code', 'address', 'email', 'phone', 'insurer'] as const
type TextField = (typeof TEXT_FIELDS)[number]

interface Values extends Record<TextField, string> {
  kind: Kind
  contract_type: Contract | ''
  customer_status: Customer
  service_usable_on: string
  insured: boolean
  insurance_plan: Plan | ''
  reminder_consent: boolean
  insurer_sharing_consent: boolean
}

function valuesOf(c: Claimant): Values {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, c[f] ?? ''])) as Record<TextField, string>
  return {
    ...text,
    kind: c.kind ?? 'sr_individual',
    contract_type: c.contract_type ?? '',
    customer_status: c.customer_status ?? 'active',
    service_usable_on: c.service_usable_on ?? '',
    insured: c.insured ?? false,
    insurance_plan: c.insurance_plan ?? '',
    reminder_consent: c.reminder_consent ?? false,
    insurer_sharing_consent: c.insurer_sharing_consent ?? false,
  }
}

/** Only what changed, as the API takes it (empty text and choices as null). */
export function changesOf(before: Values, after: Values): Update {
  const body: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof Values)[]) {
    const value = typeof after[key] === 'string' ? (after[key] as string).trim() : after[key]
    const was = typeof before[key] === 'string' ? (before[key] as string).trim() : before[key]
    if (value === was) continue
    body[key] = value === '' ? null : value
  }
  return body as Update
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/**
 * 基本情報 and 同意: the claimant's record. Users with claims:write edit it (PATCH of the changed fields with the
 * If-Match of the claimant as the form opened on it; a 412 reloads the form and says what changed); others read it.
 */
export function ProfileSection({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const read = useClaimant(claimantId).data
  const claimant = read?.claimant
  const canWrite = useCanWriteClaims()
  const [editing, setEditing] = useState(false)
  const [message, setMessage] = useState('')
  const headingRef = useRef<HTMLHeadingElement>(null)
  if (!claimant) return null
  const c = claimant
  const none = t('common.none')
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'))

  function close(done: string) {
    flushSync(() => {
      setEditing(false)
      setMessage(done)
    })
    headingRef.current?.focus()
  }

  return (
    <section aria-labelledby="profile-title" className="profile-section">
      <h2 id="profile-title" ref={headingRef} tabIndex={-1}>
        {t('claimant.profile')}
      </h2>
      <p role="status" className="write-status">
        {message}
      </p>
      {editing ? (
        <ProfileForm claimantId={claimantId} claimant={c} etag={read?.etag ?? null} onDone={close} onCancel={() => close('')} />
      ) : (
        <>
          <dl className="profile">
            <Field term={t('claimant.number')}>{c.id}</Field>
            <Field term={t('claimant.kind')}>{label('kind', c.kind ?? 'other')}</Field>
            <Field term={t('claimant.office')}>{c.office_name ?? none}</Field>
            <Field term={t('claimantPage.profile.representative')}>{c.representative ?? none}</Field>
            <Field term={t('claimant.registrationNo')}>{c.registration_no ?? none}</Field>
            <Field term={t('claimant.postalCode')}>{c.postal_code ? `〒${c.postal_code}` : none}</Field>
            <Field term={t('claimant.address')}>{c.address ?? none}</Field>
            <Field term={t('claimant.email')}>{c.email ?? none}</Field>
            <Field term={t('claimant.phone')}>{c.phone ?? none}</Field>
            <Field term={t('claimant.contractType')}>{c.contract_type ? label('contract', c.contract_type) : none}</Field>
            <Field term={t('claimant.customerStatus')}>{label('customer', c.customer_status ?? 'active')}</Field>
            <Field term={t('claimant.usableOn')}>{c.service_usable_on ? formatDate(c.service_usable_on) : none}</Field>
            <Field term={t('claimant.insurance')}>
              {c.insured && c.insurance_plan ? label('plan', c.insurance_plan) : yesNo(false)}
              {c.insured && c.insurer ? t('claimantPage.profile.insurer', { insurer: c.insurer }) : ''}
            </Field>
            <Field term={t('claimant.createdAt')}>{formatDateTime(c.created_at)}</Field>
            <Field term={t('claimant.updatedAt')}>{formatDateTime(c.updated_at)}</Field>
          </dl>
          <h3 className="consents-title">{t('claimantPage.consents.title')}</h3>
          <dl className="profile consents">
            <Field term={t('claimant.reminderConsent')}>
              {yesNo(!!c.reminder_consent)}
              <span className="hint"> — {t('claimantPage.consents.reminderHint')}</span>
            </Field>
            <Field term={t('claimant.insurerConsent')}>
              {yesNo(!!c.insurer_sharing_consent)}
              <span className="hint"> — {t('claimantPage.consents.insurerHint')}</span>
            </Field>
          </dl>
          {canWrite && (
            <button
              type="button"
              onClick={() => {
                setMessage('')
                setEditing(true)
              }}
            >
              {t('claimantPage.profile.edit')}
            </button>
          )}
        </>
      )}
    </section>
  )
}

const FIELD_LABELS: Record<keyof Values, MessageKey> = PROFILE_FIELD_LABELS

/**
 * The form starts from the claimant as shown when it opened and sends that version's ETag in If-Match, however
 * often the page reads the claimant again meanwhile (a tick elsewhere on the page): someone else's change since is a
 * 412, after which the form shows the claimant as stored now and says which fields changed.
 */
function ProfileForm({
  claimantId,
  claimant,
  etag,
  onDone,
  onCancel,
}: {
  claimantId: number
  claimant: Claimant
  etag: string | null
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const version = useOpenedVersion({ values: valuesOf(claimant), etag })
  const { draft: values, setDraft: setValues, openedValues: initial } = version
  const [nothing, setNothing] = useState(false)
  const save = useClaimantWrite(
    claimantId,
    async (body: Update, headers) =>
      unwrap(
        await claimsApi.PATCH('/api/v1/claimants/{claimant_id}', {
          params: { path: { claimant_id: claimantId } },
          body,
          headers,
        }),
      ),
    () => version.etag,
  )

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (save.isPending) return
    const body = changesOf(initial, values)
    if (Object.keys(body).length === 0) {
      setNothing(true)
      return
    }
    setNothing(false)
    save.mutate(body, {
      onSuccess: () => onDone(t('claimantPage.profile.saved')),
      onError: (error) => {
        // the write has read the claimant again: the form shows it now
        const now = queryClient.getQueryData<VersionedClaimant>(claimantKeys.detail(claimantId))
        if (isStale(error) && now) version.reloaded({ values: valuesOf(now.claimant), etag: now.etag })
      },
    })
  }

  const invalid = (field: string) => fieldError(save.error, field) || undefined
  const fid = (field: string) => `${id}-${field}`
  const text = (field: TextField, key: MessageKey, extra: { type?: string; maxLength?: number; required?: boolean; hint?: MessageKey; autoComplete?: string } = {}) => (
    <div className="field">
      <label htmlFor={fid(field)}>
        {t(key)}
        {extra.required && <span className="required">{t('claimantPage.required')}</span>}
      </label>
      <input
        id={fid(field)}
        type={extra.type ?? 'text'}
        maxLength={extra.maxLength ?? 200}
        required={extra.required}
        value={values[field]}
        autoComplete="off"
        aria-invalid={invalid(field)}
        aria-describedby={extra.hint ? `${fid(field)}-hint` : undefined}
        onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
      />
      {extra.hint && (
        <span id={`${fid(field)}-hint`} className="hint">
          {t(extra.hint)}
        </span>
      )}
    </div>
  )
  const select = <K extends 'kind' | 'contract_type' | 'customer_status' | 'insurance_plan'>(
    field: K,
    key: MessageKey,
    options: readonly string[],
    prefix: string,
    blank?: MessageKey,
  ) => (
    <div className="field">
      <label htmlFor={fid(field)}>{t(key)}</label>
      <select
        id={fid(field)}
        value={values[field]}
        aria-invalid={invalid(field)}
        onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value as Values[K] }))}
      >
        {blank && <option value="">{t(blank)}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${prefix}.${o}` as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  )
  const check = (field: 'insured' | 'reminder_consent' | 'insurer_sharing_consent', key: MessageKey, hint?: MessageKey) => (
    <div className="field check">
      <input
        type="checkbox"
        id={fid(field)}
        checked={values[field]}
        aria-invalid={invalid(field)}
        aria-describedby={hint ? `${fid(field)}-hint` : undefined}
        onChange={(e) => {
          const on = e.target.checked
          // not insured: no plan (the API refuses one)
          setValues((v) => ({ ...v, [field]: on, ...(field === 'insured' && !on ? { insurance_plan: '' as const } : {}) }))
        }}
      />{' '}
      <label htmlFor={fid(field)}>{t(key)}</label>
      {hint && (
        <span id={`${fid(field)}-hint`} className="hint">
          {t(hint)}
        </span>
      )}
    </div>
  )

  return (
    <form onSubmit={submit} aria-busy={save.isPending} className="claimant-form profile-form">
      <fieldset>
        <legend>{t('claimantPage.profile.legend')}</legend>
        {text('name', 'claimant.name', { required: true })}
        {text('name_kana', 'claimant.nameKana')}
        {select('kind', 'claimant.kind', KINDS, 'kind')}
        {text('office_name', 'claimant.office')}
        {text('representative', 'claimantPage.profile.representative', { hint: 'claimantPage.profile.representativeHint' })}
        {text('registration_no', 'claimant.registrationNo', { hint: 'claimantPage.profile.registrationHint', maxLength: 8 })}
        {text('postal_code', 'claimant.postalCode', { hint: 'claimantPage.profile.postalHint', maxLength: 8 })}
        {text('address', 'claimant.address', { maxLength: 300 })}
        {text('email', 'claimant.email', { type: 'email' })}
        {text('phone', 'claimant.phone', { type: 'tel', maxLength: 30 })}
      </fieldset>
      <fieldset>
        <legend>{t('claimantPage.profile.contractLegend')}</legend>
        {select('contract_type', 'claimant.contractType', CONTRACTS, 'contract', 'claimantPage.profile.unknown')}
        {select('customer_status', 'claimant.customerStatus', CUSTOMERS, 'customer')}
        <div className="field">
          <label htmlFor={fid('service_usable_on')}>{t('claimant.usableOn')}</label>
          <input
            id={fid('service_usable_on')}
            type="date"
            value={values.service_usable_on}
            aria-invalid={invalid('service_usable_on')}
            aria-describedby={`${fid('service_usable_on')}-hint`}
            onChange={(e) => setValues((v) => ({ ...v, service_usable_on: e.target.value }))}
          />
          <span id={`${fid('service_usable_on')}-hint`} className="hint">
            {t('claimantPage.profile.usableOnHint')}
          </span>
        </div>
        {check('insured', 'claimantPage.profile.insured')}
        {values.insured && select('insurance_plan', 'claimantPage.profile.plan', PLANS, 'plan', 'claimantPage.profile.choose')}
        {values.insured && text('insurer', 'claimant.insurer')}
      </fieldset>
      <fieldset>
        <legend>{t('claimantPage.consents.title')}</legend>
        {check('reminder_consent', 'claimant.reminderConsent', 'claimantPage.consents.reminderHint')}
        {check('insurer_sharing_consent', 'claimant.insurerConsent', 'claimantPage.consents.insurerHint')}
      </fieldset>
      <div className="actions">
        <button type="submit" aria-disabled={save.isPending || undefined}>
          {t('claimantPage.save')}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('claimantPage.cancel')}
        </button>
      </div>
      {nothing && <p role="status">{t('claimantPage.profile.nothing')}</p>}
      <WriteFeedback
        pending={save.isPending}
        done={null}
        error={save.error}
        conflict={<OverwrittenFields overwritten={version.overwritten} label={(field) => t(FIELD_LABELS[field])} />}
      />
    </form>
  )
}
