import { useI18n } from '../../i18n/i18n'

/** What a page says to a user whose role lacks the scope it needs: no data, no controls. */
export function Forbidden({ scope }: { scope: string }) {
  const { t } = useI18n()
  return (
    <div className="notice forbidden" role="status">
      <p>
        <strong>{t('admin.forbidden')}</strong>
      </p>
      <p>{t('admin.forbiddenHint', { scope })}</p>
    </div>
  )
}
