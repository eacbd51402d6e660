import { useId } from 'react'
import { LANGS, useI18n, type Lang } from '../i18n/i18n'

const NAMES: Record<Lang, string> = { ja: '日本語', en: 'English' }

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  const id = useId()
  return (
    <span className="lang-switch">
      <label htmlFor={id}>{t('header.language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  )
}
