import '../components/claimant/claimant.css'
import '../components/partners/partners.css'
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useSearchParams } from 'react-router-dom'
import { useMe } from '../components/claimant/claimantQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { ClientPanel } from '../components/partners/ClientPanel'
import { ClientTable } from '../components/partners/ClientTable'
import { useClients, useKnownInsurers } from '../components/partners/partnerQueries'
import { ADMIN_SCOPE, type ClientCreated, type ClientSecretRotated, type IssuedSecret } from '../components/partners/partners'
import { RegisterClientForm } from '../components/partners/RegisterClientForm'
import { SecretPanel } from '../components/partners/SecretPanel'
import { useI18n } from '../i18n/i18n'

/**
 * 保険会社連携 (admins, clients:admin): the insurers' clients of the partner API, a form to register one, the secret
 * of a client just registered or rotated (shown once), and the selected client (?client=, so a reload shows it again)
 * with its rotation, revocation and access log. Anyone else is told they may not see it.
 */
export default function PartnersPage() {
  const { t } = useI18n()
  const me = useMe()
  const allowed = me.data?.scopes.includes(ADMIN_SCOPE) ?? false
  return (
    <article aria-labelledby="partners-title" className="partners-page">
      <h1 id="partners-title">{t('partners.title')}</h1>
      {me.isPending && <p role="status">{t('common.loading')}</p>}
      {me.isSuccess && !allowed && (
        <div className="notice forbidden">
          <p>
            <strong>{t('partners.forbidden')}</strong>
          </p>
          <p>{t('partners.forbiddenHint')}</p>
        </div>
      )}
      {allowed && <Partners />}
    </article>
  )
}

function Partners() {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const clients = useClients()
  const insurers = useKnownInsurers(clients.data)
  const [issued, setIssued] = useState<IssuedSecret | null>(null)
  const [now] = useState(() => Date.now())
  const listHeadingRef = useRef<HTMLHeadingElement>(null)
  const selectedId = params.get('client')
  const partners = (clients.data ?? []).filter((c) => c.kind === 'partner')
  const others = (clients.data?.length ?? 0) - partners.length
  const selected = partners.find((c) => c.client_id === selectedId) ?? null

  function select(clientId: string | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (clientId === null) next.delete('client')
        else next.set('client', clientId)
        return next
      },
      { replace: clientId === null },
    )
  }

  function created(answer: ClientCreated) {
    setIssued({ clientId: answer.client_id, name: answer.name, secret: answer.client_secret, how: 'created', previousExpiresAt: null })
    select(answer.client_id)
  }

  function rotated(answer: ClientSecretRotated) {
    setIssued({
      clientId: answer.client_id,
      name: answer.name,
      secret: answer.client_secret,
      how: 'rotated',
      previousExpiresAt: answer.previous_secret_expires_at,
    })
  }

  return (
    <>
      <p className="hint">{t('partners.intro')}</p>
      {issued && (
        <SecretPanel
          issued={issued}
          onClose={() => {
            // the panel and its secret go away: the keyboard goes on to the list of clients
            flushSync(() => setIssued(null))
            listHeadingRef.current?.focus()
          }}
        />
      )}
      <RegisterClientForm insurers={insurers} onCreated={created} />
      <section aria-labelledby="partner-list-title" className="client-list">
        <h2 id="partner-list-title" ref={listHeadingRef} tabIndex={-1}>
          {t('partners.list.title')}
        </h2>
        {clients.isError && <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />}
        {clients.isPending && <p role="status">{t('common.loading')}</p>}
        {clients.data && <ClientTable clients={partners} selectedId={selectedId} now={now} />}
        {others > 0 && <p className="hint">{t('partners.list.others', { count: others })}</p>}
      </section>
      {selectedId !== null && clients.data && !selected && <p className="notice">{t('partners.panel.unknown', { id: selectedId })}</p>}
      {selected && (
        <ClientPanel
          key={selected.client_id}
          client={selected}
          // a secret just shown keeps the focus
          takeFocus={issued === null}
          onRotated={rotated}
          onClose={() => select(null)}
        />
      )}
    </>
  )
}
