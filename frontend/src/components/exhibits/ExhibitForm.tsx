import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent } from 'react'
import { claimsApi, unwrap } from '../../api/client'
import { useI18n } from '../../i18n/i18n'
import { fieldError, isConflict, newIdempotencyKey } from '../claimant/useClaimantWrite'
import { WriteFeedback } from '../claimant/WriteFeedback'
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

/**
 * An exhibit's description (標目, 原本/写し, 作成年月日, 作成者, 立証趣旨, 備考): a new exhibit of the claimant in a slot
 * (claims-api gives it its number, 甲第N号証のM), or a change of one (PATCH with the If-Match of the exhibit as read
 * when the form opened; someone else's change first is a 412, shown with a reload).
 */
export function ExhibitForm(props: FormProps) {
  const { t } = useI18n()
  const id = useId()
  const queryClient = useQueryClient()
  const editId = props.mode === 'edit' ? props.exhibit.id : 0
  const current = useQuery({
    queryKey: ['exhibit', editId],
    queryFn: () => readExhibit(editId),
    enabled: props.mode === 'edit',
    staleTime: 0,
    gcTime: 0,
  })
  const [values, setValues] = useState<Values>(props.mode === 'edit' ? valuesOf(props.exhibit) : EMPTY)
  const attempt = useRef<{ body: string; key: string } | null>(null)

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
      const etag = current.data?.etag
      return unwrap(
        await claimsApi.PATCH('/api/v1/exhibits/{exhibit_id}', {
          params: { path: { exhibit_id: editId } },
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
    onError: async (error) => {
      if (props.mode === 'edit' && isConflict(error)) {
        await current.refetch()
      }
    },
  })

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (save.isPending || (props.mode === 'edit' && !current.data)) return
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
        {current.isError && <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />}
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
          <button type="submit" aria-disabled={save.isPending || (props.mode === 'edit' && !current.data) || undefined}>
            {props.mode === 'create' ? t('claimantPage.exhibit.create') : t('claimantPage.save')}
          </button>{' '}
          <button type="button" onClick={props.onCancel}>
            {t('claimantPage.cancel')}
          </button>
        </div>
      </fieldset>
      <WriteFeedback pending={save.isPending} done={null} error={save.error} />
    </form>
  )
}
