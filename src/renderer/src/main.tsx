import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/theme.css'
import './styles/app.css'
import { initI18n } from './i18n.ts'
import { initTheme } from './theme.ts'
import { App } from './App.tsx'

// Theme and language first, so the first paint is already right (no inline script is allowed to do it earlier).
initTheme()
initI18n()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
