import { NotAvailable } from '../../components/NotAvailable.tsx'

export function AntreanScreen() {
  return <NotAvailable screen="antrean" />
}
