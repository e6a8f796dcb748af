// One complaint as the liaison sees it: what is asked and by when, the report itself (never the reporter: the
// server hides identity from this role), its history, and the three answers a unit can give.
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatDate } from '#renderer/format.ts'
import { HISTORY_LABELS } from '#shared/liaison.ts'
import { DeadlineBadge } from './DeadlineBadge.tsx'
import { ExtensionForm, ReplyForm, ReturnForm } from './ActionForms.tsx'
import { LoadState } from './LoadState.tsx'

type Action = 'balas' | 'waktu' | 'kembali'
const ACTIONS: Action[] = ['balas', 'waktu', 'kembali']

const dateTime = (ms: number, lng: string) =>
  new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms)

export function ComplaintView() {
  const { t, i18n } = useTranslation()
  const lng = i18n.language === 'en' ? 'en' : 'id'
  const id = Number(useParams().id)
  const detail = useQuery({ ...useTRPC().liaison.detail.queryOptions({ id }), enabled: Number.isInteger(id) && id > 0 })
  const [action, setAction] = useState<Action>('balas')
  const [done, setDone] = useState<string | null>(null)
  const d = detail.data
  return (
    <section className="ph-complaint" data-testid="ph-complaint">
      <Link className="ph-back" to="/penghubung" data-testid="ph-back">
        ← {t('penghubung.back')}
      </Link>
      <LoadState query={detail} />
      {d && (
        <>
          <div className="ph-card is-static">
            <div className="ph-card-top">
              <DeadlineBadge sisaHariKerja={d.sisaHariKerja} terlambat={d.terlambat} />
              <span className="ph-nomor">{d.nomor}</span>
            </div>
            <h1 className="ph-judul">{d.judul ?? t('penghubung.noTitle')}</h1>
            {d.tenggat && <p className="ph-meta">{t('penghubung.detail.deadline', { date: formatDate(d.tenggat) })}</p>}
            {d.diminta && (
              <p className="ph-diminta">
                <span className="ph-label">{t('penghubung.asked')}</span> {d.diminta}
              </p>
            )}
            <dl className="ph-facts">
              <dt>{t('penghubung.detail.status')}</dt>
              <dd>{t(`status.${d.status}`)}</dd>
              <dt>{t('penghubung.detail.unit')}</dt>
              <dd>{d.unit.nama ?? '–'}</dd>
              {d.kategori && (
                <>
                  <dt>{t('penghubung.detail.category')}</dt>
                  <dd>{d.kategori}</dd>
                </>
              )}
              <dt>{t('penghubung.detail.place')}</dt>
              <dd>{[d.lokasi, d.desa, d.kecamatan].filter(Boolean).join(', ') || '–'}</dd>
              <dt>{t('penghubung.detail.received')}</dt>
              <dd>{dateTime(d.masuk, lng)}</dd>
              <dt>{t('penghubung.detail.reporter')}</dt>
              <dd data-testid="ph-reporter">
                {d.pelapor
                  ? [d.pelapor.nama, d.pelapor.telepon, d.pelapor.email].filter(Boolean).join(' · ')
                  : t(`penghubung.detail.reporterHidden.${d.pelaporDisembunyikan ?? 'peran'}`)}
              </dd>
            </dl>
            {d.isi && <p className="ph-isi">{d.isi}</p>}
          </div>
          {d.ditolakKembali && (
            <p className="ph-tag is-rejected" data-testid="ph-rejected">
              {t('penghubung.inbox.rejected', { alasan: d.ditolakKembali.alasan })}
            </p>
          )}
          {done && (
            <p className="ph-success" role="status" data-testid="ph-done">
              {done}
            </p>
          )}
          {d.menungguKeputusan ? (
            <p className="ph-tag is-waiting" data-testid="ph-waiting">
              {t('penghubung.detail.waiting')}
            </p>
          ) : (
            <div className="ph-actions">
              <div className="ph-action-tabs" role="tablist" aria-label={t('penghubung.actions.label')}>
                {ACTIONS.map((a) => (
                  <button key={a} type="button" role="tab" aria-selected={a === action} className="ph-action-tab" data-testid={`ph-action-${a}`} onClick={() => setAction(a)}>
                    {t(`penghubung.actions.${a}`)}
                  </button>
                ))}
              </div>
              {action === 'balas' && <ReplyForm id={d.id} onDone={setDone} />}
              {action === 'waktu' && <ExtensionForm id={d.id} onDone={setDone} />}
              {action === 'kembali' && <ReturnForm id={d.id} currentUnit={d.unit.id} onDone={setDone} />}
            </div>
          )}
          <h2 className="ph-subtitle">{t('penghubung.detail.history')}</h2>
          <ol className="ph-history" data-testid="ph-history">
            {[...d.riwayat].reverse().map((h, i) => (
              <li key={i} className={`ph-event is-${h.aksi}`}>
                <span className="ph-event-when">{dateTime(h.pada, lng)}</span>
                <strong>{HISTORY_LABELS[lng][h.aksi]}</strong>
                {h.status && <span className="ph-meta"> → {t(`status.${h.status}`)}</span>}
                {(h.dari || h.ke) && <span className="ph-meta">{[h.dari, h.ke].filter(Boolean).join(' → ')}</span>}
                {h.oleh && <span className="ph-meta">{h.oleh}</span>}
                {h.catatan && <p className="ph-event-note">{h.catatan}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
