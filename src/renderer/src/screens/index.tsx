// The screens of the app, in menu order: one list for the router and the navigation bar.
import type { ReactElement } from 'react'
import { RingkasanScreen } from './ringkasan/RingkasanScreen.tsx'
import { PengaturanScreen } from './pengaturan/PengaturanScreen.tsx'
import { NotAvailable } from '../components/NotAvailable.tsx'

export type ScreenKey = 'ringkasan' | 'peta' | 'kinerjaOpd' | 'antrean' | 'briefing' | 'sinkronisasi' | 'pengaturan'

export type Screen = { key: ScreenKey; path: string; element: ReactElement }

export const SCREENS: Screen[] = [
  { key: 'ringkasan', path: '/', element: <RingkasanScreen /> },
  { key: 'peta', path: '/peta', element: <NotAvailable screen="peta" /> },
  { key: 'kinerjaOpd', path: '/kinerja-opd', element: <NotAvailable screen="kinerjaOpd" /> },
  { key: 'antrean', path: '/antrean', element: <NotAvailable screen="antrean" /> },
  { key: 'briefing', path: '/briefing', element: <NotAvailable screen="briefing" /> },
  { key: 'sinkronisasi', path: '/sinkronisasi', element: <NotAvailable screen="sinkronisasi" /> },
  { key: 'pengaturan', path: '/pengaturan', element: <PengaturanScreen /> },
]
