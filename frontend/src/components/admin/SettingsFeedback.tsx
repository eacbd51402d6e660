import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import type { Overwritten } from '../claimant/useClaimantWrite'
import { OverwrittenFields, WriteFeedback } from '../WriteFeedback'

/**
 * What came of saving a settings form (case, filing settings, proceeding): 「保存しました」, the problem, or after a
 * 412 the fields someone else changed, by their labels. The submit button says 「保存しています…」 itself.
 */
export function SettingsFeedback<K extends string>({
  save,
  overwritten,
  labels,
}: {
  save: { isSuccess: boolean; error: unknown }
  overwritten: Overwritten<K> | null
  labels: Record<K, MessageKey>
}) {
  const { t } = useI18n()
  return (
    <WriteFeedback
      done={save.isSuccess ? t('admin.saved') : null}
      error={save.error}
      conflictTitle={t('admin.stale')}
      conflictHint={null}
      conflict={<OverwrittenFields overwritten={overwritten} label={(field) => t(labels[field])} />}
    />
  )
}
