// The theme is a data attribute on <html>; styles/theme.css holds both palettes as CSS variables.
import { getPrefs, subscribePrefs } from './prefs.ts'

export function initTheme(): void {
  const apply = () => {
    document.documentElement.dataset.theme = getPrefs().theme
  }
  apply()
  subscribePrefs(apply)
}
