import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { isStale } from '../../api/client'
import { formatYen } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { useDamageItem, useDeleteDamage, useSaveDamage, type VersionedItem } from './damageQueries'
import { DamagePreviewPanel } from './DamagePreviewPanel'
import { draftFromItem, emptyDraft, HEAD_EXHIBIT_SLOT, shownPaths, toBody, type DamageHead, type Draft, type DraftDefaults } from './drafts'
import { ExhibitPicker } from './ExhibitPicker'
import { FieldErrors } from './fieldErrors'
import { EditorFieldsContext, GroupMessage, InputField, TextAreaField } from './fields'
import { HeadInputs } from './inputs/HeadInputs'
import { useDamagePreview } from './useDamagePreview'

interface EditorProps {
  claimantId: number
  head: DamageHead
  /** the item to change; null to create the head's item */
  itemId: number | null
  defaults: DraftDefaults
  /** closed after a save or delete, with what to tell the user */
  onDone: (message: string) => void
  onCancel: () => void
}

/**
 * The editor of one damage item. An existing item is read afresh (with its ETag) and its form starts from
 * that; after a 412 the user reloads it explicitly, so nothing typed is thrown away unasked and nothing is
 * saved over someone else's change unseen.
 */
export function DamageEditor({ claimantId, head, itemId, defaults, onDone, onCancel }: EditorProps) {
  const { t } = useI18n()
  const current = useDamageItem(claimantId, itemId)
  const [generation, setGeneration] = useState(0)

  if (itemId !== null && !current.data) {
    return (
      <div className="damage-editor">
        {current.isError ? <ErrorAlert error={current.error} onRetry={() => void current.refetch()} /> : <p role="status">{t('common.loading')}</p>}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('damageEditor.cancel')}
        </button>
      </div>
    )
  }

  async function reload() {
    await current.refetch()
    setGeneration((g) => g + 1)
  }

  return (
    <DamageForm
      key={generation}
      claimantId={claimantId}
      head={head}
      base={current.data ?? null}
      defaults={defaults}
      reloaded={generation > 0}
      onDone={onDone}
      onCancel={onCancel}
      onReload={() => void reload()}
    />
  )
}

interface FormProps {
  claimantId: number
  head: DamageHead
  base: VersionedItem | null
  defaults: DraftDefaults
  reloaded: boolean
  onDone: (message: string) => void
  onCancel: () => void
  onReload: () => void
}

function DamageForm({ claimantId, head, base, defaults, reloaded, onDone, onCancel, onReload }: FormProps) {
  const { t, label } = useI18n()
  const idBase = useId()
  const titleRef = useRef<HTMLHeadingElement>(null)
  const keyRef = useRef<{ body: string; key: string } | null>(null)
  // The form starts from the item as read when it opened (or was reloaded), with that read's ETag: a refetch
  // meanwhile changes neither.
  const [draft, setDraft] = useState<Draft>(() => (base ? draftFromItem(base.item, defaults) : emptyDraft(head, defaults)))
  const [etag] = useState(base?.etag ?? null)
  const save = useSaveDamage(claimantId, (saved) =>
    onDone(t('damageEditor.saved', { head: label('head', head), amount: formatYen(saved.item.amount) })),
  )
  const remove = useDeleteDamage(claimantId, () => onDone(t('damageEditor.deleted', { head: label('head', head) })))
  const preview = useDamagePreview(claimantId, draft)
  const headName = label('head', head)
  const isNew = base === null
  const busy = save.isPending || remove.isPending

  useEffect(() => {
    titleRef.current?.focus()
  }, [])

  // A 422 of the last save names the fields until the inputs change; then the live preview's answer does.
  const saveFields = FieldErrors.of(save.error)
  const errors = saveFields.size > 0 ? saveFields : FieldErrors.of(preview.result?.problem)
  const shown = shownPaths(draft)
  const writeError = save.error ?? remove.error

  function update(next: Draft) {
    setDraft(next)
    if (saveFields.size > 0) save.reset()
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    remove.reset()
    const body = toBody(draft)
    const json = JSON.stringify(body)
    // The same body may be sent again safely (a lost answer); a changed body is a new request.
    if (keyRef.current?.body !== json) keyRef.current = { body: json, key: newIdempotencyKey() }
    save.mutate({ body, itemId: base?.item.id ?? null, etag, idempotencyKey: keyRef.current.key })
  }

  function confirmDelete() {
    if (!base) return
    save.reset()
    remove.mutate({ itemId: base.item.id, etag })
  }

  return (
    <EditorFieldsContext.Provider value={{ idBase, errors }}>
      <form className="damage-editor claimant-form" onSubmit={submit} noValidate aria-labelledby={`${idBase}-title`} aria-busy={busy || undefined}>
        <h4 id={`${idBase}-title`} ref={titleRef} tabIndex={-1}>
          {t(isNew ? 'damageEditor.titleNew' : 'damageEditor.title', { head: headName })}
        </h4>
        {reloaded && <p className="notice">{t('damageEditor.reloaded')}</p>}
        {base && base.item.inputs === null && <p className="notice">{t('damageEditor.legacy', { amount: formatYen(base.item.amount) })}</p>}
        <fieldset>
          <legend>{t('damageEditor.inputs')}</legend>
          <GroupMessage path="inputs" />
          <HeadInputs value={draft.inputs} defaults={defaults} onChange={(inputs) => update({ ...draft, inputs })} />
        </fieldset>
        <DamagePreviewPanel state={preview} elsewhere={errors === saveFields ? [] : errors.elsewhere(shown, ['inputs.unbilled_months'])} />
        <fieldset>
          <legend>{t('damageEditor.more')}</legend>
          <InputField
            path="declared_amount"
            label={t('damages.declared')}
            kind="yen"
            unit="円"
            value={draft.declared_amount}
            hint={t('damageEditor.declaredHint')}
            onChange={(declared_amount) => update({ ...draft, declared_amount })}
          />
          <TextAreaField path="facts" label={t(`facts.${head}`)} value={draft.facts} onChange={(facts) => update({ ...draft, facts })} />
        </fieldset>
        <ExhibitPicker
          claimantId={claimantId}
          slot={base?.item.exhibit_slot ?? HEAD_EXHIBIT_SLOT[head]}
          linked={base?.item.exhibits ?? []}
          value={draft.exhibit_ids}
          onChange={(exhibit_ids) => update({ ...draft, exhibit_ids })}
        />

        <div className="editor-actions">
          <button type="submit" aria-disabled={busy || undefined}>
            {t('damageEditor.save')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('damageEditor.cancel')}
          </button>
          {!isNew && (
            <ConfirmInline
              trigger={t('damageEditor.delete')}
              question={t('damageEditor.confirmDelete', { head: headName })}
              confirmLabel={t('damageEditor.confirmDeleteYes')}
              cancelLabel={t('damageEditor.confirmDeleteNo')}
              className="confirm-delete warning"
              danger
              pending={busy}
              onConfirm={confirmDelete}
            />
          )}
        </div>

        <p role="status" className="write-status">
          {busy ? t('write.saving') : ''}
        </p>
        {writeError != null &&
          (isStale(writeError) ? (
            <div role="alert" className="notice">
              <p>{t('damageEditor.stale')}</p>
              <p className="hint">{t('damageEditor.staleHint')}</p>
              <button type="button" onClick={onReload}>
                {t('damageEditor.reload')}
              </button>
            </div>
          ) : (
            <ErrorAlert error={writeError} />
          ))}
      </form>
    </EditorFieldsContext.Provider>
  )
}
