import { Link } from 'react-router-dom'
import { useI18n } from '../i18n/i18n'

export default function NotFoundPage() {
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/claimants">{t('notFound.back')}</Link>
      </p>
    </section>
  )
}
