// Sinkronisasi: where complaints come from. Sources and their state, live progress and "Sinkronkan sekarang",
// the run history (/sinkronisasi); records that could not be stored, with reason and payload (/karantina); local
// actions on their way upstream and the conflicts waiting for a decision (/kirim); file import (/impor). Above them,
// the last error of the app's background work, if any.
import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { SourcesView } from './SourcesView.tsx'
import { QuarantineView } from './QuarantineView.tsx'
import { OutboxView } from './OutboxView.tsx'
import { ImportPanel } from './import/ImportPanel.tsx'
import { useSyncProgress } from './useSyncProgress.ts'
import { BackgroundBanner } from './BackgroundBanner.tsx'
import './sinkronisasi.css'

const TABS = [
  { key: 'sumber', path: '' },
  { key: 'karantina', path: 'karantina' },
  { key: 'kirim', path: 'kirim' },
  { key: 'impor', path: 'impor' },
] as const

export function SinkronisasiScreen() {
  const { t } = useTranslation()
  const { search } = useLocation()
  const progress = useSyncProgress()
  return (
    <div className="sinkron" data-testid="sinkronisasi">
      <header className="sinkron-head">
        <h1 className="screen-title">{t('sinkron.title')}</h1>
        <nav className="sinkron-tabs" aria-label={t('sinkron.tabsLabel')}>
          {TABS.map((tab) => (
            <NavLink key={tab.key} end to={{ pathname: `/sinkronisasi${tab.path ? `/${tab.path}` : ''}`, search }} className="sinkron-tab" data-testid={`sinkron-tab-${tab.key}`}>
              {t(`sinkron.tabs.${tab.key}`)}
            </NavLink>
          ))}
        </nav>
      </header>
      <BackgroundBanner />
      <Routes>
        <Route index element={<SourcesView progress={progress} />} />
        <Route path="karantina" element={<QuarantineView />} />
        <Route path="kirim" element={<OutboxView />} />
        <Route path="impor" element={<ImportPanel />} />
        <Route path="*" element={<Navigate to={{ pathname: '/sinkronisasi', search }} replace />} />
      </Routes>
    </div>
  )
}
