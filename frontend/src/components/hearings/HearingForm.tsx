import { useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { todayInTokyo } from '../claimant/claimantQueries'
import { fieldError, newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ErrorAlert } from '../ErrorAlert'
import { defaultKind, HEARING_KINDS, hearingKindKey, startsAtJst, type Hearing, type HearingCreate, type HearingKind, type Proceeding } from './hearings'
import { useCreateHearing } from './hearingQueries'

type Field = 'proceeding' | 'date' | 'time' | 'place' | 'online'

const PROBLEMS: Record<string, MessageKey> = {
  proceeding: 'hearings.form.proceedingRequired',
  date: 'hearings.form.dateRequired',
  time: 'hearings.form.timeRequired',
  past: 'hearings.form.past',
  place: 'hearings.form.placeRequired',
  online: 'hearings.form.onlineHttps',
}

/**
 * Schedules a hearing (hearings:write): the proceeding, the kind (its usual one preselected), the day and time in
 * Japan time, the place and an online URL. One Idempotency-Key per hearing: the same request sent again (a double
 * click, a retry after a network error) carries the same key, so claims-api makes one hearing and notify one set of
 * notices; a changed request, or the next hearing, gets a new key.
 */
export function HearingForm({ proceedings, onCreated }: { proceedings: Proceeding[]; onCreated: (hearing: Hearing) => void }) {
  const { t } = useI18n()
  const id = useId()
  const create = useCreateHearing()
  const [today] = useState(todayInTokyo)
  const [proceedingId, setProceedingId] = useState<number | null>(null)
  const [chosenKind, setKind] = useState<HearingKind | null>(null)
  const [date, setDate] = useState('')
  const [time, setTime] = useState('10:00')
  const [place, setPlace] = useState('')
  const [online, setOnline] = useState('')
  const [note, setNote] = useState('')
  const [problems, setProblems] = useState<Partial<Record<Field, MessageKey>>>({})
  const [done, setDone] = useState('')
  const attempt = useRef<{ body: string; key: string } | null>(null)
  const refs = {
    proceeding: useRef<HTMLSelectElement>(null),
    date: useRef<HTMLInputElement>(null),
    time: useRef<HTMLInputElement>(null),
    place: useRef<HTMLInputElement>(null),
    online: useRef<HTMLInputElement>(null),
  }

  const proceeding = proceedings.find((p) => p.id === proceedingId) ?? null
  const kind = chosenKind ?? defaultKind(proceeding?.kind)

  function edited() {
    setDone('')
    if (create.isError) create.reset()
  }

  function check(): Partial<Record<Field, MessageKey>> {
    const found: Partial<Record<Field, MessageKey>> = {}
    if (!proceeding) found.proceeding = PROBLEMS.proceeding
    if (!date) found.date = PROBLEMS.date
    if (!time) found.time = PROBLEMS.time
    if (date && time && Date.parse(startsAtJst(date, time)) <= Date.now()) found.date = PROBLEMS.past
    if (!place.trim()) found.place = PROBLEMS.place
    if (online.trim() && !/^https:\/\/\S+$/.test(online.trim())) found.online = PROBLEMS.online
    return found
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (create.isPending) return
    const found = check()
    setProblems(found)
    const first = (['proceeding', 'date', 'time', 'place', 'online'] as Field[]).find((f) => found[f])
    if (first) {
      refs[first].current?.focus()
      return
    }
    const body: HearingCreate = {
      proceeding_id: proceeding!.id,
      kind,
      starts_at: startsAtJst(date, time),
      place: place.trim(),
      note: note.trim(),
      ...(online.trim() ? { online_url: online.trim() } : {}),
    }
    const text = JSON.stringify(body)
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() }
    setDone('')
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (hearing) => {
          attempt.current = null
          setDate('')
          setPlace('')
          setOnline('')
          setNote('')
          setDone(t('hearings.form.created', { kind: t(hearingKindKey(hearing.kind)), name: proceeding!.name }))
          onCreated(hearing)
        },
      },
    )
  }

  const problemId = (field: Field) => (problems[field] ? `${id}-${field}-problem` : undefined)
  const invalid = (field: Field, ...apiFields: string[]) =>
    problems[field] !== undefined || apiFields.some((f) => fieldError(create.error, f)) || undefined
  const problemText = (field: Field) =>
    problems[field] && (
      <p id={problemId(field)} className="field-error">
        {t(problems[field])}
      </p>
    )
  const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined

  return (
    <section aria-labelledby={`${id}-title`} className="hearing-form-section">
      <h2 id={`${id}-title`}>{t('hearings.form.title')}</h2>
      <form className="hearing-form" onSubmit={submit} noValidate aria-busy={create.isPending || undefined}>
        <div className="field">
          <label htmlFor={`${id}-proceeding`}>
            {t('hearings.form.proceeding')}
            <span className="required">{t('hearings.form.required')}</span>
          </label>
          <select
            id={`${id}-proceeding`}
            ref={refs.proceeding}
            value={proceedingId ?? ''}
            aria-invalid={invalid('proceeding', 'proceeding_id')}
            aria-describedby={describedBy(problemId('proceeding'), proceeding ? `${id}-court` : undefined)}
            onChange={(e) => {
              setProceedingId(e.target.value ? Number(e.target.value) : null)
              setKind(null)
              edited()
            }}
          >
            <option value="">{t('hearings.form.choose')}</option>
            {proceedings.map((p) => (
              <option key={p.id} value={p.id}>
                {t('hearings.form.proceedingOption', { name: p.name, kind: t(`hearings.proceedingKind.${p.kind}`), members: p.member_count })}
              </option>
            ))}
          </select>
          {proceeding && (
            <span id={`${id}-court`} className="hint">
              {t('hearings.form.court', { court: proceeding.court })}
            </span>
          )}
          {problemText('proceeding')}
        </div>

        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('hearings.form.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            aria-invalid={fieldError(create.error, 'kind') || undefined}
            onChange={(e) => {
              setKind(e.target.value as HearingKind)
              edited()
            }}
          >
            {HEARING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(hearingKindKey(k))}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="when">
          <legend>
            {t('hearings.form.when')}
            <span className="required">{t('hearings.form.required')}</span>
          </legend>
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('hearings.form.date')}</label>
            <input
              id={`${id}-date`}
              ref={refs.date}
              type="date"
              min={today}
              value={date}
              aria-invalid={invalid('date', 'starts_at')}
              aria-describedby={describedBy(problemId('date'), `${id}-when-hint`)}
              onChange={(e) => {
                setDate(e.target.value)
                edited()
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-time`}>{t('hearings.form.time')}</label>
            <input
              id={`${id}-time`}
              ref={refs.time}
              type="time"
              step={300}
              value={time}
              aria-invalid={invalid('time', 'starts_at')}
              aria-describedby={describedBy(problemId('time'), `${id}-when-hint`)}
              onChange={(e) => {
                setTime(e.target.value)
                edited()
              }}
            />
          </div>
          <span id={`${id}-when-hint`} className="hint">
            {t('hearings.form.whenHint')}
          </span>
          {problemText('date')}
          {problemText('time')}
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-place`}>
            {t('hearings.form.place')}
            <span className="required">{t('hearings.form.required')}</span>
          </label>
          <input
            id={`${id}-place`}
            ref={refs.place}
            type="text"
            maxLength={300}
            value={place}
            aria-invalid={invalid('place', 'place')}
            aria-describedby={describedBy(problemId('place'), `${id}-place-hint`)}
            onChange={(e) => {
              setPlace(e.target.value)
              edited()
            }}
          />
          <span id={`${id}-place-hint`} className="hint">
            {t('hearings.form.placeHint')}
          </span>
          {problemText('place')}
        </div>

        <div className="field">
          <label htmlFor={`${id}-online`}>
            {t('hearings.form.online')}
            <span className="hint"> {t('hearings.form.optional')}</span>
          </label>
          <input
            id={`${id}-online`}
            ref={refs.online}
            type="url"
            inputMode="url"
            maxLength={500}
            placeholder="https://"
            value={online}
            aria-invalid={invalid('online', 'online_url')}
            aria-describedby={describedBy(problemId('online'), `${id}-online-hint`)}
            onChange={(e) => {
              setOnline(e.target.value)
              edited()
            }}
          />
          <span id={`${id}-online-hint`} className="hint">
            {t('hearings.form.onlineHint')}
          </span>
          {problemText('online')}
        </div>

        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t('hearings.form.note')}
            <span className="hint"> {t('hearings.form.optional')}</span>
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            aria-invalid={fieldError(create.error, 'note') || undefined}
            onChange={(e) => {
              setNote(e.target.value)
              edited()
            }}
          />
        </div>

        <p className="hint">{t('hearings.form.noticeHint')}</p>
        <button type="submit" aria-disabled={create.isPending || undefined}>
          {create.isPending ? t('hearings.form.submitting') : t('hearings.form.submit')}
        </button>
      </form>
      <p role="status" className="write-status">
        {done}
      </p>
      {create.isError && <ErrorAlert error={create.error} />}
    </section>
  )
}
