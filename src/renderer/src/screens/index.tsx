// The screens of the app, in menu order: one list for the router and the navigation bar.
import type { ReactElement } from 'react'
import { RingkasanScreen } from './ringkasan/RingkasanScreen.tsx'
import { PengaturanScreen } from './pengaturan/PengaturanScreen.tsx'
import { PetaScreen } from './peta/PetaScreen.tsx'
import { KinerjaOpdScreen } from './kinerja-opd/KinerjaOpdScreen.tsx'
import { AntreanScreen } from './antrean/AntreanScreen.tsx'
import { BriefingScreen } from './briefing/BriefingScreen.tsx'
import { SinkronisasiScreen } from './sinkronisasi/SinkronisasiScreen.tsx'

export type ScreenKey = 'ringkasan' | 'peta' | 'kinerjaOpd' | 'antrean' | 'briefing' | 'sinkronisasi' | 'pengaturan'

/** path is the menu link; route (default: path) may add '/*' for a screen with nested routes. */
export type Screen = { key: ScreenKey; path: string; route?: string; element: ReactElement }

export const SCREENS: Screen[] = [
  { key: 'ringkasan', path: '/', element: <RingkasanScreen /> },
  { key: 'peta', path: '/peta', route: '/peta/*', element: <PetaScreen /> },
  { key: 'kinerjaOpd', path: '/kinerja-opd', route: '/kinerja-opd/*', element: <KinerjaOpdScreen /> },
  { key: 'antrean', path: '/antrean', route: '/antrean/*', element: <AntreanScreen /> },
  { key: 'briefing', path: '/briefing', element: <BriefingScreen /> },
  { key: 'sinkronisasi', path: '/sinkronisasi', route: '/sinkronisasi/*', element: <SinkronisasiScreen /> },
  { key: 'pengaturan', path: '/pengaturan', element: <PengaturanScreen /> },
]
