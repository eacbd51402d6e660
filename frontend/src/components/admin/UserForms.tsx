import { useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n/i18n'
import { fieldError, newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, roleKey, type Role, type User } from './admin'
import { useCreateUser, useUpdateUser } from './adminQueries'
import { Field } from './Field'

const EMPTY = { email: '', name: '', role: 'staff' as Role, password: '' }

/** 「利用者を追加」: e-mail, name, role and a first password (12–200 characters, as claims-api requires). */
export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useI18n()
  const id = useId()
  const create = useCreateUser()
  const [draft, setDraft] = useState(EMPTY)
  const [passwordError, setPasswordError] = useState<string | null>(null)
  const key = useRef(newIdempotencyKey())
  const set = (d: Partial<typeof EMPTY>) => {
    setDraft((old) => ({ ...old, ...d }))
    key.current = newIdempotencyKey()
    if (create.isError) create.reset()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (create.isPending) return
    if (draft.password.length < PASSWORD_MIN || draft.password.length > PASSWORD_MAX) {
      setPasswordError(t('admin.users.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX }))
      return
    }
    setPasswordError(null)
    create.mutate(
      { body: { email: draft.email.trim(), name: draft.name.trim(), role: draft.role, password: draft.password }, idempotencyKey: key.current },
      {
        onSuccess: (user) => {
          setDraft(EMPTY)
          key.current = newIdempotencyKey()
          onCreated(user)
        },
      },
    )
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} aria-busy={create.isPending || undefined}>
      <h2 id={`${id}-title`}>{t('admin.users.createTitle')}</h2>
      <div className="grid2">
        <Field label={t('admin.users.email')} name="email" type="email" autoComplete="off" value={draft.email} onChange={(v) => set({ email: v })} error={create.error} required maxLength={254} />
        <Field label={t('admin.users.name')} name="name" value={draft.name} onChange={(v) => set({ name: v })} error={create.error} required maxLength={100} />
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.users.role')}</label>
          <select id={`${id}-role`} value={draft.role} aria-invalid={fieldError(create.error, 'role') || undefined} aria-describedby={`${id}-role-hint`} onChange={(e) => set({ role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
          <span id={`${id}-role-hint`} className="hint">
            {t(`admin.roleHint.${draft.role}`)}
          </span>
        </div>
        <Field
          label={t('admin.users.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(v) => {
            set({ password: v })
            setPasswordError(null)
          }}
          error={create.error}
          localError={passwordError}
          required
          hint={t('admin.users.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
        />
      </div>
      <button type="submit" aria-disabled={create.isPending || undefined}>
        {create.isPending ? t('admin.saving') : t('admin.users.create')}
      </button>
      <p role="status" className="write-status">
        {create.isSuccess ? t('admin.users.created', { name: create.data.name }) : ''}
      </p>
      {create.isError && <ErrorAlert error={create.error} />}
    </form>
  )
}

/**
 * The controls of one user's row: the role (changed with a button; to or from admin only after a confirmation), and
 * deactivation or reactivation after a confirmation. An admin's own row has neither (claims-api refuses both: 422).
 */
export function UserActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useI18n()
  const id = useId()
  const update = useUpdateUser()
  const [role, setRole] = useState<Role>(user.role)
  const [confirming, setConfirming] = useState(false)
  const [confirmingRole, setConfirmingRole] = useState(false)
  const roleRef = useRef<HTMLSelectElement>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)
  const [shownRole, setShownRole] = useState(user.role)
  if (user.role !== shownRole) {
    setShownRole(user.role)
    setRole(user.role)
  }

  if (isSelf) return <span className="hint">{t('admin.users.self')}</span>

  // giving or taking away admin rights (users, roles, the audit log) is asked first, as deactivating is
  const adminChange = role === 'admin' || user.role === 'admin'

  function changeRole(event: FormEvent) {
    event.preventDefault()
    if (update.isPending || role === user.role) return
    if (adminChange) {
      update.reset()
      setConfirmingRole(true)
      return
    }
    update.mutate({ id: user.id, body: { role } })
  }

  return (
    <div className="row-actions">
      <form onSubmit={changeRole} className="row-actions" aria-label={t('admin.users.roleFor', { name: user.name })}>
        <label htmlFor={`${id}-role`} className="visually-hidden">
          {t('admin.users.roleFor', { name: user.name })}
        </label>
        <select
          id={`${id}-role`}
          ref={roleRef}
          value={role}
          onChange={(e) => {
            setRole(e.target.value as Role)
            setConfirmingRole(false) // a question about another role no longer applies
          }}
          aria-invalid={fieldError(update.error, 'role') || undefined}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(roleKey(r))}
            </option>
          ))}
        </select>
        <ConfirmInline
          triggerType="submit"
          trigger={
            <>
              {t('admin.users.changeRole')}
              <span className="visually-hidden">{t('admin.which', { name: user.name })}</span>
            </>
          }
          question={t('admin.users.roleConfirm', { name: user.name, from: t(roleKey(user.role)), to: t(roleKey(role)) })}
          confirmLabel={t('admin.users.roleYes')}
          cancelLabel={t('admin.cancel')}
          danger={role === 'admin'}
          triggerClassName="secondary"
          pending={update.isPending}
          disabled={role === user.role}
          open={confirmingRole}
          onOpenChange={setConfirmingRole}
          onConfirm={() =>
            update.mutate(
              { id: user.id, body: { role } },
              {
                onSettled: () => {
                  setConfirmingRole(false)
                  // the question goes away: the focus goes to the role it was about
                  roleRef.current?.focus()
                },
              },
            )
          }
        >
          <p className="hint">{role === 'admin' ? t('admin.users.toAdmin') : t('admin.users.fromAdmin')}</p>
        </ConfirmInline>
      </form>
      <ConfirmInline
        trigger={
          <>
            {user.is_active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
            <span className="visually-hidden">{t('admin.which', { name: user.name })}</span>
          </>
        }
        question={user.is_active ? t('admin.users.deactivateConfirm', { name: user.name, email: user.email }) : t('admin.users.reactivateConfirm', { name: user.name })}
        confirmLabel={user.is_active ? t('admin.users.deactivateYes') : t('admin.users.reactivateYes')}
        cancelLabel={t('admin.cancel')}
        danger={user.is_active}
        triggerClassName={user.is_active ? 'danger' : 'secondary'}
        pending={update.isPending}
        open={confirming}
        onOpenChange={(open) => {
          if (open) update.reset()
          setConfirming(open)
        }}
        onConfirm={() =>
          update.mutate(
            { id: user.id, body: { is_active: !user.is_active } },
            {
              // the question goes away: the focus goes to what was said, or after an error to the row's first control
              onSuccess: () => statusRef.current?.focus(),
              onError: () => roleRef.current?.focus(),
              onSettled: () => setConfirming(false),
            },
          )
        }
      />
      <p role="status" className="write-status" ref={statusRef} tabIndex={-1}>
        {update.isPending ? t('admin.saving') : update.isSuccess ? t('admin.saved') : ''}
      </p>
      {update.isError && <ErrorAlert error={update.error} />}
    </div>
  )
}
