// The liaison's (penghubung's) place: the inbox of its units' complaints, one complaint with its history and the
// three things a unit can do with it, and the unit's own numbers beside the kabupaten's. Phone first (a desa
// secretary on a slow link, outdoors): one column, large touch targets, and the light palette whatever the command
// centre's theme, since this screen is read in daylight. No command-centre menu or filters: the API refuses a
// liaison every other procedure anyway. Routes: /penghubung, /penghubung/angka, /penghubung/:id.
import { Route, Routes } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { SessionMenu } from '#renderer/components/SessionMenu.tsx'
import { LanguageSwitch } from '#renderer/components/LanguageSwitch.tsx'
import { InboxView } from './InboxView.tsx'
import { ComplaintView } from './ComplaintView.tsx'
import { NumbersView } from './NumbersView.tsx'
import { useLiaisonLive } from './useLiaisonLive.ts'
import './penghubung.css'

export function PenghubungScreen() {
  const { t } = useTranslation()
  const me = useQuery(useTRPC().liaison.me.queryOptions()).data
  useLiaisonLive()
  return (
    <div className="penghubung" data-theme="light" data-testid="penghubung">
      <header className="ph-top">
        <div className="ph-brand">
          <span className="ph-app">{t('app.name')}</span>
          <span className="ph-units" data-testid="ph-units">
            {me ? me.units.map((u) => u.nama).join(' · ') : t('penghubung.title')}
          </span>
        </div>
        <div className="ph-top-tools">
          <LanguageSwitch />
          <SessionMenu compact />
        </div>
      </header>
      <main className="ph-main">
        <Routes>
          <Route index element={<InboxView />} />
          <Route path="angka" element={<NumbersView />} />
          <Route path=":id" element={<ComplaintView />} />
        </Routes>
      </main>
    </div>
  )
}
