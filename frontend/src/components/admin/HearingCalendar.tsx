import { useRef, useState, type KeyboardEvent } from 'react'
import { Link } from 'react-router-dom'
import { dayInTokyo, todayInTokyo } from '../../dates'
import { formatDateWeekday, formatMonth, formatTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { hearingKindKey } from '../hearings/hearings'
import { addDays, addMonths, hearingsByDay, initialDay, monthOf, monthWeeks, type Day, type Hearing, type Proceeding } from './admin'
import { useAllHearings } from './adminQueries'

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/**
 * The hearings of the case's proceedings on a month grid (read only: the 期日 page schedules them). Arrow keys move
 * a day or a week, Home/End to the week's ends, PageUp/PageDown a month; each hearing links to the 期日 page.
 */
export function HearingCalendar({ proceedings }: { proceedings: Proceeding[] }) {
  const { t } = useI18n()
  const hearings = useAllHearings()
  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('admin.calendar.title')}</h2>
      <p className="hint">
        {t('admin.calendar.hint')} <Link to="/hearings">{t('admin.calendar.toHearings')}</Link>
      </p>
      {hearings.isError && <ErrorAlert error={hearings.error} onRetry={() => void hearings.refetch()} />}
      {hearings.isPending && <p role="status">{t('common.loading')}</p>}
      {hearings.data && <Month hearings={hearings.data.filter((h) => proceedings.some((p) => p.id === h.proceeding_id))} proceedings={proceedings} />}
    </section>
  )
}

function Month({ hearings, proceedings }: { hearings: Hearing[]; proceedings: Proceeding[] }) {
  const { t } = useI18n()
  const today = todayInTokyo()
  const [focused, setFocused] = useState<Day>(() => initialDay(hearings, today))
  const gridRef = useRef<HTMLTableElement>(null)
  const byDay = hearingsByDay(hearings)
  const weeks = monthWeeks(focused)
  const month = monthOf(focused)
  // dates as everywhere in the app (format.ts), in English too: 2027年1月14日(木)
  const monthLabel = formatMonth(`${month}-01`)
  const proceedingName = (id: number) => proceedings.find((p) => p.id === id)?.name ?? ''
  const inMonth = hearings.filter((h) => monthOf(dayInTokyo(h.starts_at)) === month).length

  function move(next: Day) {
    setFocused(next)
    // the cell of the day is rendered by the next render; focus it then
    requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-day="${next}"]`)?.focus())
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableCellElement>, day: Day) {
    const steps: Record<string, () => Day> = {
      ArrowLeft: () => addDays(day, -1),
      ArrowRight: () => addDays(day, 1),
      ArrowUp: () => addDays(day, -7),
      ArrowDown: () => addDays(day, 7),
      Home: () => addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay()),
      End: () => addDays(day, 6 - new Date(`${day}T00:00:00Z`).getUTCDay()),
      PageUp: () => addMonths(day, -1),
      PageDown: () => addMonths(day, 1),
    }
    const step = steps[event.key]
    if (!step || event.target !== event.currentTarget) return
    event.preventDefault()
    move(step())
  }

  return (
    <>
      <div className="calendar-head">
        <button type="button" className="secondary" onClick={() => setFocused(addMonths(focused, -1))}>
          {t('admin.calendar.prev')}
        </button>
        <h3 id="calendar-month" aria-live="polite">
          {monthLabel}
        </h3>
        <button type="button" className="secondary" onClick={() => setFocused(addMonths(focused, 1))}>
          {t('admin.calendar.next')}
        </button>
        <button type="button" className="secondary" onClick={() => setFocused(today)}>
          {t('admin.calendar.today')}
        </button>
        <span className="count">{t('admin.calendar.count', { count: inMonth })}</span>
      </div>
      <p id="calendar-keys" className="hint">
        {t('admin.calendar.keys')}
      </p>
      <table className="calendar" role="grid" ref={gridRef} aria-labelledby="calendar-month" aria-describedby="calendar-keys">
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {t(`admin.calendar.wd.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const list = byDay.get(day) ?? []
                const classes = [monthOf(day) !== month ? 'other-month' : '', day === today ? 'today' : ''].filter(Boolean).join(' ')
                return (
                  <td
                    key={day}
                    role="gridcell"
                    data-day={day}
                    tabIndex={day === focused ? 0 : -1}
                    className={classes || undefined}
                    aria-selected={day === focused}
                    aria-label={`${formatDateWeekday(day)}${list.length ? t('admin.calendar.dayCount', { count: list.length }) : ''}`}
                    onKeyDown={(e) => onKeyDown(e, day)}
                    onFocus={(e) => {
                      if (e.target === e.currentTarget && day !== focused) setFocused(day)
                    }}
                  >
                    <span className="day-number" aria-hidden="true">
                      {Number(day.slice(8))}
                    </span>
                    {list.length > 0 && (
                      <ul>
                        {list.map((h) => (
                          <li key={h.id} className={h.status === 'cancelled' ? 'cancelled' : undefined}>
                            <Link to={`/hearings?hearing=${h.id}`} tabIndex={day === focused ? 0 : -1}>
                              {formatTime(h.starts_at)} {t(hearingKindKey(h.kind))}
                              <span className="visually-hidden">
                                {' '}
                                {proceedingName(h.proceeding_id)} {h.place}
                                {h.status === 'cancelled' ? ` ${t('admin.calendar.cancelled')}` : ''}
                              </span>
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
