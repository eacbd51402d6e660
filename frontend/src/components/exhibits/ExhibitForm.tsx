import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent } from 'react'
import { claimsApi, isStale, unwrap } from '../../api/client'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { fieldError, newIdempotencyKey, useOpenedVersion, type Version } from '../claimant/useClaimantWrite'
import { OverwrittenFields, WriteFeedback } from '../WriteFeedback'
import { ErrorAlert } from '../ErrorAlert'
import { readExhibit, refreshExhibits, type Exhibit, type ExhibitCreate } from './exhibitQueries'

interface Values {
  title: string
  original_or_copy: 'original' | 'copy'
  made_on: string
  author: string
  purpose: string
  note: string
}

const EMPTY: Values = { title: '', original_or_copy: 'copy', made_on: '', author: '', purpose: '', note: '' }

function valuesOf(e: Exhibit): Values {
  return {
    title: e.title,
    original_or_copy: e.original_or_copy,
    made_on: e.made_on ?? '',
    author: e.author,
    purpose: e.purpose,
    note: e.note,
  }
}

function bodyOf(v: Values) {
  return {
    title: v.title.trim(),
    original_or_copy: v.original_or_copy,
    made_on: v.made_on || null,
    author: v.author.trim(),
    purpose: v.purpose.trim(),
    note: v.note.trim(),
  }
}

type FormProps = { claimantId: number; onDone: (message: string) => void; onCancel: () => void } & (
  | { mode: 'create'; caseId: number; slot: number; slotName: string }
  | { mode: 'edit'; exhibit: Exhibit }
)

type EditProps = Extract<FormProps, { mode: 'edit' }>

const FIELD_LABELS: Record<keyof Values, MessageKey> = {
  title: 'claimantPage.exhibit.title',
  original_or_copy: 'claimantPage.exhibit.originalOrCopy',
  made_on: 'claimantPage.exhibit.madeOn',
  author: 'claimantPage.exhibit.author',
  purpose: 'claimantPage.exhibit.purpose',
  note: 'claimantPage.exhibit.note',
}

const NEW: Version<Values> = { values: EMPTY, etag: null }

/**
 * An exhibit's description (標目, 原本/写し, 作成年月日, 作成者, 立証趣旨, 備考): a new exhibit of the claimant in a slot
 * (claims-api gives it its number, 甲第N号証のM), or a change of one. A change starts from the exhibit as read when
 * the form opens (not the list, which may be hours old) and sends that read's ETag in If-Match; someone else's
 * change first is a 412, after which the form shows the exhibit as stored now and says what differs.
 */
export function ExhibitForm(props: FormProps) {
  if (props.mode === 'create') return <DescriptionForm {...props} opened={NEW} reload={null} />
  return <EditExhibitForm {...props} />
}

/** The edit: nothing to type into until the exhibit has been read. */
function EditExhibitForm(props: EditProps) {
  const { t } = useI18n()
  const current = useQuery({
    queryKey: ['exhibit', props.exhibit.id],
    queryFn: () => readExhibit(props.exhibit.id),
    staleTime: 0,
    gcTime: 0,
  })
  const read = current.data
  if (read) {
    const reload = async () => versionOf((await current.refetch({ throwOnError: true })).data ?? read)
    return <DescriptionForm {...props} opened={versionOf(read)} reload={reload} />
  }
  return (
    <div className="claimant-form exhibit-form">
      <fieldset>
        <legend>{t('claimantPage.exhibit.editOf', { label: props.exhibit.label })}</legend>
        {current.isError ? <ErrorAlert error={current.error} onRetry={() => void current.refetch()} /> : <p role="status">{t('common.loading')}</p>}
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            {t('claimantPage.cancel')}
          </button>
        </div>
      </fieldset>
    </div>
  )
}

function versionOf(read: { exhibit: Exhibit; etag: string | null }): Version<Values> {
  return { values: valuesOf(read.exhibit), etag: read.etag }
}

