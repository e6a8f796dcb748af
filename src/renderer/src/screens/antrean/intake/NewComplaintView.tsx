// Pengaduan baru (/antrean/baru): a complaint received by WhatsApp, letter, walk-in or phone, keyed in by an
// operator. The same zod schema as the server checks the form before sending, so messages appear beside the
// field; the server's answer (a number to tell the caller, or what it refused) is shown in place.
import { useMemo, useState } from 'react'
import { Link, useLocation } from 'react-router'
import { skipToken, useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { INTAKE_VIA, intakeInputSchema, type IntakeInput, type IntakeVia } from '#shared/intake.ts'
import type { Klasifikasi } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { zoneLabel } from '#renderer/format.ts'
import { fromLocalInput, toLocalInput } from './localTime.ts'
import './intake.css'
import { LabelledSelect, klasifikasiChoices, placeChoices } from '#renderer/components/LabelledSelect.tsx'

type Form = {
  via: IntakeVia | null
  /** '' until edited: "now" (the kabupaten's zone may not be known yet when the form opens). */
  receivedAt: string
  reference: string
  judul: string
  isi: string
  klasifikasi: Klasifikasi
  categoryId: string
  kecamatan: string
  desa: string
  lokasi: string
  nama: string
  nik: string
  phone: string
  email: string
  isAnonim: boolean
  isRahasia: boolean
}

type Errors = Partial<Record<string, string>>

function emptyForm(): Form {
  return {
    via: null,
    receivedAt: '',
    reference: '',
    judul: '',
    isi: '',
    klasifikasi: 'pengaduan',
    categoryId: '',
    kecamatan: '',
    desa: '',
    lokasi: '',
    nama: '',
    nik: '',
    phone: '',
    email: '',
    isAnonim: false,
    isRahasia: false,
  }
}

/** zod issues (client or server) to one message per form field. */
function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const out: Errors = {}
  for (const i of issues) {
    const key = i.path[0] === 'reporter' ? String(i.path[1]) : String(i.path[0] ?? 'form')
    out[key] ??= i.message
  }
  return out
}

