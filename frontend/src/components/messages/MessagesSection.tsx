import './messages.css'
import { useI18n } from '../../i18n/i18n'
import { IntakeReminderPanel } from './IntakeReminderPanel'
import { MessageHistory } from './MessageHistory'
import { OptOutControl } from './OptOutControl'

/**
 * 連絡・通知: what notify sends the claimant — whether reminders are stopped (opt-out), the automatic requests for
 * missing intake documents, and every e-mail made for the claimant. Changeable with notify:write.
 */
export function MessagesSection({ claimantId }: { claimantId: number }) {
  const { t } = useI18n()
  return (
    <section aria-labelledby="messages-title" className="messages-section">
      <h2 id="messages-title">{t('messages.title')}</h2>
      <OptOutControl claimantId={claimantId} />
      <IntakeReminderPanel claimantId={claimantId} />
      <MessageHistory claimantId={claimantId} />
    </section>
  )
}
