// A tiny i18n: two dictionaries, a language switch kept in localStorage, `t(key, vars)`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en, ja, type MessageKey } from './messages'

export type Lang = 'ja' | 'en'
export const LANGS: readonly Lang[] = ['ja', 'en']
const STORAGE_KEY = 'bengodan.lang'
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en }

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

interface I18n {
  lang: Lang
  setLang: (lang: Lang) => void
  t: Translate
  /** Translates `${prefix}.${value}` when the dictionary has it, else returns the fallback or the value. */
  label: (prefix: string, value: string, fallback?: string | null) => string
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'ja' || saved === 'en') return saved
  } catch {
    // storage unavailable: Japanese
  }
  return 'ja'
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? ja[key] ?? key
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang())

  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // not persisted; still switched
    }
  }, [])

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const value = useMemo<I18n>(() => {
    const t: Translate = (key, vars) => translate(lang, key, vars)
    const label = (prefix: string, value: string, fallback?: string | null) => {
      const key = `${prefix}.${value}`
      if (key in ja) return t(key as MessageKey)
      return fallback ?? value
    }
    return { lang, setLang, t, label }
  }, [lang, setLang])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
