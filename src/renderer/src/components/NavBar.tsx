import { NavLink, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { SCREENS } from '../screens/index.tsx'

/** The main menu. Links keep the query string, so kabupaten and period follow the user from screen to screen. */
export function NavBar() {
  const { t } = useTranslation()
  const { search } = useLocation()
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {SCREENS.map((s) => (
        <NavLink key={s.key} to={{ pathname: s.path, search }} end={s.path === '/'} className="nav-link" data-testid={`nav-${s.key}`}>
          {t(`nav.${s.key}`)}
        </NavLink>
      ))}
    </nav>
  )
}
