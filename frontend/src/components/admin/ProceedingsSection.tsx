import { useRef } from 'react'
import { useSearchParams } from 'react-router-dom'
import { formatCount, formatDate } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { useProceedings } from '../documents/renderQueries'
import { ErrorAlert } from '../ErrorAlert'
import { proceedingKindKey, proceedingStatusKey } from './admin'
import { MembersPanel } from './MembersPanel'
import { CreateProceedingForm, EditProceedingForm } from './ProceedingForm'

/**
 * The case's proceedings (mediations, the lawsuit) with their member counts; the one selected (?proceeding=, so a
 * reload shows it again) opens its edit form (cases:write) and its members (adding and removing: claims:write).
 */
export function ProceedingsSection({ caseId, canWriteCases, canWriteClaims }: { caseId: number; canWriteCases: boolean; canWriteClaims: boolean }) {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const proceedings = useProceedings(caseId)
  const selectedId = Number(params.get('proceeding')) || null
  const selected = proceedings.data?.find((p) => p.id === selectedId) ?? null
  // the buttons that open each proceeding: 閉じる goes away with the panel, the focus goes back to its row's button
  const openButtons = useRef(new Map<number, HTMLButtonElement>())
  const headingRef = useRef<HTMLHeadingElement>(null)

  function close(id: number) {
    select(null)
    const button = openButtons.current.get(id)
    if (button) button.focus()
    else headingRef.current?.focus()
  }

  function select(id: number | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (id === null) next.delete('proceeding')
        else next.set('proceeding', String(id))
        return next
      },
      { replace: true },
    )
  }

  return (
    <section aria-labelledby="proceedings-title">
      <h2 id="proceedings-title" ref={headingRef} tabIndex={-1}>
        {t('admin.proceedings.title')}
      </h2>
      {proceedings.isError && <ErrorAlert error={proceedings.error} onRetry={() => void proceedings.refetch()} />}
      {proceedings.isPending && <p role="status">{t('common.loading')}</p>}
      {proceedings.data && proceedings.data.length === 0 && <p>{t('admin.proceedings.empty')}</p>}
      {proceedings.data && proceedings.data.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('admin.proceedings.caption', { count: proceedings.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.proceeding.name')}</th>
                <th scope="col">{t('admin.proceeding.kind')}</th>
                <th scope="col">{t('admin.proceeding.court')}</th>
                <th scope="col">{t('admin.proceeding.case_number')}</th>
                <th scope="col">{t('admin.proceeding.filed_on')}</th>
                <th scope="col">{t('admin.proceeding.status')}</th>
                <th scope="col" className="num">
                  {t('admin.proceeding.members')}
                </th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {proceedings.data.map((p) => (
                <tr key={p.id} className={p.id === selectedId ? 'selected' : undefined} aria-current={p.id === selectedId ? 'true' : undefined}>
                  <th scope="row">{p.name}</th>
                  <td>{t(proceedingKindKey(p.kind))}</td>
                  <td>{p.court}</td>
                  <td>{p.case_number ?? t('common.none')}</td>
                  <td>{formatDate(p.filed_on)}</td>
                  <td>{p.status ? t(proceedingStatusKey(p.status)) : t('common.none')}</td>
                  <td className="num">{t('admin.proceedings.memberCount', { count: formatCount(p.member_count ?? 0) })}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={p.id === selectedId}
                      ref={(button) => {
                        if (button) openButtons.current.set(p.id, button)
                        else openButtons.current.delete(p.id)
                      }}
                      onClick={() => select(p.id === selectedId ? null : p.id)}
                    >
                      {canWriteCases ? t('admin.proceedings.open') : t('admin.proceedings.openMembers')}
                      <span className="visually-hidden">{t('admin.which', { name: p.name })}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selectedId !== null && proceedings.data && !selected && <p className="notice">{t('admin.proceedings.unknown', { id: selectedId })}</p>}
      {selected && (
        <div className="proceeding-panel">
          {canWriteCases && <EditProceedingForm caseId={caseId} proceedingId={selected.id} />}
          <MembersPanel key={selected.id} caseId={caseId} proceeding={selected} canWrite={canWriteClaims} />
          <button type="button" className="secondary" onClick={() => close(selected.id)}>
            {t('admin.proceedings.close')}
          </button>
        </div>
      )}
      {canWriteCases && <CreateProceedingForm caseId={caseId} onCreated={(p) => select(p.id)} />}
    </section>
  )
}
