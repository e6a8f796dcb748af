import { NotAvailable } from '../../components/NotAvailable.tsx'

export function KinerjaOpdScreen() {
  return <NotAvailable screen="kinerjaOpd" />
}
