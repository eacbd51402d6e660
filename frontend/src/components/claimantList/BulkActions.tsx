import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react'
import { formatCount as n } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { STAGES } from '../claimant/claimantQueries'
import { addMember, moveStage, STAGE_CONCURRENCY, useBulk, type BulkResult, type BulkRun, type Target } from './bulk'
import type { Stage } from './listParams'
import { RemindAction } from './RemindAction'
import { ResultsTable, type ResultRow } from './ResultsTable'

interface ProceedingOption {
  id: number
  name: string
}

interface Props {
  targets: Target[]
  /** the targets are every claimant matching the list's filters, not only rows ticked */
  matching?: boolean
  proceedings: ProceedingOption[]
  onClearSelection: () => void
}

/**
 * 一括操作 on the selected claimants (claims:write only): move their stage (the stage rules may refuse some: each
 * claimant's answer is listed), add them to a proceeding, or (notify:write) send them the intake reminder now.
 * A long run shows its progress and can be stopped.
 */
export function BulkActions({ targets, matching = false, proceedings, onClearSelection }: Props) {
  const { t } = useI18n()
  const id = useId()
  const bulk = useBulk()
  const [stage, setStage] = useState('')
  const [note, setNote] = useState('')
  const [proceeding, setProceeding] = useState('')
  const [missing, setMissing] = useState<'stage' | 'proceeding' | null>(null)
  const stageRef = useRef<HTMLSelectElement>(null)
  const proceedingRef = useRef<HTMLSelectElement>(null)
  // stable places for the focus when the control that had it goes away (選択を解除, 中止, 結果を閉じる)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const countRef = useRef<HTMLSpanElement>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)
  const stopping = useRef(false)
  const wasRunning = useRef(false)
  const running = bulk.run?.running ?? false
  const count = targets.length
  // the stop button goes with the run: when it was pressed, or had the focus as the run ended, the focus goes to
  // what the run ended with
  useEffect(() => {
    if (running) {
      wasRunning.current = true
      return
    }
    if (!wasRunning.current) return
    wasRunning.current = false
    if (stopping.current || document.activeElement === document.body) statusRef.current?.focus()
    stopping.current = false
  }, [running])

  function move(event: FormEvent) {
    event.preventDefault()
    if (running || count === 0) return
    if (!stage) {
      setMissing('stage')
      stageRef.current?.focus()
      return
    }
    setMissing(null)
    void bulk.start(
      t('claimantList.bulk.stage'),
      targets,
      (claimantId) => moveStage(claimantId, stage as Stage, note),
      STAGE_CONCURRENCY,
    )
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
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('claimantList.bulk.title')}
      </h2>
      <p className="bulk-count">
        <span role="status" ref={countRef} tabIndex={-1}>
          {t(matching ? 'claimantList.selectedMatching' : 'claimantList.selected', { count: n(count) })}
        </span>{' '}
        {count > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              onClearSelection()
              countRef.current?.focus()
            }}
          >
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
            {t('claimantList.bulk.moveSubmit', { count: n(count) })}
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
            {t('claimantList.bulk.addSubmit', { count: n(count) })}
          </button>
        </form>
        <RemindAction targets={targets} disabled={running} />
      </div>
      <p className="hint">{t('claimantList.bulk.noReminder')}</p>
      <div className={bulk.run ? 'bulk-results' : undefined}>
        <BulkStatus run={bulk.run} statusRef={statusRef} />
        {bulk.run && (
          <BulkResults
            run={bulk.run}
            onCancel={() => {
              stopping.current = true
              bulk.cancel()
            }}
            onClose={() => {
              bulk.clear()
              headingRef.current?.focus()
            }}
          />
        )}
      </div>
    </section>
  )
}

/** With more results than this, the table starts with the failures only (the rest one tick away). */
const FAILURES_FIRST_OVER = 50

/** How many answers a run has so far, and how many of them failed. */
function tally(run: BulkRun) {
  const done = run.results.length
  const ok = run.results.filter((r) => r.ok).length
  return { done, ok, failed: done - ok }
}

/**
 * The run's live region, there (empty) before any run: while running, the progress in tenths (a screen reader hears
 * that, not every one of thousands of answers); at the end, the summary. One element whose text changes, since a
 * region mounted with its text already in it is not announced by many screen readers.
 */
function BulkStatus({ run, statusRef }: { run: BulkRun | null; statusRef: RefObject<HTMLParagraphElement | null> }) {
  const { t } = useI18n()
  let text = ''
  let className = 'visually-hidden'
  if (run?.running) {
    const step = Math.max(1, Math.ceil(run.total / 10))
    const spoken = Math.floor(run.results.length / step) * step
    text = t('claimantList.bulk.progress', { done: n(spoken), total: n(run.total) })
  } else if (run) {
    const { done, ok, failed } = tally(run)
    text = t('claimantList.bulk.summary', { action: run.action, ok: n(ok), failed: n(failed) })
    if (run.cancelled) text += ` ${t('claimantList.bulk.cancelled', { left: n(run.total - done) })}`
    className = failed > 0 ? 'bulk-summary has-failures' : 'bulk-summary'
  }
  return (
    <p role="status" ref={statusRef} tabIndex={-1} className={className}>
      {text}
    </p>
  )
}

function BulkResults({ run, onCancel, onClose }: { run: BulkRun; onCancel: () => void; onClose: () => void }) {
  const { t } = useI18n()
  const id = useId()
  const { done, ok, failed } = tally(run)
  const [onlyFailed, setOnlyFailed] = useState<boolean | null>(null)
  const showOnlyFailed = failed > 0 && ok > 0 && (onlyFailed ?? done > FAILURES_FIRST_OVER)
  const rows = showOnlyFailed ? run.results.filter((r) => !r.ok) : run.results
  const resultRow = (r: BulkResult): ResultRow => ({
    id: r.id,
    name: r.name,
    ok: r.ok,
    text: r.ok
      ? r.number === undefined
        ? t('claimantList.bulk.ok')
        : t('claimantList.bulk.okMember', { number: r.number })
      : t('claimantList.bulk.failed', { reason: r.reason ?? '' }),
  })
  return (
    <>
      {run.running && (
        <div className="job-progress">
          <progress aria-label={run.action} value={done} max={run.total} />
          <span aria-hidden="true">
            {t('claimantList.bulk.progress', { done: n(done), total: n(run.total) })}
            {failed > 0 && t('claimantList.bulk.progressFailed', { failed: n(failed) })}
          </span>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('claimantList.bulk.cancel')}
          </button>
        </div>
      )}
      {!run.running && failed > 0 && ok > 0 && (
        <label className="bulk-only-failed" htmlFor={`${id}-only-failed`}>
          <input
            id={`${id}-only-failed`}
            type="checkbox"
            checked={showOnlyFailed}
            onChange={(e) => setOnlyFailed(e.target.checked)}
          />{' '}
          {t('claimantList.bulk.onlyFailed')}
        </label>
      )}
      {!run.running && done > 0 && <ResultsTable caption={t('claimantList.bulk.resultCaption')} rows={rows.map(resultRow)} notOk="failed" />}
      {!run.running && (
        <button type="button" className="secondary" onClick={onClose}>
          {t('claimantList.bulk.close')}
        </button>
      )}
    </>
  )
}
