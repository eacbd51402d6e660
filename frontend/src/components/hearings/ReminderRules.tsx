import { useId, useRef, useState, type FormEvent } from 'react'
import { formatDateTime } from '../../format'
import { useI18n, type Translate } from '../../i18n/i18n'
import { fieldError } from '../claimant/useClaimantWrite'
import { ErrorAlert } from '../ErrorAlert'
import { daysText, hearingKindKey, MAX_DAYS_BEFORE, MAX_REMINDERS, parseDays, type DaysProblem, type ReminderRule } from './hearings'
import { useReminderRules, useResetRule, useScope, useSetRule } from './hearingQueries'

const HOURS = Array.from({ length: 24 }, (_, h) => h)

/** 14日前・7日前・1日前 (当日 for 0); 送らない when there are none. */
export function daysLabel(days: readonly number[], t: Translate): string {
  if (days.length === 0) return t('hearings.rules.noReminders')
  const one = (d: number) =>
    d === 0 ? t('hearings.rules.sameDay') : d === 1 ? t('hearings.rules.oneDayBefore') : t('hearings.rules.daysBefore', { days: d })
  return days.map(one).join(t('hearings.rules.separator'))
}

function origin(rule: ReminderRule, t: Translate): string {
  if (rule.is_default) return t('hearings.rules.default')
  return t('hearings.rules.changed', { who: rule.updated_by ?? t('common.none'), at: formatDateTime(rule.updated_at) })
}

function problemText(problem: DaysProblem, t: Translate): string {
  switch (problem.problem) {
    case 'notNumber':
      return t('hearings.rules.problem.notNumber', { value: problem.value, max: MAX_DAYS_BEFORE })
    case 'range':
      return t('hearings.rules.problem.range', { value: problem.value, max: MAX_DAYS_BEFORE })
    case 'duplicate':
      return t('hearings.rules.problem.duplicate', { value: problem.value })
    case 'tooMany':
      return t('hearings.rules.problem.tooMany', { count: problem.count, max: MAX_REMINDERS })
  }
}

/**
 * When reminders go out, per kind of hearing: the days before the hearing's day and the hour (Japan time). Users
 * with notify:write change a kind (PUT) or put it back to the default (DELETE); others see the rules. A change
 * applies to hearings set or moved afterwards.
 */
export function ReminderRules() {
  const { t } = useI18n()
  const rules = useReminderRules()
  const { allowed: canWrite } = useScope('notify:write')

  return (
    <section aria-labelledby="reminder-rules-title" className="reminder-rules">
      <h2 id="reminder-rules-title">{t('hearings.rules.title')}</h2>
      <p className="hint">{t('hearings.rules.appliesLater')}</p>
      {rules.isError && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.isPending && <p role="status">{t('common.loading')}</p>}
      {rules.data &&
        (canWrite ? (
          <div className="rule-forms">
            {rules.data.map((rule) => (
              <RuleForm key={rule.hearing_kind} rule={rule} />
            ))}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption>{t('hearings.rules.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hearings.col.kind')}</th>
                  <th scope="col">{t('hearings.rules.days')}</th>
                  <th scope="col">{t('hearings.rules.hour')}</th>
                  <th scope="col">{t('hearings.rules.origin')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.map((rule) => (
                  <tr key={rule.hearing_kind}>
                    <th scope="row">{t(hearingKindKey(rule.hearing_kind))}</th>
                    <td>{daysLabel(rule.days_before, t)}</td>
                    <td>{t('hearings.rules.hourOption', { hour: rule.hour_jst })}</td>
                    <td>{origin(rule, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}

/** One kind's rule as a small form: the days (typed, comma-separated), the hour, save and reset. */
function RuleForm({ rule }: { rule: ReminderRule }) {
  const { t } = useI18n()
  const id = useId()
  const kindName = t(hearingKindKey(rule.hearing_kind))
  const save = useSetRule()
  const reset = useResetRule()
  // null: the rule as stored (after a save or reset the field shows what the API answered)
  const [days, setDays] = useState<string | null>(null)
  const [hour, setHour] = useState<number | null>(null)
  const [problem, setProblem] = useState<DaysProblem | null>(null)
  const [done, setDone] = useState('')
  const daysRef = useRef<HTMLInputElement>(null)
  const busy = save.isPending || reset.isPending
  const error = save.error ?? reset.error
  const shownDays = days ?? daysText(rule.days_before)
  const shownHour = hour ?? rule.hour_jst

  function edited() {
    setDone('')
    save.reset()
    reset.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const parsed = parseDays(shownDays)
    if ('problem' in parsed) {
      setProblem(parsed)
      daysRef.current?.focus()
      return
    }
    setProblem(null)
    edited()
    save.mutate(
      { kind: rule.hearing_kind, body: { days_before: parsed.days, hour_jst: shownHour } },
      {
        onSuccess: (saved) => {
          setDays(null)
          setHour(null)
          setDone(t('hearings.rules.saved', { kind: kindName, days: daysLabel(saved.days_before, t), hour: saved.hour_jst }))
        },
      },
    )
  }

  function toDefault() {
    if (busy) return
    setProblem(null)
    edited()
    reset.mutate(
      { kind: rule.hearing_kind },
      {
        onSuccess: () => {
          setDays(null)
          setHour(null)
          setDone(t('hearings.rules.resetDone', { kind: kindName }))
          // the reset button goes away with the change: keep the keyboard in this rule
          daysRef.current?.focus()
        },
      },
    )
  }

  const invalidDays = problem !== null || fieldError(save.error, 'days_before') || undefined
  return (
    <form className="rule-form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
      <fieldset>
        <legend>{kindName}</legend>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('hearings.rules.daysField')}</label>
          <input
            id={`${id}-days`}
            ref={daysRef}
            type="text"
            inputMode="text"
            autoComplete="off"
            value={shownDays}
            aria-invalid={invalidDays}
            aria-describedby={[`${id}-days-hint`, problem ? `${id}-days-problem` : null].filter(Boolean).join(' ')}
            onChange={(e) => {
              setDays(e.target.value)
              setProblem(null)
              edited()
            }}
          />
          <span id={`${id}-days-hint`} className="hint">
            {t('hearings.rules.daysHint', { max: MAX_DAYS_BEFORE, count: MAX_REMINDERS })}
          </span>
          {problem && (
            <p id={`${id}-days-problem`} className="field-error">
              {problemText(problem, t)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-hour`}>{t('hearings.rules.hour')}</label>
          <select
            id={`${id}-hour`}
            value={shownHour}
            aria-invalid={fieldError(save.error, 'hour_jst') || undefined}
            onChange={(e) => {
              setHour(Number(e.target.value))
              edited()
            }}
          >
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {t('hearings.rules.hourOption', { hour: h })}
              </option>
            ))}
          </select>
        </div>
        <p className="rule-origin">{origin(rule, t)}</p>
        <div className="rule-actions">
          <button type="submit" aria-disabled={busy || undefined}>
            {t('hearings.rules.save')}
            <span className="visually-hidden">{t('hearings.rules.which', { kind: kindName })}</span>
          </button>
          {!rule.is_default && (
            <button type="button" className="secondary" aria-disabled={busy || undefined} onClick={toDefault}>
              {t('hearings.rules.reset')}
              <span className="visually-hidden">{t('hearings.rules.which', { kind: kindName })}</span>
            </button>
          )}
        </div>
      </fieldset>
      <p role="status" className="write-status">
        {busy ? t('write.saving') : done}
      </p>
      {error != null && <ErrorAlert error={error} />}
    </form>
  )
}
