// i18next setup: Bahasa Indonesia by default, English on request. Resource files live in ../i18n/.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { resources } from '../i18n/resources.ts'
import { getPrefs, subscribePrefs } from './prefs.ts'

export function initI18n(): void {
  void i18n.use(initReactI18next).init({
    resources: { id: { translation: resources.id }, en: { translation: resources.en } },
    lng: getPrefs().language,
    fallbackLng: 'id',
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  })
  document.documentElement.lang = i18n.language
  subscribePrefs(() => {
    const { language } = getPrefs()
    if (i18n.language === language) return
    void i18n.changeLanguage(language)
    document.documentElement.lang = language
  })
}
