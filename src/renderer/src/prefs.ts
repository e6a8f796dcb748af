// Per-screen preferences that belong to this display, not to the store: language and theme, kept in
// localStorage so a wall screen comes back the way it was set up.
import { useSyncExternalStore } from 'react'

export type Language = 'id' | 'en'
export type Theme = 'dark' | 'light'
export type Prefs = { language: Language; theme: Theme }

const KEY = 'tanggap.prefs'
const DEFAULTS: Prefs = { language: 'id', theme: 'dark' }
const listeners = new Set<() => void>()
let current = read()

function read(): Prefs {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>
    return {
      language: saved.language === 'en' ? 'en' : DEFAULTS.language,
      theme: saved.theme === 'light' ? 'light' : DEFAULTS.theme,
    }
  } catch {
    return DEFAULTS // unreadable or blocked storage must not stop the wall screen
  }
}

export function getPrefs(): Prefs {
  return current
}

export function setPrefs(change: Partial<Prefs>): void {
  current = { ...current, ...change }
  try {
    localStorage.setItem(KEY, JSON.stringify(current))
  } catch {
    // storage full or blocked: the choice still holds for this session
  }
  for (const listener of listeners) listener()
}

export function subscribePrefs(listener: () => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

export function usePrefs(): Prefs {
  return useSyncExternalStore(subscribePrefs, getPrefs)
}
