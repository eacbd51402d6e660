import { Fragment, useId, useState } from 'react'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import { RECIPIENT_PAGE_SIZE, usePreview, useRecipients } from './campaignQueries'
import { channelKey, itemLabels, recipientChannel, type Campaign, type Recipient } from './campaigns'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * The campaign's recipients (of its succeeded imports), a page at a time: name, how they are reached, their data
 * items by label; 「プレビュー」 opens, under the row, the e-mail that recipient gets — only their own items.
 */
export function RecipientTable({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n()
  const id = useId()
  const [offset, setOffset] = useState(0)
  const [open, setOpen] = useState<number | null>(null)
  const list = useRecipients(campaign.id, offset)
  const data = list.data
  const total = data?.total ?? 0
  const page = Math.floor(offset / RECIPIENT_PAGE_SIZE) + 1
  const pages = Math.max(1, Math.ceil(total / RECIPIENT_PAGE_SIZE))

  return (
    <section aria-labelledby={`${id}-title`} className="recipients">
      <h2 id={`${id}-title`}>{t('campaigns.recipients.title')}</h2>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('campaigns.recipients.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data" aria-busy={list.isFetching}>
                <caption>
                  {t('campaigns.recipients.caption', { from: n(offset + 1), to: n(offset + data.items.length), total: n(total) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.recipients.col.name')}</th>
                    <th scope="col">{t('campaigns.recipients.col.reach')}</th>
                    <th scope="col">{t('campaigns.recipients.col.items')}</th>
                    <th scope="col">{t('campaigns.recipients.col.preview')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => {
                    const previewId = `${id}-preview-${r.id}`
                    const shown = open === r.id
                    return (
                      <Fragment key={r.id}>
                        <tr>
                          <th scope="row">
                            {r.name}
                            <span className="hint block">{t('campaigns.recipients.line', { line: r.line })}</span>
                          </th>
                          <td>
                            <span className="channel">{t(channelKey(recipientChannel(r)))}</span>
                            <span className="block">{r.email ?? [r.postal_code && `〒${r.postal_code}`, r.address].filter(Boolean).join(' ')}</span>
                          </td>
                          <td>{itemLabels(campaign.data_items, r.item_keys).join('、')}</td>
                          <td>
                            <button
                              type="button"
                              className="secondary"
                              aria-expanded={shown}
                              aria-controls={shown ? previewId : undefined}
                              onClick={() => setOpen(shown ? null : r.id)}
                            >
                              {t('campaigns.recipients.preview')}
                              <span className="visually-hidden">{t('campaigns.recipients.previewOf', { name: r.name })}</span>
                            </button>
                          </td>
                        </tr>
                        {shown && (
                          <tr className="preview-row">
                            <td colSpan={4} id={previewId}>
                              <Preview campaignId={campaign.id} recipient={r} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    )
                  })}
                </tbody>
              </table>
            </div>
            {total > RECIPIENT_PAGE_SIZE && (
              <nav className="pager" aria-label={t('campaigns.recipients.pagination')}>
                <button type="button" onClick={() => setOffset(offset - RECIPIENT_PAGE_SIZE)} disabled={page <= 1}>
                  {t('claimants.prev')}
                </button>
                <span>{t('claimants.page', { page, pages })}</span>
                <button type="button" onClick={() => setOffset(offset + RECIPIENT_PAGE_SIZE)} disabled={page >= pages}>
                  {t('claimants.next')}
                </button>
              </nav>
            )}
          </>
        ))}
    </section>
  )
}

function Preview({ campaignId, recipient }: { campaignId: number; recipient: Recipient }) {
  const { t } = useI18n()
  const preview = usePreview(campaignId, recipient.id)
  const p = preview.data
  return (
    <section className="notice-preview" aria-label={t('campaigns.preview.label', { name: recipient.name })}>
      {preview.isError && <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />}
      {preview.isPending && <p role="status">{t('common.loading')}</p>}
      {p && (
        <>
          {p.channel === 'postal' && <p className="hint">{t('campaigns.preview.postal')}</p>}
          <dl className="preview-mail">
            <dt>{t('campaigns.preview.subject')}</dt>
            <dd>{p.subject}</dd>
            <dt>{t('campaigns.preview.body')}</dt>
            <dd>
              <pre className="mail-body">{p.body}</pre>
            </dd>
          </dl>
        </>
      )}
    </section>
  )
}