function DescriptionForm(
  props: FormProps & {
    /** the exhibit as read when the form opened (for a new one: empty) */
    opened: Version<Values>
    /** reads the exhibit again (after a 412); throws what failed */
    reload: (() => Promise<Version<Values>>) | null
  },
) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const version = useOpenedVersion(props.opened)
  const values = version.draft
  const setValues = version.setDraft
  // a 412 whose reload failed: no save until the exhibit as stored now is shown
  const [reloadError, setReloadError] = useState<unknown>(null)
  const unreloaded = reloadError !== null
  const attempt = useRef<{ body: string; key: string } | null>(null)

  async function reload() {
    if (!props.reload) return
    try {
      version.reloaded(await props.reload())
      setReloadError(null)
    } catch (error) {
      setReloadError(error)
    }
  }

  const save = useMutation<Exhibit, unknown, Values>({
    mutationFn: async (v) => {
      if (props.mode === 'create') {
        const body: ExhibitCreate = { claimant_id: props.claimantId, side: '甲', slot: props.slot, ...bodyOf(v) }
        const text = JSON.stringify(body)
        if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() }
        return unwrap(
          await claimsApi.POST('/api/v1/cases/{case_id}/exhibits', {
            params: { path: { case_id: props.caseId } },
            headers: { 'Idempotency-Key': attempt.current.key },
            body,
          }),
        )
      }
      const etag = version.etag
      return unwrap(
        await claimsApi.PATCH('/api/v1/exhibits/{exhibit_id}', {
          params: { path: { exhibit_id: props.exhibit.id } },
          headers: etag ? { 'If-Match': etag } : {},
          body: bodyOf(v),
        }),
      )
    },
    onSuccess: async (saved) => {
      await refreshExhibits(queryClient, props.claimantId)
      props.onDone(
        props.mode === 'create'
          ? t('claimantPage.exhibit.created', { label: saved.label })
          : t('claimantPage.exhibit.updated', { label: saved.label }),
      )
    },
    // stays pending until the form shows the exhibit as stored now
    onError: async (error) => {
      if (props.mode === 'edit' && isStale(error)) await Promise.all([reload(), refreshExhibits(queryClient, props.claimantId)])
    },
  })

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (save.isPending || unreloaded) return
    save.mutate(values)
  }

  const set = (field: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }))
  const invalid = (field: string) => fieldError(save.error, field) || undefined
  const legend =
    props.mode === 'create'
      ? t('claimantPage.exhibit.createIn', { slot: props.slot, name: props.slotName })
      : t('claimantPage.exhibit.editOf', { label: props.exhibit.label })

  return (
    <form onSubmit={submit} aria-busy={save.isPending} className="claimant-form exhibit-form">
      <fieldset>
        <legend>{legend}</legend>
        {unreloaded && <ErrorAlert error={reloadError} onRetry={() => void reload()} />}
        <div className="field">
          <label htmlFor={`${id}-title`}>
            {t('claimantPage.exhibit.title')}
            <span className="required">{t('claimantPage.required')}</span>
          </label>
          <input id={`${id}-title`} required maxLength={300} value={values.title} aria-invalid={invalid('title')} onChange={set('title')} />
        </div>
        <fieldset className="inline-choice">
          <legend>{t('claimantPage.exhibit.originalOrCopy')}</legend>
          {(['original', 'copy'] as const).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name={`${id}-ooc`}
                value={kind}
                checked={values.original_or_copy === kind}
                onChange={() => setValues((v) => ({ ...v, original_or_copy: kind }))}
              />{' '}
              {t(`claimantPage.exhibit.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-made-on`}>{t('claimantPage.exhibit.madeOn')}</label>
          <input id={`${id}-made-on`} type="date" value={values.made_on} aria-invalid={invalid('made_on')} aria-describedby={`${id}-made-on-hint`} onChange={set('made_on')} />
          <span id={`${id}-made-on-hint`} className="hint">
            {t('claimantPage.exhibit.madeOnHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-author`}>{t('claimantPage.exhibit.author')}</label>
          <input id={`${id}-author`} maxLength={200} value={values.author} aria-invalid={invalid('author')} onChange={set('author')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-purpose`}>{t('claimantPage.exhibit.purpose')}</label>
          <textarea id={`${id}-purpose`} rows={2} maxLength={2000} value={values.purpose} aria-invalid={invalid('purpose')} onChange={set('purpose')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('claimantPage.exhibit.note')}</label>
          <input id={`${id}-note`} maxLength={1000} value={values.note} aria-invalid={invalid('note')} onChange={set('note')} />
        </div>
        <div className="actions">
          <button type="submit" aria-disabled={save.isPending || unreloaded || undefined}>
            {props.mode === 'create' ? t('claimantPage.exhibit.create') : t('claimantPage.save')}
          </button>{' '}
          <button type="button" onClick={props.onCancel}>
            {t('claimantPage.cancel')}
          </button>
        </div>
      </fieldset>
      <WriteFeedback
        pending={save.isPending}
        done={null}
        error={save.error}
        conflictTitle={t('forms.exhibit.conflict')}
        conflict={<OverwrittenFields overwritten={version.overwritten} label={(field) => t(FIELD_LABELS[field])} />}
      />
    </form>
  )
}
