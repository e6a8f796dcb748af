// Antrean: the work queues where officials triage complaints and supervisors fix misrouted ones, and the audit
// log of what was done (/antrean/audit). Routes: /antrean → /antrean/verifikasi; /antrean/<queue>; /antrean/audit.
// Here: the queue view (tabs, toolbar, virtualised list, selection, keys); detail/ the open complaint and its
// claim; actions/ the triage actions (buttons, dialog, outcome); audit/ the audit log browser; intake/ manual entry
// of a complaint received by the Pemda's own channels (/antrean/baru).
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router'
import { QueueView } from './QueueView.tsx'
import { AuditView } from './audit/AuditView.tsx'
import { NewComplaintView } from './intake/NewComplaintView.tsx'
import { isQueue } from './queues.ts'
import { GandaView } from './ganda/GandaView.tsx'
import './antrean.css'

export function AntreanScreen() {
  return (
    <Routes>
      <Route path="audit" element={<AuditView />} />
      <Route path="baru" element={<NewComplaintView />} />
      <Route path="ganda" element={<GandaView />} />
      <Route path=":queue" element={<KnownQueue />} />
      <Route path="*" element={<ToFirstQueue />} />
    </Routes>
  )
}

/** An unknown queue name (an old bookmark) opens Verifikasi, keeping the rest of the link. */
function KnownQueue() {
  const { queue } = useParams()
  return isQueue(queue) ? <QueueView /> : <ToFirstQueue />
}

function ToFirstQueue() {
  const { search } = useLocation()
  return <Navigate to={{ pathname: '/antrean/verifikasi', search }} replace />
}
