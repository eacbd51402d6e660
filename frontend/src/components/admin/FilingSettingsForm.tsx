import { useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { isStale } from '../../api/client'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useOpenedVersion } from '../claimant/useClaimantWrite'
import { PLACEHOLDERS, unknownPlaceholders, type Counsel, type FilingSettings, type FilingSettingsWrite } from './admin'
import { adminKeys, useSaveFilingSettings } from './adminQueries'
import { Field } from './Field'
import { SettingsFeedback } from './SettingsFeedback'

interface Draft {
  office: FilingSettingsWrite['office']
  counsel: Counsel[]
  complaint_cause: string
  related_facts: string
  mediation_dispute: string
  /** one item per line */
  resolution: string
}

function draftOf(s: FilingSettings): Draft {
  return {
    office: {
      name: s.office.name ?? '',
      postal_code: s.office.postal_code ?? '',
      address: s.office.address ?? '',
      phone: s.office.phone ?? '',
      fax: s.office.fax ?? '',
    },
    counsel: s.counsel.map((c) => ({ name: c.name, title: c.title ?? '弁護士' })),
    complaint_cause: s.texts.complaint_cause ?? '',
    related_facts: s.texts.related_facts ?? '',
    mediation_dispute: s.texts.mediation_dispute ?? '',
    resolution: (s.texts.mediation_resolution_items ?? []).join('\n'),
  }
}

const TEXTS = ['complaint_cause', 'related_facts', 'mediation_dispute'] as const

const FIELD_LABELS: Record<keyof Draft, MessageKey> = {
  office: 'admin.filing.office',
  counsel: 'admin.filing.counsel',
  complaint_cause: 'admin.filing.text.complaint_cause',
  related_facts: 'admin.filing.text.related_facts',
  mediation_dispute: 'admin.filing.text.mediation_dispute',
  resolution: 'admin.filing.text.mediation_resolution_items',
}

/**
 * The counsel's office, the counsel in signing order and the case's filing texts (PUT, all of them, with the
 * ETag). The placeholders docs-render fills are listed; one it does not know is pointed out before saving.
 */