export function NewComplaintView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const { kabupaten } = useFilters()
  const offset = kabupaten?.utc_offset_minutes ?? 420
  const role = useQuery(trpc.session.queryOptions()).data?.user?.role
  const [form, setForm] = useState<Form>(emptyForm)
  const [errors, setErrors] = useState<Errors>({})
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID())
  const kecamatan = useQuery(trpc.regions.kecamatan.queryOptions(kabupaten ? { kabupaten: kabupaten.kode } : skipToken)).data ?? []
  const desa = useQuery(trpc.regions.desa.queryOptions(form.kecamatan ? { kecamatan: form.kecamatan } : skipToken)).data ?? []
  const categories = useQuery(trpc.categories.list.queryOptions()).data ?? []
  const create = useMutation(
    trpc.intake.create.mutationOptions({
      onError: (err) => {
        const issues = (err.data as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues
        if (issues) setErrors(fieldErrors(issues))
      },
    }),
  )
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value, ...(key === 'kecamatan' ? { desa: '' } : {}) }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const topics = useMemo(() => {
    const byParent = new Map<number | null, typeof categories>()
    for (const c of categories) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c])
    return (byParent.get(null) ?? []).map((top) => ({ top, children: byParent.get(top.id) ?? [] }))
  }, [categories])

  if (role && !can(role, 'intake')) {
    return (
      <section className="screen intake">
        <h1 className="screen-title">{t('intake.title')}</h1>
        <p className="form-error" role="alert">
          {t('intake.notAllowed')}
        </p>
      </section>
    )
  }

  const submit = () => {
    if (!kabupaten || create.isPending) return
    const received = form.receivedAt ? fromLocalInput(form.receivedAt, offset) : null
    const payload: IntakeInput = {
      kabupaten: kabupaten.kode,
      via: form.via as IntakeVia,
      receivedAt: received ?? undefined,
      judul: form.judul,
      isi: form.isi,
      klasifikasi: form.klasifikasi,
      categoryId: form.categoryId ? Number(form.categoryId) : null,
      kecamatan: form.kecamatan || null,
      desa: form.desa || null,
      lokasi: form.lokasi,
      reference: form.reference,
      reporter: { nama: form.nama, nik: form.nik, phone: form.phone, email: form.email },
      isAnonim: form.isAnonim,
      isRahasia: form.isRahasia,
      clientKey,
    }
    const checked = intakeInputSchema.safeParse(payload)
    const local: Errors = checked.success ? {} : fieldErrors(checked.error.issues)
    if (form.receivedAt && received === null) local.receivedAt = t('intake.badTime')
    setErrors(local)
    if (Object.values(local).some(Boolean)) return
    create.mutate(payload)
  }

  const again = () => {
    setForm(emptyForm())
    setErrors({})
    setClientKey(crypto.randomUUID())
    create.reset()
  }

  if (create.data) {
    return (
      <section className="screen intake">
        <h1 className="screen-title">{t('intake.title')}</h1>
        <div className="intake-done panel" role="status" data-testid="intake-done">
          <p className="intake-done-lead">{create.data.isNew ? t('intake.saved') : t('intake.savedBefore')}</p>
          <p className="intake-tracking" data-testid="intake-tracking">
            {create.data.trackingId}
          </p>
          <p className="note">{t('intake.tellCaller')}</p>
          <div className="dialog-actions">
            <Link className="button" to={{ pathname: '/antrean/verifikasi', search: withId(search, create.data.id) }} data-testid="intake-open">
              {t('intake.openInQueue')}
            </Link>
            <button type="button" className="button primary" onClick={again} data-testid="intake-again">
              {t('intake.another')}
            </button>
          </div>
        </div>
      </section>
    )
  }

  const hasErrors = Object.values(errors).some(Boolean)
  const problem = create.error && !hasErrors ? describeError(create.error) : null
  const err = (key: string) =>
    errors[key] ? (
      <span className="form-error intake-field-error" data-testid={`error-${key}`}>
        {errors[key]}
      </span>
    ) : null

  return (
    <section className="screen intake" data-testid="intake-screen">
      <div className="intake-head">
        <h1 className="screen-title">{t('intake.title')}</h1>
        <Link className="button" to={{ pathname: '/antrean/verifikasi', search }}>
          {t('intake.back')}
        </Link>
      </div>
      <p className="note intake-lead">{t('intake.lead', { kabupaten: kabupaten?.nama ?? '' })}</p>
      <form
        className="intake-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <div className="intake-col">
          <fieldset className="panel intake-section">
            <legend className="panel-title">{t('intake.sections.received')}</legend>
            <div className="intake-row">
              <span className="field-label">{t('intake.via')}</span>
              <div className="segmented" role="group" aria-label={t('intake.via')}>
                {INTAKE_VIA.map((v) => (
                  <button key={v} type="button" className="segment" aria-pressed={form.via === v} data-testid={`via-${v}`} onClick={() => set('via', v)}>
                    {t(`intake.vias.${v}`)}
                  </button>
                ))}
              </div>
              {err('via')}
            </div>
            <div className="intake-grid">
              <label className="intake-field">
                <span className="field-label">{t('intake.receivedAt', { zone: zoneLabel(kabupaten?.time_zone ?? 'Asia/Jakarta') })}</span>
                <input className="control" type="datetime-local" value={form.receivedAt || toLocalInput(Date.now(), offset)} onChange={(e) => set('receivedAt', e.target.value)} data-testid="intake-received" />
                {err('receivedAt')}
              </label>
              <label className="intake-field">
                <span className="field-label">{t('intake.reference')}</span>
                <input className="control" value={form.reference} placeholder={t('intake.referencePlaceholder')} onChange={(e) => set('reference', e.target.value)} />
                {err('reference')}
              </label>
            </div>
          </fieldset>

          <fieldset className="panel intake-section">
            <legend className="panel-title">{t('intake.sections.complaint')}</legend>
            <label className="intake-field">
              <span className="field-label">{t('intake.judul')}</span>
              <input className="control" value={form.judul} maxLength={300} onChange={(e) => set('judul', e.target.value)} data-testid="intake-judul" />
              {err('judul')}
            </label>
            <label className="intake-field">
              <span className="field-label">{t('intake.isi')}</span>
              <textarea className="control" rows={6} value={form.isi} onChange={(e) => set('isi', e.target.value)} data-testid="intake-isi" />
              {err('isi')}
            </label>
            <div className="intake-grid">
              <LabelledSelect
                className="intake-field"
                label={t('intake.klasifikasi')}
                value={form.klasifikasi}
                onChange={(k) => set('klasifikasi', k as Klasifikasi)}
                options={klasifikasiChoices(t)}
              />
              <LabelledSelect
                className="intake-field"
                label={t('intake.kategori')}
                value={form.categoryId}
                onChange={(c) => set('categoryId', c)}
                testId="intake-kategori"
                blank={t('intake.noKategori')}
                groups={topics.map(({ top, children }) => ({ label: top.nama, options: [top, ...children].map((c) => ({ value: c.id, label: c.nama })) }))}
              />
            </div>
          </fieldset>

        </div>
        <div className="intake-col">
          <fieldset className="panel intake-section">
            <legend className="panel-title">{t('intake.sections.location')}</legend>
            <div className="intake-grid">
              {(['kecamatan', 'desa'] as const).map((f) => (
                <LabelledSelect
                  key={f}
                  className="intake-field"
                  label={t(`intake.${f}`)}
                  value={form[f]}
                  disabled={f === 'desa' && !form.kecamatan}
                  onChange={(v) => set(f, v)}
                  testId={`intake-${f}`}
                  blank={t('intake.unknownPlace')}
                  options={placeChoices(f === 'kecamatan' ? kecamatan : desa)}
                >
                  {err(f)}
                </LabelledSelect>
              ))}
            </div>
            <label className="intake-field">
              <span className="field-label">{t('intake.lokasi')}</span>
              <input className="control" value={form.lokasi} placeholder={t('intake.lokasiPlaceholder')} onChange={(e) => set('lokasi', e.target.value)} />
              {err('lokasi')}
            </label>
          </fieldset>

          <fieldset className="panel intake-section">
            <legend className="panel-title">{t('intake.sections.reporter')}</legend>
            <p className="note">{t('intake.reporterNote')}</p>
            <div className="intake-grid">
              <label className="intake-field">
                <span className="field-label">{t('intake.nama')}</span>
                <input className="control" value={form.nama} autoComplete="off" onChange={(e) => set('nama', e.target.value)} data-testid="intake-nama" />
                {err('nama')}
              </label>
              <label className="intake-field">
                <span className="field-label">{t('intake.nik')}</span>
                <input className="control" value={form.nik} inputMode="numeric" autoComplete="off" onChange={(e) => set('nik', e.target.value)} data-testid="intake-nik" />
                {err('nik')}
              </label>
              <label className="intake-field">
                <span className="field-label">{t('intake.phone')}</span>
                <input className="control" value={form.phone} inputMode="tel" autoComplete="off" onChange={(e) => set('phone', e.target.value)} data-testid="intake-phone" />
                {err('phone')}
              </label>
              <label className="intake-field">
                <span className="field-label">{t('intake.email')}</span>
                <input className="control" value={form.email} inputMode="email" autoComplete="off" onChange={(e) => set('email', e.target.value)} />
                {err('email')}
              </label>
            </div>
            <label className="intake-flag">
              <input type="checkbox" checked={form.isAnonim} onChange={(e) => set('isAnonim', e.target.checked)} data-testid="intake-anonim" />
              <span>
                <strong>{t('intake.anonim')}</strong> — {t('intake.anonimNote')}
              </span>
            </label>
            <label className="intake-flag">
              <input type="checkbox" checked={form.isRahasia} onChange={(e) => set('isRahasia', e.target.checked)} data-testid="intake-rahasia" />
              <span>
                <strong>{t('intake.rahasia')}</strong> — {t('intake.rahasiaNote')}
              </span>
            </label>
          </fieldset>
        </div>

        <div className="intake-actions">
          {problem && (
            <p className="form-error" role="alert" data-testid="intake-error">
              {t(`errors.${problem.kind}`, { detail: problem.detail })}
            </p>
          )}
          {hasErrors && (
            <p className="form-error" role="alert" data-testid="intake-invalid">
              {t('intake.fixFields')}
            </p>
          )}
          <button type="submit" className="button primary intake-submit" disabled={create.isPending || !kabupaten} data-testid="intake-submit">
            {create.isPending ? t('intake.saving') : t('intake.save')}
          </button>
        </div>
      </form>
    </section>
  )
}

function withId(search: string, id: number): string {
  const p = new URLSearchParams(search)
  p.set('id', String(id))
  return `?${p}`
}
