// The frame around every screen: brand and menu, the shared filters, the live state and the problem banner.
import { Outlet } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FiltersProvider, useFilters } from '../filters/filters.tsx'
import { useLiveRefresh } from '../api/useLiveRefresh.ts'
import { NavBar } from './NavBar.tsx'
import { KabupatenSwitcher } from './KabupatenSwitcher.tsx'
import { PeriodFilter } from './PeriodFilter.tsx'
import { TopicFilter } from './TopicFilter.tsx'
import { LiveStatus } from './LiveStatus.tsx'
import { Recomputing } from './Recomputing.tsx'
import { Clock } from './Clock.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { ProblemBanner } from './ProblemBanner.tsx'
import { SessionMenu } from './SessionMenu.tsx'

export function AppFrame() {
  return (
    <FiltersProvider>
      <FrameLayout />
    </FiltersProvider>
  )
}

function FrameLayout() {
  const { t } = useTranslation()
  const { kabupaten } = useFilters()
  const live = useLiveRefresh(kabupaten?.kode)
  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <NavBar />
        <div className="topbar-status">
          <Recomputing kabupaten={kabupaten?.kode} />
          <LiveStatus subscription={live} />
          <LanguageSwitch />
          {kabupaten && <Clock timeZone={kabupaten.time_zone} />}
        </div>
      </header>
      <div className="filterbar">
        <KabupatenSwitcher />
        <PeriodFilter />
        <TopicFilter />
        {/* Who is signed in, at the row's end: the top bar's menu already fills a 1920 px screen. */}
        <SessionMenu />
      </div>
      <ProblemBanner subscriptionError={live.status === 'error' ? live.error : null} />
      <main className="screen">
        <Outlet />
      </main>
    </div>
  )
}
