import { useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import { fieldError, newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ErrorAlert } from '../ErrorAlert'
import { useCreateClient } from './partnerQueries'
import { PARTNER_SCOPES, scopeKey, type ClientCreate, type ClientCreated, type PartnerScope } from './partners'

/**
 * Registers an insurer's client (kind partner): its name, the client ID it logs in with, the insurer and what it may
 * do. claims-api checks everything (the 422 names the field). One Idempotency-Key per client: the same request sent
 * again carries the same key and makes no second client (its answer then has no secret: rotate it).
 */
export function RegisterClientForm({ insurers, onCreated }: { insurers: string[]; onCreated: (created: ClientCreated) => void }) {
  const { t } = useI18n()
  const id = useId()
  const create = useCreateClient()
  const [name, setName] = useState('')
  const [clientId, setClientId] = useState('')
  const [insurer, setInsurer] = useState('')
  const [scopes, setScopes] = useState<PartnerScope[]>(['partner:claims.read'])
  const attempt = useRef<{ body: string; key: string } | null>(null)

  function edited() {
    if (create.isError) create.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (create.isPending) return
    const body: ClientCreate = {
      client_id: clientId.trim(),
      name: name.trim(),
      kind: 'partner',
      insurer: insurer.trim() || null,
      scopes: PARTNER_SCOPES.filter((s) => scopes.includes(s)),
    }
    const text = JSON.stringify(body)
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() }
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (created) => {
          attempt.current = null
          setName('')
          setClientId('')
          setInsurer('')
          setScopes(['partner:claims.read'])
          onCreated(created)
          // the secret goes to the page's panel; the mutation keeps no copy of it
          create.reset()
        },
      },
    )
  }

  const invalid = (field: string) => fieldError(create.error, field) || undefined
  return (
    <section aria-labelledby={`${id}-title`} className="register-client">
      <h2 id={`${id}-title`}>{t('partners.register.title')}</h2>
      <form className="partner-form" onSubmit={submit} noValidate aria-busy={create.isPending || undefined}>
        <div className="field">
          <label htmlFor={`${id}-name`}>
            {t('partners.register.name')}
            <span className="required">{t('common.required')}</span>
          </label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={200}
            value={name}
            aria-invalid={invalid('name')}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => {
              setName(e.target.value)
              edited()
            }}
          />
          <span id={`${id}-name-hint`} className="hint">
            {t('partners.register.nameHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-client-id`}>
            {t('partners.col.clientId')}
            <span className="required">{t('common.required')}</span>
          </label>
          <input
            id={`${id}-client-id`}
            type="text"
            maxLength={100}
            spellCheck={false}
            autoCapitalize="none"
            autoComplete="off"
            value={clientId}
            aria-invalid={invalid('client_id')}
            aria-describedby={`${id}-client-id-hint`}
            onChange={(e) => {
              setClientId(e.target.value)
              edited()
            }}
          />
          <span id={`${id}-client-id-hint`} className="hint">
            {t('partners.register.clientIdHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-insurer`}>
            {t('partners.col.insurer')}
            <span className="required">{t('common.required')}</span>
          </label>
          <input
            id={`${id}-insurer`}
            type="text"
            maxLength={200}
            list={`${id}-insurers`}
            autoComplete="off"
            value={insurer}
            aria-invalid={invalid('insurer')}
            aria-describedby={`${id}-insurer-hint`}
            onChange={(e) => {
              setInsurer(e.target.value)
              edited()
            }}
          />
          <datalist id={`${id}-insurers`}>
            {insurers.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <span id={`${id}-insurer-hint`} className="hint">
            {t('partners.register.insurerHint')}
          </span>
        </div>
        <fieldset className={invalid('scopes') ? 'invalid' : undefined}>
          <legend>
            {t('partners.col.scopes')}
            <span className="required">{t('common.required')}</span>
          </legend>
          {PARTNER_SCOPES.map((scope) => (
            <div key={scope} className="scope-option">
              <input
                id={`${id}-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                aria-describedby={`${id}-${scope}-code`}
                onChange={(e) => {
                  setScopes((prev) => (e.target.checked ? [...prev, scope] : prev.filter((s) => s !== scope)))
                  edited()
                }}
              />{' '}
              <label htmlFor={`${id}-${scope}`}>{t(scopeKey(scope))}</label>{' '}
              <code id={`${id}-${scope}-code`} className="hint">
                {scope}
              </code>
            </div>
          ))}
        </fieldset>
        <button type="submit" aria-disabled={create.isPending || undefined}>
          {create.isPending ? t('partners.register.submitting') : t('partners.register.submit')}
        </button>
      </form>
      {create.isError && <ErrorAlert error={create.error} />}
    </section>
  )
}
