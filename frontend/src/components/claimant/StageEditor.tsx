import { useId, useState, type FormEvent } from 'react'
import { ApiError, claimsApi, unwrap } from '../../api/client'
import { useI18n } from '../../i18n/i18n'
import { STAGES, stagePosition, useCanWriteClaims, useClaimant, type Stage } from './claimantQueries'
import { fieldError, useClaimantWrite } from './useClaimantWrite'
import { WriteFeedback } from '../WriteFeedback'

interface StageMove {
  to_stage: Stage
  note: string | null
}

/** The stage to offer first: the next one, or the one before at the end. */
function nextStage(current: Stage): Stage {
  const i = stagePosition(current)
  return STAGES[i + 1] ?? STAGES[i - 1]
}

/**
 * The claimant's intake stage, and for users with claims:write a form to move it. Forward moves need the
 * checklist items of the target stage (the API answers 409 naming what is missing); moving back needs a note.
 */
export function StageEditor({ claimantId }: { claimantId: number }) {
  const { t, label } = useI18n()
  const id = useId()
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const [target, setTarget] = useState<Stage | null>(null)
  const [note, setNote] = useState('')
  const move = useClaimantWrite(claimantId, async (body: StageMove, headers) =>
    unwrap(
      await claimsApi.POST('/api/v1/claimants/{claimant_id}/stage', {
        params: { path: { claimant_id: claimantId } },
        body,
        headers,
      }),
    ),
  )

  if (!claimant) return null
  const current = claimant.stage
  const selected = target && target !== current ? target : nextStage(current)
  const back = stagePosition(selected) < stagePosition(current)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (move.isPending) return
    move.mutate(
      { to_stage: selected, note: note.trim() || null },
      {
        onSuccess: () => {
          setTarget(null)
          setNote('')
        },
      },
    )
  }

  return (
    <div className="stage-editor">
      <dl className="profile">
        <div className="dl-row">
          <dt>{t('intake.stage')}</dt>
          <dd>{label('stage', current, claimant.stage_label)}</dd>
        </div>
      </dl>
      {canWrite && (
        <form onSubmit={submit} aria-busy={move.isPending} className="claimant-form">
          <fieldset>
            <legend>{t('stageEditor.legend')}</legend>
            <div className="field">
              <label htmlFor={`${id}-target`}>{t('stageEditor.target')}</label>
              <select id={`${id}-target`} value={selected} onChange={(e) => setTarget(e.target.value as Stage)}>
                {STAGES.filter((s) => s !== current).map((s) => (
                  <option key={s} value={s}>
                    {stagePosition(s) < stagePosition(current)
                      ? t('stageEditor.backOption', { stage: label('stage', s) })
                      : label('stage', s)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-note`}>
                {t('stageEditor.note')}
                {back && <span className="required">{t('common.required')}</span>}
              </label>
              <textarea
                id={`${id}-note`}
                rows={2}
                maxLength={2000}
                value={note}
                required={back}
                aria-describedby={`${id}-note-hint`}
                aria-invalid={fieldError(move.error, 'note') || undefined}
                onChange={(e) => setNote(e.target.value)}
              />
              <p id={`${id}-note-hint`} className="hint">
                {back ? t('stageEditor.noteHintBack') : t('stageEditor.noteHint')}
              </p>
            </div>
            <button type="submit" aria-disabled={move.isPending || undefined}>
              {t('stageEditor.submit')}
            </button>
          </fieldset>
          <WriteFeedback
            pending={move.isPending}
            done={move.isSuccess ? t('stageEditor.done', { stage: label('stage', move.variables.to_stage) }) : null}
            error={move.error}
          >
            <StageRequirements error={move.error} />
          </WriteFeedback>
        </form>
      )}
    </div>
  )
}

/** The 409 "stage-requirements" problem carries missing_items and open_deficiencies: say them in words. */
function StageRequirements({ error }: { error: unknown }) {
  const { t, label } = useI18n()
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const problem = error.problem as { missing_items?: unknown; open_deficiencies?: unknown }
  const missing = Array.isArray(problem.missing_items) ? problem.missing_items.map(String) : []
  const open = typeof problem.open_deficiencies === 'number' ? problem.open_deficiencies : 0
  if (missing.length === 0 && open === 0) return null
  return (
    <ul className="plain requirements">
      {missing.length > 0 && (
        <li>{t('stageEditor.missing', { items: missing.map((item) => label('checklist', item)).join('、') })}</li>
      )}
      {open > 0 && <li>{t('stageEditor.openDeficiencies', { count: open })}</li>}
    </ul>
  )
}
