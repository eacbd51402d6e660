import { Fragment, useId, useState } from 'react'
import { formatDateTime } from '../../format'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { isProblem, messageKindKey, messageStatusKey } from '../hearings/hearings'
import { MESSAGE_PAGE_SIZE, useClaimantMessages, useMessage, type Message } from './messageQueries'

/**
 * Every e-mail notify made for the claimant, newest first, a page at a time: what kind, its subject, when it is
 * due or was sent, and where it stands (with the last error of one that failed or bounced). The subject opens the
 * e-mail's text in the row below.
 */
export function MessageHistory({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  const id = useId()
  const [page, setPage] = useState(0)
  const [open, setOpen] = useState<number | null>(null)
  const messages = useClaimantMessages(claimantId, page)
  const data = messages.data
  const total = data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / MESSAGE_PAGE_SIZE))

  function go(next: number) {
    setOpen(null)
    setPage(next)
  }

  return (
    <div className="message-history">
      <h3 id={`${id}-title`}>{t('messages.history.title')}</h3>
      {messages.isError && <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />}
      {messages.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 && page === 0 ? (
          <p>{t('messages.history.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data" aria-busy={messages.isFetching}>
                <caption>{t('messages.history.caption', { total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('messages.history.col.kind')}</th>
                    <th scope="col">{t('messages.history.col.subject')}</th>
                    <th scope="col">{t('messages.history.col.when')}</th>
                    <th scope="col">{t('messages.history.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <Fragment key={m.id}>
                      <MessageRow message={m} open={open === m.id} bodyId={`${id}-body-${m.id}`} onToggle={() => setOpen(open === m.id ? null : m.id)} />
                      {open === m.id && (
                        <tr className="message-body-row">
                          <td colSpan={4} id={`${id}-body-${m.id}`}>
                            <MessageBody id={m.id} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
            {total > MESSAGE_PAGE_SIZE && (
              <nav className="pager" aria-label={t('messages.history.pagination')}>
                <button type="button" onClick={() => go(page - 1)} disabled={page <= 0}>
                  {t('messages.history.newer')}
                </button>
                <span>{t('messages.history.page', { page: page + 1, pages })}</span>
                <button type="button" onClick={() => go(page + 1)} disabled={page + 1 >= pages}>
                  {t('messages.history.older')}
                </button>
              </nav>
            )}
          </>
        ))}
    </div>
  )
}

function MessageRow({ message: m, open, bodyId, onToggle }: { message: Message; open: boolean; bodyId: string; onToggle: () => void }) {
  const { t } = useI18n()
  const sent = m.sent_at !== null
  const error = isProblem(m.status) ? (m.last_error ?? t('messages.history.noError')) : m.status === 'cancelled' ? m.last_error : null
  return (
    <tr className={open ? 'open' : undefined}>
      <td>{t(messageKindKey(m.kind))}</td>
      <th scope="row">
        <button type="button" className="link" aria-expanded={open} aria-controls={open ? bodyId : undefined} onClick={onToggle}>
          {m.subject || t('messages.history.noSubject')}
        </button>
      </th>
      <td>
        {t(sent ? 'messages.history.sentAt' : 'messages.history.dueAt', { at: formatDateTime(sent ? m.sent_at : m.due_at) })}
      </td>
      <td className={`message-status status-${m.status}`}>
        {t(messageStatusKey(m.status))}
        {error && <span className="row-error">{error}</span>}
      </td>
    </tr>
  )
}

function MessageBody({ id }: { id: number }) {
  const { t } = useI18n()
  const message = useMessage(id)
  if (message.isError) return <ErrorAlert error={message.error} onRetry={() => void message.refetch()} />
  if (!message.data) return <p role="status">{t('common.loading')}</p>
  const m = message.data
  return (
    <div className="message-body">
      <dl className="message-facts">
        <div>
          <dt>{t('messages.body.to')}</dt>
          <dd>{m.to_address || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('messages.body.attempts')}</dt>
          <dd>{m.attempts}</dd>
        </div>
        <div>
          <dt>{t('messages.body.messageId')}</dt>
          <dd>
            <code>{m.message_id}</code>
          </dd>
        </div>
      </dl>
      <pre className="mail-text">{m.body}</pre>
    </div>
  )
}
