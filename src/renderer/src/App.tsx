// Providers and routes. Inside Electron the page is a file:// URL, where only the hash can carry a route;
// in a browser (serve mode) routes are real paths, so a bookmarked wall-screen URL reads naturally.
import { useState } from 'react'
import { createBrowserRouter, createHashRouter, Navigate, useLocation, type RouteObject } from 'react-router'
// The DOM build of RouterProvider: it can apply a navigation with flushSync (see filters/filters.tsx).
import { RouterProvider } from 'react-router/dom'
import { ApiProvider } from './api/ApiProvider.tsx'
import { AppFrame } from './components/AppFrame.tsx'
import { DesktopSignInGate } from './components/DesktopSignIn.tsx'
import { LiaisonRedirect } from './components/LiaisonRedirect.tsx'
import { SCREENS } from './screens/index.tsx'
import { lazyScreen } from './screens/lazyScreen.tsx'

const WallScreen = lazyScreen(() => import('./screens/wall/WallScreen.tsx'), 'WallScreen')
const PenghubungScreen = lazyScreen(() => import('./screens/penghubung/PenghubungScreen.tsx'), 'PenghubungScreen')

/** An unknown path goes to Ringkasan, keeping the kabupaten and period of the link. */
function ToRingkasan() {
  const { search } = useLocation()
  return <Navigate to={{ pathname: '/', search }} replace />
}

const routes: RouteObject[] = [
  // Wall mode lives outside the app frame: kiosk panels with no menu (/dinding, /dinding/peta).
  { path: '/dinding/:panel?', element: <WallScreen /> },
  // A unit's liaison (penghubung): its own phone-first frame, no command-centre menu or filters.
  {
    path: '/penghubung/*',
    element: (
      <DesktopSignInGate>
        <PenghubungScreen />
      </DesktopSignInGate>
    ),
  },
  {
    // Inside the desktop app nobody is signed in at first: the gate asks for a profile's password.
    element: (
      <DesktopSignInGate>
        <LiaisonRedirect>
          <AppFrame />
        </LiaisonRedirect>
      </DesktopSignInGate>
    ),
    children: [
      ...SCREENS.map((s) => (s.path === '/' ? { index: true, element: s.element } : { path: s.route ?? s.path, element: s.element })),
      { path: '*', element: <ToRingkasan /> },
    ],
  },
]

function createRouter() {
  return location.protocol === 'file:' ? createHashRouter(routes) : createBrowserRouter(routes)
}

export function App() {
  const [router] = useState(createRouter)
  return (
    <ApiProvider>
      <RouterProvider router={router} />
    </ApiProvider>
  )
}
