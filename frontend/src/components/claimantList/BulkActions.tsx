import { useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import { STAGES } from '../claimant/claimantQueries'
import { addMember, moveStage, useBulk, type BulkRun, type Target } from './bulk'
import type { Stage } from './listParams'
import { RemindAction } from './RemindAction'

interface ProceedingOption {
  id: number
  name: string
}

interface Props {
  targets: Target[]
  proceedings: ProceedingOption[]
  onClearSelection: () => void
}

/**
 * 一括操作 on the selected claimants (claims:write only): move their stage (the stage rules may refuse some: each
 * claimant's answer is listed), add them to a proceeding, or (notify:write) send them the intake reminder now.
 */
export function BulkActions({ targets, proceedings, onClearSelection }: Props) {
  const { t } = useI18n()
  const id = useId()
  const bulk = useBulk()
  const [stage, setStage] = useState('')
  const [note, setNote] = useState('')
  const [proceeding, setProceeding] = useState('')
  const [missing, setMissing] = useState<'stage' | 'proceeding' | null>(null)
  const stageRef = useRef<HTMLSelectElement>(null)
  const proceedingRef = useRef<HTMLSelectElement>(null)
  const running = bulk.run?.running ?? false
  const count = targets.length

  function move(event: FormEvent) {
    event.preventDefault()
    if (running || count === 0) return
    if (!stage) {
      setMissing('stage')
      stageRef.current?.focus()
      return
    }
    setMissing(null)
    void bulk.start(t('claimantList.bulk.stage'), targets, (claimantId) => moveStage(claimantId, stage as Stage, note))
  }

  function add(event: FormEvent) {
    event.preventDefault()
    if (running || count === 0) return
    if (!proceeding) {
      setMissing('proceeding')
      proceedingRef.current?.focus()
      return
    }
    setMissing(null)
    const proceedingId = Number(proceeding)
    void bulk.start(t('claimantList.bulk.proceeding'), targets, (claimantId) => addMember(proceedingId, claimantId))
  }

  return (
    <section className="bulk-actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('claimantList.bulk.title')}</h2>
      <p className="bulk-count">
        <span role="status">{t('claimantList.selected', { count: count.toLocaleString('ja-JP') })}</span>{' '}
        {count > 0 && (
          <button type="button" className="secondary" onClick={onClearSelection}>
            {t('claimantList.clearSelection')}
          </button>
        )}
      </p>
      <div className="bulk-forms">
        <form onSubmit={move} noValidate aria-label={t('claimantList.bulk.stage')}>
          <div className="field">
            <label htmlFor={`${id}-stage`}>{t('claimantList.bulk.toStage')}</label>
            <select
              id={`${id}-stage`}
              ref={stageRef}
              value={stage}
              aria-invalid={missing === 'stage' || undefined}
              aria-describedby={missing === 'stage' ? `${id}-stage-error` : undefined}
              onChange={(e) => setStage(e.target.value)}
            >
              <option value="">—</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
            {missing === 'stage' && (
              <p id={`${id}-stage-error`} className="field-error">
                {t('claimantList.bulk.chooseStage')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('claimantList.bulk.note')}</label>
            <input id={`${id}-note`} type="text" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" aria-disabled={running || count === 0 || undefined}>
            {t('claimantList.bulk.moveSubmit', { count })}
          </button>
        </form>
        <form onSubmit={add} noValidate aria-label={t('claimantList.bulk.proceeding')}>
          <div className="field">
            <label htmlFor={`${id}-proceeding`}>{t('claimantList.bulk.toProceeding')}</label>
            <select
              id={`${id}-proceeding`}
              ref={proceedingRef}
              value={proceeding}
              aria-invalid={missing === 'proceeding' || undefined}
              aria-describedby={missing === 'proceeding' ? `${id}-proceeding-error` : undefined}
              onChange={(e) => setProceeding(e.target.value)}
            >
              <option value="">—</option>
              {proceedings.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {missing === 'proceeding' && (
              <p id={`${id}-proceeding-error`} className="field-error">
                {t('claimantList.bulk.chooseProceeding')}
              </p>
            )}
          </div>
          <button type="submit" aria-disabled={running || count === 0 || undefined}>
            {t('claimantList.bulk.addSubmit', { count })}
          </button>
        </form>
        <RemindAction targets={targets} disabled={running} />
      </div>
      <p className="hint">{t('claimantList.bulk.noReminder')}</p>
      {bulk.run && <BulkResults run={bulk.run} onClose={bulk.clear} />}
    </section>
  )
}

function BulkResults({ run, onClose }: { run: BulkRun; onClose: () => void }) {
  const { t } = useI18n()
  const done = run.results.length
  const ok = run.results.filter((r) => r.ok).length
  return (
    <div className="bulk-results">
      {run.running ? (
        <div className="job-progress">
          <progress aria-label={run.action} value={done} max={run.total} />
          <span role="status">{t('claimantList.bulk.progress', { done, total: run.total })}</span>
        </div>
      ) : (
        <p role="status" className={done - ok > 0 ? 'bulk-summary has-failures' : 'bulk-summary'}>
          {t('claimantList.bulk.summary', { action: run.action, ok, failed: done - ok })}
        </p>
      )}
      {done > 0 && (
        <table className="data bulk-table">
          <caption>{t('claimantList.bulk.resultCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('claimantList.bulk.claimant')}</th>
              <th scope="col">{t('claimantList.bulk.result')}</th>
            </tr>
          </thead>
          <tbody>
            {run.results.map((r) => (
              <tr key={r.id} className={r.ok ? undefined : 'failed'}>
                <th scope="row">
                  {r.name} <span className="hint">#{r.id}</span>
                </th>
                <td>
                  {r.ok
                    ? r.number === undefined
                      ? t('claimantList.bulk.ok')
                      : t('claimantList.bulk.okMember', { number: r.number })
                    : t('claimantList.bulk.failed', { reason: r.reason ?? '' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!run.running && (
        <button type="button" className="secondary" onClick={onClose}>
          {t('claimantList.bulk.close')}
        </button>
      )}
    </div>
  )
}
