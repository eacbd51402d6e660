import { useId, useMemo, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n'
import { todayInTokyo } from '../claimant/claimantQueries'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { FieldErrors, type FieldProblem } from '../damages/fieldErrors'
import { ErrorAlert } from '../ErrorAlert'
import { useCreateCampaign } from './campaignQueries'
import { DEFAULT_TITLE, duplicateKeys, type CampaignCreate } from './campaigns'
import { DataItemsEditor, newDataItemRow, type DataItemRow } from './DataItemsEditor'
import { FieldMessage, fieldId, FormFieldsContext, TextAreaField, TextField } from './fields'
import { OfficePicker, type PickedOffice } from './OfficePicker'

interface Draft {
  office: PickedOffice | null
  title: string
  sender: { name: string; postal_code: string; address: string; representative: string }
  items: DataItemRow[]
  overview: string
  cause: string
  secondary_harm: string
  measures: string
  other: string
  contact: { desk: string; phone: string; email: string; hours: string; address: string }
  became_known_on: string
  unlawful_purpose: boolean
}

function emptyDraft(): Draft {
  return {
    office: null,
    title: DEFAULT_TITLE,
    sender: { name: '', postal_code: '', address: '', representative: '' },
    items: [newDataItemRow()],
    overview: '',
    cause: '',
    secondary_harm: '',
    measures: '',
    other: '',
    contact: { desk: '', phone: '', email: '', hours: '', address: '' },
    became_known_on: '',
    unlawful_purpose: false,
  }
}

/** The trimmed text, or undefined when empty (the API treats an empty optional text as absent). */
function optional(value: string): string | undefined {
  const v = value.trim()
  return v ? v : undefined
}

export function bodyOf(caseId: number, d: Draft): CampaignCreate {
  return {
    case_id: caseId,
    ...(d.office ? { claimant_id: d.office.id } : {}),
    // an emptied title: the API's default
    title: optional(d.title) ?? DEFAULT_TITLE,
    sender: {
      name: d.sender.name.trim(),
      postal_code: optional(d.sender.postal_code),
      address: d.sender.address.trim(),
      representative: optional(d.sender.representative),
    },
    data_items: d.items.map((i) => ({ key: i.key.trim(), label: i.label.trim() })),
    overview: d.overview.trim(),
    cause: d.cause.trim(),
    secondary_harm: d.secondary_harm.trim(),
    measures: optional(d.measures),
    other: optional(d.other),
    contact: {
      desk: d.contact.desk.trim(),
      phone: optional(d.contact.phone),
      email: optional(d.contact.email),
      hours: optional(d.contact.hours),
      address: optional(d.contact.address),
    },
    became_known_on: d.became_known_on,
    unlawful_purpose: d.unlawful_purpose,
  }
}

/** What the form checks itself before sending (the API checks the rest: postal codes, a way to reach the desk…). */
function localProblems(d: Draft, today: string, t: ReturnType<typeof useI18n>['t']): FieldProblem[] {
  const required = t('campaigns.form.err.required')
  const problems: FieldProblem[] = []
  const need = (field: string, value: string) => {
    if (!value.trim()) problems.push({ field, reason: required })
  }
  need('sender.name', d.sender.name)
  need('sender.address', d.sender.address)
  if (d.items.length === 0) problems.push({ field: 'data_items', reason: t('campaigns.form.err.noItems') })
  const twice = duplicateKeys(d.items)
  d.items.forEach((item, i) => {
    need(`data_items.${i}.key`, item.key)
    need(`data_items.${i}.label`, item.label)
    if (twice.has(item.key.trim())) problems.push({ field: `data_items.${i}.key`, reason: t('campaigns.form.err.duplicateKey', { key: item.key.trim() }) })
  })
  need('overview', d.overview)
  need('cause', d.cause)
  need('secondary_harm', d.secondary_harm)
  need('contact.desk', d.contact.desk)
  need('became_known_on', d.became_known_on)
  if (d.became_known_on && d.became_known_on > today) problems.push({ field: 'became_known_on', reason: t('campaigns.form.err.future') })
  return problems
}

/**
 * The wizard's first step, 内容: what the notices say, who sends them, the enquiry desk, and the day the breach
 * became known (the PPC reports run from it). One Idempotency-Key for the form's lifetime: a double click or a
 * retry after a lost answer creates one campaign. Mistakes are shown next to their fields — the form's own
 * checks, then the API's 422 — and the first one gets the focus.
 */
export function CampaignForm({ caseId }: { caseId: number }) {
  const { t } = useI18n()
  const idBase = useId()
  const navigate = useNavigate()
  const create = useCreateCampaign()
  const [idempotencyKey] = useState(newIdempotencyKey)
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [local, setLocal] = useState<FieldProblem[]>([])
  const today = todayInTokyo()

  const errors = useMemo(() => (local.length > 0 ? new FieldErrors(local) : FieldErrors.of(create.error)), [local, create.error])

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }))
  }
  const setSender = (key: keyof Draft['sender']) => (value: string) => setDraft((d) => ({ ...d, sender: { ...d.sender, [key]: value } }))
  const setContact = (key: keyof Draft['contact']) => (value: string) => setDraft((d) => ({ ...d, contact: { ...d.contact, [key]: value } }))

  function focusFirst(problems: readonly FieldProblem[]) {
    setTimeout(() => {
      for (const p of problems) {
        const el =
          document.getElementById(fieldId(idBase, p.field)) ??
          document.getElementById(`${fieldId(idBase, p.field)}-error`)?.closest('fieldset')?.querySelector<HTMLElement>('input, textarea, button')
        if (el) {
          el.focus()
          return
        }
      }
    }, 0)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (create.isPending) return
    const problems = localProblems(draft, today, t)
    setLocal(problems)
    if (problems.length > 0) {
      create.reset()
      focusFirst(problems)
      return
    }
    create.mutate(
      { body: bodyOf(caseId, draft), idempotencyKey },
      {
        onSuccess: (campaign) => navigate(`/campaigns/${campaign.id}`),
        onError: (error) => focusFirst(FieldErrors.of(error).all),
      },
    )
  }

  return (
    <FormFieldsContext.Provider value={{ idBase, errors }}>
      <form className="campaign-form" onSubmit={submit} noValidate aria-labelledby={`${idBase}-heading`}>
        <h2 id={`${idBase}-heading`}>{t('campaigns.form.title')}</h2>
        <p className="hint">{t('campaigns.form.intro')}</p>

        <fieldset>
          <legend>{t('campaigns.form.who')}</legend>
          <OfficePicker caseId={caseId} value={draft.office} onChange={(office) => set('office', office)} />
        </fieldset>

        <fieldset>
          <legend>{t('campaigns.form.sender')}</legend>
          <TextField path="sender.name" label={t('campaigns.form.senderName')} required maxLength={200} value={draft.sender.name} onChange={setSender('name')} />
          <TextField
            path="sender.postal_code"
            label={t('campaigns.form.senderPostalCode')}
            hint={t('campaigns.form.postalCodeHint')}
            maxLength={8}
            value={draft.sender.postal_code}
            onChange={setSender('postal_code')}
          />
          <TextField path="sender.address" label={t('campaigns.form.senderAddress')} required maxLength={300} value={draft.sender.address} onChange={setSender('address')} />
          <TextField
            path="sender.representative"
            label={t('campaigns.form.senderRepresentative')}
            hint={t('campaigns.form.senderRepresentativeHint')}
            maxLength={200}
            value={draft.sender.representative}
            onChange={setSender('representative')}
          />
        </fieldset>

        <fieldset>
          <legend>{t('campaigns.form.content')}</legend>
          <TextField path="title" label={t('campaigns.form.noticeTitle')} hint={t('campaigns.form.noticeTitleHint')} maxLength={100} value={draft.title} onChange={(v) => set('title', v)} />
          <TextAreaField path="overview" label={t('campaigns.form.overview')} required hint={t('campaigns.form.textHint')} value={draft.overview} onChange={(v) => set('overview', v)} />
          <DataItemsEditor rows={draft.items} onChange={(items) => set('items', items)} />
          <TextAreaField path="cause" label={t('campaigns.form.cause')} required value={draft.cause} onChange={(v) => set('cause', v)} />
          <TextAreaField path="secondary_harm" label={t('campaigns.form.secondaryHarm')} required value={draft.secondary_harm} onChange={(v) => set('secondary_harm', v)} />
          <TextAreaField path="measures" label={t('campaigns.form.measures')} value={draft.measures} onChange={(v) => set('measures', v)} />
          <TextAreaField path="other" label={t('campaigns.form.other')} value={draft.other} onChange={(v) => set('other', v)} />
        </fieldset>

        <fieldset aria-describedby={errors.at('contact').length > 0 ? `${fieldId(idBase, 'contact')}-error` : undefined}>
          <legend>{t('campaigns.form.contact')}</legend>
          <p className="hint">{t('campaigns.form.contactHint')}</p>
          <TextField path="contact.desk" label={t('campaigns.form.contactDesk')} required maxLength={200} value={draft.contact.desk} onChange={setContact('desk')} />
          <TextField path="contact.phone" type="tel" label={t('campaigns.form.contactPhone')} maxLength={50} value={draft.contact.phone} onChange={setContact('phone')} />
          <TextField path="contact.email" type="email" label={t('campaigns.form.contactEmail')} maxLength={254} value={draft.contact.email} onChange={setContact('email')} />
          <TextField path="contact.hours" label={t('campaigns.form.contactHours')} hint={t('campaigns.form.contactHoursHint')} maxLength={200} value={draft.contact.hours} onChange={setContact('hours')} />
          <TextField path="contact.address" label={t('campaigns.form.contactAddress')} maxLength={300} value={draft.contact.address} onChange={setContact('address')} />
          <FieldMessage path="contact" />
        </fieldset>

        <fieldset>
          <legend>{t('campaigns.form.reports')}</legend>
          <TextField
            path="became_known_on"
            type="date"
            label={t('campaigns.form.becameKnownOn')}
            hint={t('campaigns.form.becameKnownOnHint')}
            required
            max={today}
            value={draft.became_known_on}
            onChange={(v) => set('became_known_on', v)}
          />
          <div className="checkbox-field">
            <input
              type="checkbox"
              id={fieldId(idBase, 'unlawful_purpose')}
              checked={draft.unlawful_purpose}
              aria-describedby={`${fieldId(idBase, 'unlawful_purpose')}-hint`}
              onChange={(e) => set('unlawful_purpose', e.target.checked)}
            />
            <label htmlFor={fieldId(idBase, 'unlawful_purpose')}>{t('campaigns.form.unlawfulPurpose')}</label>
            <p id={`${fieldId(idBase, 'unlawful_purpose')}-hint`} className="hint">
              {t('campaigns.form.unlawfulPurposeHint')}
            </p>
            <FieldMessage path="unlawful_purpose" />
          </div>
        </fieldset>

        {local.length > 0 && (
          <div role="alert" className="alert">
            <p className="alert-title">{t('campaigns.form.err.summary', { count: local.length })}</p>
          </div>
        )}
        {create.isError && <ErrorAlert error={create.error} />}
        <p role="status" className="write-status">
          {create.isPending ? t('campaigns.form.submitting') : ''}
        </p>
        <button type="submit" aria-disabled={create.isPending || undefined}>
          {t('campaigns.form.submit')}
        </button>
      </form>
    </FormFieldsContext.Provider>
  )
}
