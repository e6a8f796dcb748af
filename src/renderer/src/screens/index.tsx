// The screens of the app, in menu order: one list for the router and the navigation bar.
// Each screen is its own chunk, loaded when first opened: the map (Leaflet), the charts (Recharts) and the rest
// stay out of the first load, which a desa liaison on a phone over a slow link pays for (issue 18: < 400 KB gzip).
import type { ReactElement } from 'react'
import { lazyScreen } from './lazyScreen.tsx'

const RingkasanScreen = lazyScreen(() => import('./ringkasan/RingkasanScreen.tsx'), 'RingkasanScreen')
const PetaScreen = lazyScreen(() => import('./peta/PetaScreen.tsx'), 'PetaScreen')
const KinerjaOpdScreen = lazyScreen(() => import('./kinerja-opd/KinerjaOpdScreen.tsx'), 'KinerjaOpdScreen')
const AntreanScreen = lazyScreen(() => import('./antrean/AntreanScreen.tsx'), 'AntreanScreen')
const BriefingScreen = lazyScreen(() => import('./briefing/BriefingScreen.tsx'), 'BriefingScreen')
const SinkronisasiScreen = lazyScreen(() => import('./sinkronisasi/SinkronisasiScreen.tsx'), 'SinkronisasiScreen')
const PengaturanScreen = lazyScreen(() => import('./pengaturan/PengaturanScreen.tsx'), 'PengaturanScreen')

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
  { key: 'pengaturan', path: '/pengaturan', route: '/pengaturan/*', element: <PengaturanScreen /> },
]
