import './exhibits.css'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { claimsApi, unwrap } from '../../api/client'
import { formatCount, formatDate, formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useCanWriteClaims, useClaimant } from '../claimant/claimantQueries'
import { ErrorAlert } from '../ErrorAlert'
import { ExhibitForm } from './ExhibitForm'
import { formatSize, SLOTS, useClaimantExhibits, type Exhibit, type ExhibitVersion } from './exhibitQueries'
import { ExhibitUpload } from './ExhibitUpload'

const slotKey = (slot: number) => `claimantPage.slot.${slot}` as MessageKey

function openUrl(url: string, filename: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = filename // ignored across origins; the storage names the file
  link.rel = 'noopener'
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}

/**
 * 証拠: the claimant's own exhibits (甲第N号証のM) by slot of the damage schedule (甲＿の1 … の6), each with its
 * description and current file (name, size, SHA-256). Users with claims:write add an exhibit to a slot, change its
 * description and upload its file; everyone may download the current file.
 */
export function ExhibitsSection({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  const exhibits = useClaimantExhibits(claimantId)
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const unslotted = exhibits.data?.filter((e) => !isSlot(e.slot)) ?? []

  return (
    <section aria-labelledby="exhibits-title" className="exhibits-section">
      <h2 id="exhibits-title">{t('claimantPage.exhibits.title')}</h2>
      <p className="hint">{t('claimantPage.exhibits.hint')}</p>
      {exhibits.isError && <ErrorAlert error={exhibits.error} onRetry={() => void exhibits.refetch()} />}
      {exhibits.isLoading && <p role="status">{t('common.loading')}</p>}
      {exhibits.data && (
        <ol className="exhibit-slots">
          {SLOTS.map((slot) => (
            <li key={slot}>
              <SlotCard
                claimantId={claimantId}
                caseId={claimant?.case_id ?? null}
                slot={slot}
                exhibits={exhibits.data.filter((e) => e.slot === slot)}
                canWrite={canWrite}
              />
            </li>
          ))}
          {unslotted.length > 0 && (
            <li>
              <UnslottedCard claimantId={claimantId} exhibits={unslotted} canWrite={canWrite} />
            </li>
          )}
        </ol>
      )}
    </section>
  )
}

const isSlot = (slot: number | null | undefined) => (SLOTS as readonly (number | null | undefined)[]).includes(slot)

/** Exhibits in none of the six slots: listed on their own, not under one of them (nothing is added here). */
function UnslottedCard({ claimantId, exhibits, canWrite }: { claimantId: number; exhibits: Exhibit[]; canWrite: boolean }) {
  const { t } = useI18n()
  const id = useId()
  return (
    <article className="exhibit-slot" aria-labelledby={`${id}-title`}>
      <header className="exhibit-slot-header">
        <h3 id={`${id}-title`}>{t('forms.exhibits.noSlot')}</h3>
      </header>
      <p className="hint">{t('forms.exhibits.noSlotHint')}</p>
      {exhibits.map((exhibit) => (
        <ExhibitCard key={exhibit.id} claimantId={claimantId} exhibit={exhibit} canWrite={canWrite} />
      ))}
    </article>
  )
}

function SlotCard({
  claimantId,
  caseId,
  slot,
  exhibits,
  canWrite,
}: {
  claimantId: number
  caseId: number | null
  slot: number
  exhibits: Exhibit[]
  canWrite: boolean
}) {
  const { t } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [adding, setAdding] = useState(false)
  const [message, setMessage] = useState('')
  const name = t(slotKey(slot))

  function close(done: string) {
    flushSync(() => {
      setAdding(false)
      setMessage(done)
    })
    headingRef.current?.focus()
  }

  return (
    <article className="exhibit-slot" aria-labelledby={`${id}-title`}>
      <header className="exhibit-slot-header">
        <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {t('claimantPage.slot.heading', { slot, name })}
        </h3>
        {canWrite && caseId !== null && !adding && (
          <button
            type="button"
            onClick={() => {
              setMessage('')
              setAdding(true)
            }}
          >
            {t('claimantPage.exhibit.add')}
            <span className="visually-hidden">{t('claimantPage.exhibit.addTo', { name })}</span>
          </button>
        )}
      </header>
      <p role="status" className="write-status">
        {message}
      </p>
      {adding && caseId !== null && (
        <ExhibitForm mode="create" claimantId={claimantId} caseId={caseId} slot={slot} slotName={name} onDone={close} onCancel={() => close('')} />
      )}
      {exhibits.length === 0 && !adding && <p className="hint">{t('claimantPage.exhibits.none')}</p>}
      {exhibits.map((exhibit) => (
        <ExhibitCard key={exhibit.id} claimantId={claimantId} exhibit={exhibit} canWrite={canWrite} />
      ))}
    </article>
  )
}

function ExhibitCard({ claimantId, exhibit, canWrite }: { claimantId: number; exhibit: Exhibit; canWrite: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [editing, setEditing] = useState(false)
  const [message, setMessage] = useState('')
  const none = t('common.none')
  const file = exhibit.current_version

  function close(done: string) {
    flushSync(() => {
      setEditing(false)
      setMessage(done)
    })
    headingRef.current?.focus()
  }

  return (
    <section className="exhibit-card" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        <span className="exhibit-label">{exhibit.label}</span> {exhibit.title}
      </h4>
      <p role="status" className="write-status">
        {message}
      </p>
      {editing ? (
        <ExhibitForm mode="edit" claimantId={claimantId} exhibit={exhibit} onDone={close} onCancel={() => close('')} />
      ) : (
        <>
          <dl className="exhibit-meta">
            <div className="dl-row">
              <dt>{t('claimantPage.exhibit.originalOrCopy')}</dt>
              <dd>{t(`claimantPage.exhibit.${exhibit.original_or_copy}`)}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('claimantPage.exhibit.madeOn')}</dt>
              <dd>{exhibit.made_on ? formatDate(exhibit.made_on) : t('claimantPage.exhibit.unknownDate')}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('claimantPage.exhibit.author')}</dt>
              <dd>{exhibit.author || none}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('claimantPage.exhibit.purpose')}</dt>
              <dd className="pre">{exhibit.purpose || none}</dd>
            </div>
            {exhibit.note && (
              <div className="dl-row">
                <dt>{t('claimantPage.exhibit.note')}</dt>
                <dd className="pre">{exhibit.note}</dd>
              </div>
            )}
            <div className="dl-row">
              <dt>{t('claimantPage.exhibit.file')}</dt>
              <dd>{file ? <FileInfo exhibit={exhibit} file={file} /> : t('claimantPage.exhibit.noFile')}</dd>
            </div>
          </dl>
          {canWrite && (
            <button
              type="button"
              onClick={() => {
                setMessage('')
                setEditing(true)
              }}
            >
              {t('claimantPage.exhibit.edit')}
              <span className="visually-hidden">{t('claimantPage.exhibit.which', { label: exhibit.label })}</span>
            </button>
          )}
          {file && file.version > 1 && <VersionList exhibit={exhibit} />}
        </>
      )}
      {/* kept while the description is edited: leaving the page (unmounting) stops an upload */}
      {canWrite && <ExhibitUpload claimantId={claimantId} exhibitId={exhibit.id} label={exhibit.label} />}
    </section>
  )
}

