// The live channel's state as a React hook, for the connection banner and the "Langsung" indicator.
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { Transport } from './links.ts'

export const ConnectionContext = createContext<Transport['connection'] | null>(null)

export function useConnection() {
  const connection = useContext(ConnectionContext)
  if (!connection) throw new Error('useConnection outside ApiProvider')
  return useSyncExternalStore(connection.subscribe, connection.get)
}
