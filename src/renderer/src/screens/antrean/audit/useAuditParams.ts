// The audit view's filters, kept in the URL like everything else (aksi, pengguna, unit-log, laporan, mulai,
// hingga) so a supervisor can send a colleague the exact list they are looking at. Dates are ISO in the URL and
// dd/mm/yyyy on screen (DateText).
import { useSearchParams } from 'react-router'

export type AuditParams = { action: string; username: string; unit: string; complaint: string; from: string; to: string }

const KEYS: Record<keyof AuditParams, string> = { action: 'aksi', username: 'pengguna', unit: 'unit-log', complaint: 'laporan', from: 'mulai', to: 'hingga' }

export const EMPTY_AUDIT_PARAMS: AuditParams = { action: '', username: '', unit: '', complaint: '', from: '', to: '' }

/** The URL parameters that belong to this view (and are dropped when leaving it). */
export const AUDIT_URL_KEYS: readonly string[] = Object.values(KEYS)

export function useAuditParams(): [AuditParams, (next: AuditParams) => void] {
  const [params, setParams] = useSearchParams()
  const current = Object.fromEntries(Object.entries(KEYS).map(([k, key]) => [k, params.get(key) ?? ''])) as AuditParams
  const apply = (next: AuditParams) =>
    setParams((prev) => {
      const out = new URLSearchParams(prev)
      for (const [k, key] of Object.entries(KEYS)) {
        const value = next[k as keyof AuditParams].trim()
        if (value) out.set(key, value)
        else out.delete(key)
      }
      return out
    })
  return [current, apply]
}