function FileInfo({ exhibit, file }: { exhibit: Exhibit; file: ExhibitVersion }) {
  const { t } = useI18n()
  return (
    <div className="exhibit-file">
      <span>
        {t('claimantPage.file.nameSizeBytes', { name: file.filename, size: formatSize(file.size), bytes: formatCount(file.size) })}
      </span>
      <span>{t('claimantPage.file.version', { version: file.version, at: formatDateTime(file.uploaded_at), by: file.uploaded_by })}</span>
      <span className="hash">
        SHA-256: <code data-testid="stored-sha256">{file.sha256}</code>
      </span>
      <DownloadButton exhibit={exhibit} version={file.version} filename={file.filename} />
    </div>
  )
}

function DownloadButton({ exhibit, version, filename }: { exhibit: Exhibit; version: number; filename: string }) {
  const { t } = useI18n()
  const download = useMutation({
    mutationFn: async () => {
      const link = unwrap(
        await claimsApi.GET('/api/v1/exhibits/{exhibit_id}/versions/{version}/download', {
          params: { path: { exhibit_id: exhibit.id, version } },
          cache: 'no-store',
        }),
      )
      openUrl(link.url, link.filename)
      return link.filename
    },
  })
  return (
    <span className="download">
      <button
        type="button"
        onClick={() => {
          if (!download.isPending) download.mutate()
        }}
        aria-disabled={download.isPending || undefined}
      >
        {t('claimantPage.file.download')}
        <span className="visually-hidden">{t('claimantPage.file.downloadWhich', { label: exhibit.label, version, name: filename })}</span>
      </button>
      <span role="status" className="write-status">
        {download.isSuccess ? t('claimantPage.file.downloaded', { name: download.data }) : ''}
      </span>
      {download.isError && <ErrorAlert error={download.error} />}
    </span>
  )
}

/** The exhibit's earlier files, read when opened. */
function VersionList({ exhibit }: { exhibit: Exhibit }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const versions = useQuery({
    queryKey: ['claimant', exhibit.claimant_id, 'exhibits', 'versions', exhibit.id, exhibit.current_version?.version],
    queryFn: async ({ signal }) =>
      unwrap(await claimsApi.GET('/api/v1/exhibits/{exhibit_id}/versions', { params: { path: { exhibit_id: exhibit.id } }, signal })),
    enabled: open,
  })
  return (
    <details className="exhibit-versions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('claimantPage.file.versions', { count: exhibit.current_version?.version ?? 0 })}</summary>
      {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.isLoading && <p role="status">{t('common.loading')}</p>}
      {versions.data && (
        <ol className="plain">
          {[...versions.data].reverse().map((v) => (
            <li key={v.version}>
              {t('claimantPage.file.version', { version: v.version, at: formatDateTime(v.uploaded_at), by: v.uploaded_by })}{' '}
              {t('claimantPage.file.nameSize', { name: v.filename, size: formatSize(v.size) })} <code className="hash">{v.sha256}</code>{' '}
              <DownloadButton exhibit={exhibit} version={v.version} filename={v.filename} />
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}
