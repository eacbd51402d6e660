import '../components/claimant/claimant.css'
import '../components/admin/admin.css'
import { Link } from 'react-router-dom'
import { roleKey, USERS_ADMIN } from '../components/admin/admin'
import { useUsers } from '../components/admin/adminQueries'
import { Forbidden } from '../components/admin/Forbidden'
import { SettingsNav } from '../components/admin/SettingsNav'
import { CreateUserForm, UserActions } from '../components/admin/UserForms'
import { useMe } from '../components/claimant/claimantQueries'
import { ErrorAlert } from '../components/ErrorAlert'
import { formatDateTime } from '../format'
import { useI18n } from '../i18n/i18n'

/** 設定 › 利用者と権限 (admins, users:admin): the users, a form to add one, each one's role and whether they may log in. */
export default function SettingsUsersPage() {
  const { t } = useI18n()
  const me = useMe()
  const allowed = me.data?.scopes.includes(USERS_ADMIN) ?? false
  return (
    <article aria-labelledby="settings-users-title" className="settings-page">
      <h1 id="settings-users-title">{t('admin.users.title')}</h1>
      <SettingsNav />
      {me.isPending && <p role="status">{t('common.loading')}</p>}
      {me.isSuccess && !allowed && <Forbidden scope={USERS_ADMIN} />}
      {allowed && me.data && <Users mySub={me.data.sub} />}
    </article>
  )
}

function Users({ mySub }: { mySub: string }) {
  const { t } = useI18n()
  const users = useUsers()
  return (
    <>
      <p className="hint">{t('admin.users.intro')}</p>
      <section aria-labelledby="user-list-title">
        <h2 id="user-list-title">{t('admin.users.listTitle')}</h2>
        {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
        {users.isPending && <p role="status">{t('common.loading')}</p>}
        {users.data && (
          <div className="table-wrap">
            <table className="data users">
              <caption>{t('admin.users.caption', { count: users.data.length, active: users.data.filter((u) => u.is_active).length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.name')}</th>
                  <th scope="col">{t('admin.users.email')}</th>
                  <th scope="col">{t('admin.users.role')}</th>
                  <th scope="col">{t('admin.users.status')}</th>
                  <th scope="col">{t('admin.users.createdAt')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.id} className={u.is_active ? undefined : 'user-inactive'}>
                    <th scope="row">
                      {u.name}{' '}
                      <Link className="audit-link" to={`/audit?entity=user&entity_id=${u.id}`}>
                        {t('admin.users.history')}
                        <span className="visually-hidden">{t('admin.which', { name: u.name })}</span>
                      </Link>
                    </th>
                    <td>{u.email}</td>
                    <td>{t(roleKey(u.role))}</td>
                    <td>{u.is_active ? t('admin.users.active') : t('admin.users.inactive')}</td>
                    <td>{formatDateTime(u.created_at)}</td>
                    <td>
                      <UserActions user={u} isSelf={mySub === `user:${u.id}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateUserForm onCreated={() => undefined} />
    </>
  )
}
