// Pengaturan: the kabupaten's working-day calendar and deadline rules, the ranking sample, the status & channel
// vocabulary, the map's tile layer and the scheduled backups
// (admins change them, everyone reads them; the API enforces it), then this display's language and theme,
// the monthly recap export and who the session acts as.
import { useState } from 'react'
import { NavLink, Route, Routes, useLocation } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { ChoiceGroup } from '#renderer/components/ChoiceGroup.tsx'
import { setPrefs, usePrefs, type Language, type Theme } from '#renderer/prefs.ts'
import { RecapExportPanel } from '#renderer/export/RecapExportPanel.tsx'
import { useFilters } from '#renderer/filters/filters.tsx'
import { CalendarPanel } from './CalendarPanel.tsx'
import { CalendarEditPanel } from './CalendarEditPanel.tsx'
import { DeadlineRulesPanel } from './DeadlineRulesPanel.tsx'
import { MinSamplePanel } from './MinSamplePanel.tsx'
import { IsuSettingPanel } from './IsuSettingPanel.tsx'
import { ScoringRulesPanel } from './ScoringRulesPanel.tsx'
import { TileLayerPanel } from './TileLayerPanel.tsx'
import { VocabularyPanel } from './VocabularyPanel.tsx'
import { BackupPanel } from './BackupPanel.tsx'
import { RecomputeStatus } from './RecomputeStatus.tsx'
import { useAdmin } from './admin.ts'
import { UsersPanel } from './UsersPanel.tsx'
import { RemindersPanel } from './RemindersPanel.tsx'
import './pengaturan.css'

const LANGUAGES: { value: Language; label: string }[] = [
  // Each language is named in itself, so someone who cannot read the current one still finds theirs.
  { value: 'id', label: 'Bahasa Indonesia' },
  { value: 'en', label: 'English' },
]

export function PengaturanScreen() {
  const { t } = useTranslation()
  const session = useQuery(useTRPC().session.queryOptions()).data
  const { kabupaten } = useFilters()
  const { role, isAdmin } = useAdmin()
  // Profiles and the SMTP server hold for every kabupaten: only an admin of them all manages them (users.*).
  const manageUsers = isAdmin && session?.user?.kabupaten == null
  return (
    <div className="pengaturan">
      <div className="pengaturan-head">
        <h1 className="screen-title">{t('settings.title')}</h1>
        {kabupaten && <RecomputeStatus kabupaten={kabupaten.kode} />}
        {role && !isAdmin && <p className="note read-only">{t('pengaturan.adminOnly', { role: t(`roles.${role}`) })}</p>}
        {manageUsers && <PengaturanTabs />}
      </div>
      <Routes>
        <Route path="pengguna" element={<div className="pengaturan-wide">{manageUsers && <UsersPanel />}</div>} />
        <Route path="pengingat" element={<div className="pengaturan-wide">{manageUsers && <RemindersPanel />}</div>} />
        <Route path="*" element={<GeneralSettings />} />
      </Routes>
    </div>
  )
}

/** The kabupaten's calendar and rules, the map, exports and backups, this display's choices. */
function GeneralSettings() {
  const { t } = useTranslation()
  const prefs = usePrefs()
  const session = useQuery(useTRPC().session.queryOptions()).data
  const { kabupaten, today } = useFilters()
  const { isAdmin } = useAdmin()
  const [year, setYear] = useState(() => Number(today.slice(0, 4)))
  const themes: { value: Theme; label: string }[] = [
    { value: 'dark', label: t('settings.themes.dark') },
    { value: 'light', label: t('settings.themes.light') },
  ]
  return (
      <div className="pengaturan-columns">
        {kabupaten && <CalendarPanel kabupaten={kabupaten.kode} kabupatenNama={kabupaten.nama} today={today} year={year} onYear={setYear} />}
        <div className="pengaturan-column">
          {kabupaten && <DeadlineRulesPanel kabupaten={kabupaten.kode} kabupatenNama={kabupaten.nama} />}
          {kabupaten && <ScoringRulesPanel kabupaten={kabupaten.kode} />}
          <MinSamplePanel />
          <IsuSettingPanel />
          <VocabularyPanel />
          <Panel title={t('settings.language')}>
            <ChoiceGroup name="language" testIdPrefix="lang" options={LANGUAGES} value={prefs.language} onChange={(language) => setPrefs({ language })} />
          </Panel>
          <Panel title={t('settings.theme')}>
            <ChoiceGroup name="theme" testIdPrefix="theme" options={themes} value={prefs.theme} onChange={(theme) => setPrefs({ theme })} />
            <p className="note">{t('settings.savedHere')}</p>
          </Panel>
        </div>
        <div className="pengaturan-column">
          {kabupaten && isAdmin && <CalendarEditPanel kabupaten={kabupaten.kode} onAdded={(date) => setYear(Number(date.slice(0, 4)))} />}
          <TileLayerPanel />
          <RecapExportPanel />
          <BackupPanel />
          {session && (
            <Panel title={t('settings.session')}>
              <dl className="facts">
                <dt>{t('settings.user')}</dt>
                <dd>{session.user ? `${session.user.nama} (${session.user.username})` : '–'}</dd>
                <dt>{t('settings.role')}</dt>
                <dd>{session.user ? t(`roles.${session.user.role}`) : '–'}</dd>
                <dt>{t('settings.mode')}</dt>
                <dd>{t(`settings.modes.${session.app.mode}`)}</dd>
              </dl>
            </Panel>
          )}
        </div>
      </div>
  )
}

/** Umum, Pengguna, Pengingat: sub-pages, since the general page's three columns fill the screen. */
function PengaturanTabs() {
  const { t } = useTranslation()
  const { search } = useLocation()
  const tabs = [
    { to: '/pengaturan', label: t('pengguna.tabs.umum'), end: true, id: 'umum' },
    { to: '/pengaturan/pengguna', label: t('pengguna.title'), end: false, id: 'pengguna' },
    { to: '/pengaturan/pengingat', label: t('pengingat.title'), end: false, id: 'pengingat' },
  ]
  return (
    <nav className="segmented pengaturan-tabs" aria-label={t('settings.title')}>
      {tabs.map((tab) => (
        <NavLink key={tab.id} to={{ pathname: tab.to, search }} end={tab.end} className="segment" data-testid={`pengaturan-tab-${tab.id}`}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  )
}
