// The header's language switch: two short buttons, each language named in itself (ID / EN), so someone who cannot
// read the current language still finds theirs. The choice belongs to this display (prefs.ts), like the theme.
import { useTranslation } from 'react-i18next'
import { setPrefs, usePrefs, type Language } from '../prefs.ts'

const LANGUAGES: { value: Language; short: string; name: string }[] = [
  { value: 'id', short: 'ID', name: 'Bahasa Indonesia' },
  { value: 'en', short: 'EN', name: 'English' },
]

export function LanguageSwitch() {
  const { t } = useTranslation()
  const { language } = usePrefs()
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')} data-testid="language-switch" data-value={language}>
      {LANGUAGES.map((l) => (
        <button
          key={l.value}
          type="button"
          lang={l.value}
          className={`lang-option ${language === l.value ? 'is-active' : ''}`}
          aria-pressed={language === l.value}
          title={l.name}
          data-testid={`language-${l.value}`}
          onClick={() => setPrefs({ language: l.value })}
        >
          {l.short}
        </button>
      ))}
    </div>
  )
}
