import { useId, useRef, useState } from 'react'
import { useI18n } from '../../i18n/i18n'
import { newIdempotencyKey } from '../claimant/useClaimantWrite'
import { ConfirmInline } from '../ConfirmInline'
import { ErrorAlert } from '../ErrorAlert'
import { useDelivery, useLaunch } from './campaignQueries'
import type { Campaign } from './campaigns'

const n = (value: number) => value.toLocaleString('ja-JP')

/**
 * 送信 (writers only): a draft with recipients, or a launched campaign with recipients imported since — those
 * without a notice yet, as notify counts them in the delivery counts (unqueued_email, unqueued_postal; refetched
 * when an import ends). The button opens a confirmation that says how many will be notified by e-mail and by post
 * and that the content cannot change afterwards; 「送信する」 posts the launch with an Idempotency-Key made when the
 * confirmation opened, so a double click or a retry launches once. The answer's counts show after it.
 */
export function LaunchPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n()
  const id = useId()
  const launch = useLaunch(campaign.id)
  const draft = campaign.status === 'draft'
  const delivery = useDelivery(campaign.id, true)
  const d = delivery.data
  const email = d?.unqueued_email ?? 0
  const postal = d?.unqueued_postal ?? 0
  const pending = email + postal
  const [confirming, setConfirming] = useState(false)
  const key = useRef<string | null>(null)

  function changeOpen(next: boolean) {
    setConfirming(next)
    if (!next) return
    key.current = newIdempotencyKey()
    launch.reset()
    // the counts as they are now (someone may have imported or launched meanwhile)
    void delivery.refetch()
  }

  function send() {
    if (!key.current) return
    launch.mutate(
      { idempotencyKey: key.current },
      {
        onSuccess: () => {
          key.current = null
          setConfirming(false)
        },
      },
    )
  }

  const result = launch.data
  return (
    <section aria-labelledby={`${id}-title`} className="launch">
      <h2 id={`${id}-title`}>{t('campaigns.launch.title')}</h2>
      {result && (
        <p role="status" className="notice">
          {t('campaigns.launch.queued', { email: n(result.queued_email), postal: n(result.queued_postal) })}
        </p>
      )}
      {delivery.isError && <ErrorAlert error={delivery.error} onRetry={() => void delivery.refetch()} />}
      {delivery.isPending && <p role="status">{t('common.loading')}</p>}
      {d && pending === 0 && !result && (draft ? <p>{t('campaigns.launch.noRecipients')}</p> : <p className="hint">{t('campaigns.launch.allQueued')}</p>)}
      {(pending > 0 || confirming) && (
        <ConfirmInline
          trigger={draft ? t('campaigns.launch.open') : t('campaigns.launch.openMore', { count: n(pending) })}
          question={t('campaigns.launch.confirmTitle')}
          questionAs="h3"
          initialFocus="question"
          className="confirm"
          confirmLabel={t('campaigns.launch.send')}
          pendingLabel={t('campaigns.launch.sending')}
          cancelLabel={t('campaigns.launch.cancel')}
          pending={launch.isPending}
          open={confirming}
          onOpenChange={changeOpen}
          onConfirm={send}
        >
          <p>
            {draft
              ? t('campaigns.launch.confirmSplit', { email: n(email), postal: n(postal), total: n(pending) })
              : t('campaigns.launch.confirmMore', { email: n(email), postal: n(postal), count: n(pending) })}
          </p>
          <p className="warning">{draft ? t('campaigns.launch.frozen') : t('campaigns.launch.frozenMore')}</p>
        </ConfirmInline>
      )}
      {launch.isError && <ErrorAlert error={launch.error} />}
    </section>
  )
}
