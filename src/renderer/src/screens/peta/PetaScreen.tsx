import { NotAvailable } from '../../components/NotAvailable.tsx'

export function PetaScreen() {
  return <NotAvailable screen="peta" />
}