export function FilingSettingsForm({ caseId, settings, etag, canWrite }: { caseId: number; settings: FilingSettings; etag: string | null; canWrite: boolean }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const save = useSaveFilingSettings(caseId)
  // what was typed stays until the form's own save, or a 412 (the notice says why), replaces it
  const version = useOpenedVersion({ values: draftOf(settings), etag })
  const { draft, setDraft } = version
  const touched = () => {
    if (save.isError || save.isSuccess) save.reset()
  }
  const setOffice = (name: keyof Draft['office']) => (value: string) => {
    setDraft((d) => ({ ...d, office: { ...d.office, [name]: value } }))
    touched()
  }
  const setText = (name: (typeof TEXTS)[number] | 'resolution') => (value: string) => {
    setDraft((d) => ({ ...d, [name]: value }))
    touched()
  }
  const setCounsel = (counsel: Counsel[]) => {
    setDraft((d) => ({ ...d, counsel }))
    touched()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (save.isPending) return
    const body: FilingSettingsWrite = {
      office: draft.office,
      counsel: draft.counsel.map((c) => ({ name: c.name.trim(), title: c.title.trim() || '弁護士' })),
      texts: {
        complaint_cause: draft.complaint_cause,
        related_facts: draft.related_facts,
        mediation_dispute: draft.mediation_dispute,
        mediation_resolution_items: draft.resolution
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      },
    }
    save.mutate(
      { body, etag: version.etag },
      {
        onSuccess: (saved) => version.saved({ values: draftOf(saved.record), etag: saved.etag }),
        onError: (error) => {
          // the mutation has refetched the settings: the form shows them now
          const now = queryClient.getQueryData<{ record: FilingSettings; etag: string | null }>(adminKeys.filing(caseId))
          if (isStale(error) && now) version.reloaded({ values: draftOf(now.record), etag: now.etag })
        },
      },
    )
  }

  const unknown = unknownPlaceholders([draft.complaint_cause, draft.related_facts, draft.mediation_dispute, draft.resolution].join('\n'))
  const error = save.error
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="filing-title" aria-busy={save.isPending || undefined}>
      <h2 id="filing-title">{t('admin.filing.title')}</h2>
      <p className="hint">{settings.updated_at ? t('admin.filing.updatedAt', { at: formatDateTime(settings.updated_at) }) : t('admin.filing.never')}</p>
      <fieldset disabled={!canWrite}>
        <legend>{t('admin.filing.office')}</legend>
        <div className="grid2">
          <Field label={t('admin.filing.officeName')} name="office.name" value={draft.office.name ?? ''} onChange={setOffice('name')} error={error} maxLength={200} />
          <Field label={t('admin.filing.postal')} name="office.postal_code" value={draft.office.postal_code ?? ''} onChange={setOffice('postal_code')} error={error} hint={t('admin.filing.postalHint')} />
          <Field label={t('admin.filing.phone')} name="office.phone" value={draft.office.phone ?? ''} onChange={setOffice('phone')} error={error} />
          <Field label={t('admin.filing.fax')} name="office.fax" value={draft.office.fax ?? ''} onChange={setOffice('fax')} error={error} />
        </div>
        <Field label={t('admin.filing.address')} name="office.address" value={draft.office.address ?? ''} onChange={setOffice('address')} error={error} maxLength={300} />
      </fieldset>
      <fieldset disabled={!canWrite}>
        <legend>{t('admin.filing.counsel')}</legend>
        <p className="hint">{t('admin.filing.counselHint')}</p>
        {draft.counsel.length === 0 && <p>{t('admin.filing.noCounsel')}</p>}
        <ol className="plain">
          {draft.counsel.map((c, i) => (
            <li key={i} className="counsel-row">
              <Field
                label={t('admin.filing.counselName', { n: i + 1 })}
                name={`counsel.${i}.name`}
                value={c.name}
                onChange={(v) => setCounsel(draft.counsel.map((x, j) => (j === i ? { ...x, name: v } : x)))}
                error={error}
                required
                maxLength={100}
              />
              <Field
                label={t('admin.filing.counselTitle', { n: i + 1 })}
                name={`counsel.${i}.title`}
                value={c.title ?? ''}
                onChange={(v) => setCounsel(draft.counsel.map((x, j) => (j === i ? { ...x, title: v } : x)))}
                error={error}
                maxLength={50}
              />
              {canWrite && (
                <span className="row-actions">
                  <button type="button" className="secondary" disabled={i === 0} onClick={() => setCounsel(swap(draft.counsel, i, i - 1))}>
                    {t('admin.filing.up')}
                    <span className="visually-hidden">{t('admin.which', { name: c.name || String(i + 1) })}</span>
                  </button>
                  <button type="button" className="secondary" disabled={i === draft.counsel.length - 1} onClick={() => setCounsel(swap(draft.counsel, i, i + 1))}>
                    {t('admin.filing.down')}
                    <span className="visually-hidden">{t('admin.which', { name: c.name || String(i + 1) })}</span>
                  </button>
                  <button type="button" className="secondary" onClick={() => setCounsel(draft.counsel.filter((_, j) => j !== i))}>
                    {t('admin.filing.removeCounsel')}
                    <span className="visually-hidden">{t('admin.which', { name: c.name || String(i + 1) })}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
        {canWrite && (
          <button type="button" className="secondary" onClick={() => setCounsel([...draft.counsel, { name: '', title: '弁護士' }])}>
            {t('admin.filing.addCounsel')}
          </button>
        )}
      </fieldset>
      <fieldset disabled={!canWrite}>
        <legend>{t('admin.filing.texts')}</legend>
        <div className="placeholders">
          <p>{t('admin.filing.phIntro')}</p>
          <dl className="profile">
            {PLACEHOLDERS.map(([p, key]) => (
              <div key={p} className="dl-row">
                <dt>
                  <code>{p}</code>
                </dt>
                <dd>{t(key)}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">{t('admin.filing.textHint')}</p>
        </div>
        {TEXTS.map((name) => (
          <Field key={name} label={t(`admin.filing.text.${name}`)} name={`texts.${name}`} value={draft[name]} onChange={setText(name)} error={error} multiline rows={8} />
        ))}
        <Field
          label={t('admin.filing.text.mediation_resolution_items')}
          name="texts.mediation_resolution_items"
          value={draft.resolution}
          onChange={setText('resolution')}
          error={error}
          multiline
          rows={4}
          hint={t('admin.filing.resolutionHint')}
        />
        {unknown.length > 0 && (
          <p className="warning" role="status">
            {t('admin.filing.unknownPh', { list: unknown.join(' ') })}
          </p>
        )}
      </fieldset>
      {canWrite && (
        <button type="submit" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t('admin.saving') : t('admin.filing.save')}
        </button>
      )}
      <SettingsFeedback save={save} overwritten={version.overwritten} labels={FIELD_LABELS} />
    </form>
  )
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list]
  ;[next[a], next[b]] = [next[b], next[a]]
  return next
}
