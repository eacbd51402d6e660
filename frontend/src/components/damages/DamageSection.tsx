import '../claimant/claimant.css'
import './damages.css'
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { useCanWriteClaims, useClaimant } from '../claimant/claimantQueries'
import { useDamageItems, useIncidentDate } from './damageQueries'
import { DamageEditor } from './DamageEditor'
import { ClaimedFromControl } from './ClaimedFromControl'
import { DamageItemCard } from './DamageItemCard'
import { HEAD_BASIS, HEAD_MARK, HEADS, type DamageHead, type DamageItem, type DraftDefaults } from './drafts'

/**
 * 損害一覧: the six heads in the schedule's order, each with its item (amount, 計算式, the office's figure and
 * the difference, facts, exhibits, where it is claimed) or none yet. Users with claims:write add, edit and delete
 * items and choose where each is claimed (the vendor, or the office's insurer); the amounts are computed by the
 * server from the inputs, shown live while editing.
 */
export function DamageSection({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  const items = useDamageItems(claimantId)
  const claimant = useClaimant(claimantId).data?.claimant
  const canWrite = useCanWriteClaims()
  const incidentDate = useIncidentDate(canWrite && claimant ? claimant.case_id : null)
  const defaults: DraftDefaults = { incidentDate, usableOn: claimant?.service_usable_on ?? null }

  return (
    <section aria-labelledby="damages-title" className="damages-section">
      <h2 id="damages-title">{t('damages.title')}</h2>
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.isLoading && <p role="status">{t('common.loading')}</p>}
      {items.data && (
        <>
          {items.data.length === 0 && <p>{t('damages.empty')}</p>}
          <ol className="damage-heads">
            {HEADS.map((head) => (
              <li key={head}>
                <HeadCard
                  claimantId={claimantId}
                  head={head}
                  items={items.data.filter((item) => item.head === head)}
                  canWrite={canWrite}
                  defaults={defaults}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

interface HeadCardProps {
  claimantId: number
  head: DamageHead
  /** the head's item (one per head; more only from data entered before that rule) */
  items: DamageItem[]
  canWrite: boolean
  defaults: DraftDefaults
}

type Editing = { itemId: number | null } | null

function HeadCard({ claimantId, head, items, canWrite, defaults }: HeadCardProps) {
  const { t, label } = useI18n()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [editing, setEditing] = useState<Editing>(null)
  const [message, setMessage] = useState('')
  const name = label('head', head)

  function open(itemId: number | null) {
    setMessage('')
    setEditing({ itemId })
  }

  function close(done: string) {
    // the editor goes away: the keyboard stays on this head
    flushSync(() => {
      setEditing(null)
      setMessage(done)
    })
    headingRef.current?.focus()
  }

  return (
    <article className={`damage-card${items.length === 0 ? ' empty' : ''}`} aria-labelledby={`${id}-title`}>
      <header className="damage-card-header">
        <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {HEAD_MARK[head] && <span aria-hidden="true">{HEAD_MARK[head]} </span>}
          {name}
        </h3>
        <span className="basis">{label('basis', items[0]?.legal_basis ?? HEAD_BASIS[head])}</span>
        {canWrite && editing === null && items.length === 0 && (
          <button type="button" onClick={() => open(null)}>
            {t('damages.add')}
            <span className="visually-hidden">{t('damages.which', { head: name })}</span>
          </button>
        )}
      </header>
      <p role="status" className="write-status">
        {message}
      </p>
      {editing && editing.itemId === null && (
        <DamageEditor claimantId={claimantId} head={head} itemId={null} defaults={defaults} onDone={close} onCancel={() => close('')} />
      )}
      {items.length === 0 && !editing && <p className="hint">{t('damages.notEntered')}</p>}
      {items.map((item) =>
        editing?.itemId === item.id ? (
          <DamageEditor key={item.id} claimantId={claimantId} head={head} itemId={item.id} defaults={defaults} onDone={close} onCancel={() => close('')} />
        ) : (
          <div key={item.id} className="damage-item-view">
            <DamageItemCard item={item} claimantUsableOn={defaults.usableOn} />
            {canWrite && editing === null && <ClaimedFromControl claimantId={claimantId} item={item} headName={name} />}
            {canWrite && editing === null && (
              <button type="button" className="edit" onClick={() => open(item.id)}>
                {t('damages.edit')}
                <span className="visually-hidden">{t('damages.which', { head: name })}</span>
              </button>
            )}
          </div>
        ),
      )}
    </article>
  )
}
