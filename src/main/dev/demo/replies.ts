// What the Pemda side writes in the history: OPD answers (substantive ones and the boilerplate that KPI work wants
// to spot), reporters' follow-ups, and the reasons admins give for tunda, bukan wewenang, arsip and re-disposition.
import { Rng } from './random.ts'
import { compile, topicTexts, TextContext, type Template } from './texts.ts'

const all = (list: string[]) => list.map(compile)

const SALAM = all(['Terima kasih atas laporan Bapak/Ibu.', 'Selamat siang, terima kasih telah menyampaikan laporan melalui SP4N-LAPOR!.',
  'Terima kasih atas partisipasi Saudara dalam pengawasan pelayanan publik.', 'Menindaklanjuti laporan Saudara,', 'Yth. Pelapor,'])
const EXTRA = all(['Dokumentasi kegiatan terlampir.', 'Untuk informasi lebih lanjut silakan menghubungi kantor kami pada jam kerja.',
  'Kami akan terus memantau perkembangan di lapangan.', 'Mohon maaf atas ketidaknyamanan yang terjadi.'])
const PENUTUP = all(['Demikian kami sampaikan.', 'Salam, {unit}.', 'Terima kasih.', 'Demikian, atas perhatiannya kami ucapkan terima kasih.'])
const BOILERPLATE = all(['Laporan Anda sudah kami terima dan sedang dalam proses.', 'Terima kasih, laporan akan segera kami tindaklanjuti.',
  'Sedang dikoordinasikan dengan pihak terkait.', 'Baik, terima kasih informasinya.', 'Laporan sudah diterima dan akan ditindaklanjuti sesuai prosedur.'])
const DESA_UNIT = all(['Kami telah berkoordinasi dengan ketua RT dan kepala dusun setempat pada {tgl}.',
  'Pemerintah desa telah menindaklanjuti dengan musyawarah bersama warga pada {tgl}.', 'Kepala desa bersama perangkat telah turun ke lokasi pada {tgl}.'])
const KEC_UNIT = all(['Camat bersama staf telah meninjau lokasi pada {tgl}.', 'Kami telah memanggil kepala desa terkait untuk klarifikasi pada {tgl}.',
  'Permasalahan ini telah dibahas dalam rapat koordinasi kecamatan pada {tgl}.'])
const THANKS = all(['Terima kasih pak, sudah diperbaiki.', 'Alhamdulillah sudah beres, terima kasih banyak.', 'Sudah ditangani, terima kasih respon cepatnya.',
  'Terima kasih atas tindak lanjutnya.', 'Mantap pak, terima kasih.'])
const NOT_YET = all(['Belum ada perbaikan sampai sekarang pak.', 'Petugas belum datang ke lokasi.', 'Jawabannya tidak sesuai, masalahnya masih sama.',
  'Kapan realisasinya pak? Ini {dur}.', 'Itu hanya janji, sampai hari ini belum ada apa-apa.', 'Mohon jangan ditutup dulu, belum selesai.'])
const DETAIL_REPLY = all(['Lokasinya di {lokasi}, dekat {jalan}.', 'Lokasi persisnya di {desa}, {rt}.', 'Sudah saya lampirkan foto terbaru.'])

export function tindakLanjut(ctx: TextContext, topic: string, unitKind: string, boilerplate: boolean): string {
  const { rng } = ctx
  if (boilerplate) return ctx.render(rng.pick(BOILERPLATE), 0)
  const t = topicTexts(topic)
  const local = unitKind === 'kecamatan' ? KEC_UNIT : unitKind === 'desa' ? DESA_UNIT : null
  const core = (local ? ctx.render(rng.pick(local), 0) + ' ' : '') + ctx.render(rng.pick(t.tl), 0)
  const parts = [rng.chance(0.8) ? ctx.render(rng.pick(SALAM), 0) : '', core, rng.chance(0.4) ? ctx.render(rng.pick(EXTRA), 0) : '',
    rng.chance(0.6) ? ctx.render(rng.pick(PENUTUP), 0) : '']
  return parts.filter(Boolean).join(' ')
}

export function tuntas(ctx: TextContext, topic: string): string {
  const { rng } = ctx
  return [ctx.render(rng.pick(topicTexts(topic).tuntas), 0), rng.chance(0.5) ? ctx.render(rng.pick(PENUTUP), 0) : ''].filter(Boolean).join(' ')
}

export function pelaporReply(ctx: TextContext, satisfied: boolean): string {
  const { rng } = ctx
  return ctx.render(rng.pick(satisfied ? THANKS : NOT_YET), rng.chance(0.5) ? 1 : 2)
}

export function detailReply(ctx: TextContext): string {
  return ctx.render(ctx.rng.pick(DETAIL_REPLY), 1)
}

const TUNDA = ['Laporan belum memenuhi unsur 5W1H. Mohon pelapor melengkapi lokasi kejadian, waktu, dan foto pendukung.',
  'Mohon pelapor melengkapi lokasi (desa/kecamatan) yang dimaksud agar dapat diteruskan ke OPD terkait.',
  'Isi laporan belum cukup jelas untuk ditindaklanjuti. Mohon sertakan nama sekolah/puskesmas/jalan yang dimaksud.',
  'Laporan ditunda: mohon lampirkan bukti pendukung.', 'Mohon dijelaskan kronologi kejadian secara lebih rinci.']
const ARSIP_DIRECT = ['Laporan tidak berisi pengaduan (uji coba aplikasi).', 'Isi laporan hanya berupa salam/tidak bermakna.',
  'Laporan berisi ujaran yang tidak pantas dan tidak dapat ditindaklanjuti.']
const ARSIP_AFTER_TUNDA = ['Tidak ada kelengkapan data dari pelapor setelah laporan ditunda; laporan diarsipkan.',
  'Pelapor tidak merespons permintaan kelengkapan data dalam batas waktu.']

const BUKAN_WEWENANG: Record<string, string[]> = {
  listrik: ['Kewenangan {pln} (BUMN). Laporan dikembalikan ke Admin Nasional untuk diteruskan ke PT PLN (Persero).',
    'Penyediaan dan gangguan listrik merupakan kewenangan PT PLN (Persero); laporan dikembalikan ke Admin Nasional.'],
  jalan: ['Ruas jalan tersebut berstatus jalan nasional, kewenangan {bpjn}. Laporan dikembalikan ke Admin Nasional.',
    'Ruas jalan tersebut merupakan jalan provinsi, kewenangan Dinas PUPR Provinsi.'],
  sekolah: ['SMA/SMK merupakan kewenangan Dinas Pendidikan Provinsi; laporan dikembalikan ke Admin Nasional.'],
  ppdb: ['PPDB SMA/SMK diselenggarakan oleh Dinas Pendidikan Provinsi.'],
  beasiswa: ['Program KIP/PIP dikelola Kementerian; laporan dikembalikan ke Admin Nasional.'],
  guru: ['Guru SMA/SMK merupakan kewenangan pemerintah provinsi.'],
  bpjs: ['Kepesertaan JKN merupakan kewenangan BPJS Kesehatan; laporan dikembalikan ke Admin Nasional untuk diteruskan ke BPJS Kesehatan.'],
  pungli: ['Dugaan tindak pidana; laporan diteruskan ke Satgas Saber Pungli/aparat penegak hukum melalui Admin Nasional.'],
  pencemaran: ['Pengawasan izin lingkungan perusahaan tersebut merupakan kewenangan pemerintah provinsi/kementerian.'],
  laut: ['Keselamatan pelayaran dan jadwal kapal antarprovinsi merupakan kewenangan KSOP/Kementerian Perhubungan.'],
  udara: ['Jadwal dan tarif penerbangan merupakan kewenangan maskapai dan Kementerian Perhubungan.'],
  sinyal: ['Jaringan seluler merupakan kewenangan operator seluler dan BAKTI Kominfo; laporan dikembalikan ke Admin Nasional.'],
  trantib: ['Laporan berkaitan dengan tindak pidana; kewenangan Kepolisian.'],
}
const BUKAN_WEWENANG_DEFAULT = ['Bukan kewenangan Pemerintah Kabupaten {kab}; laporan dikembalikan ke Admin Nasional LAPOR!.',
  'Substansi laporan merupakan kewenangan instansi vertikal; dikembalikan ke Admin Nasional.']
const BW = Object.fromEntries(Object.entries(BUKAN_WEWENANG).map(([k, v]) => [k, all(v)]))
const BW_DEFAULT = all(BUKAN_WEWENANG_DEFAULT)

export function tundaReason(rng: Rng): string {
  return rng.pick(TUNDA)
}

export function arsipReason(rng: Rng, afterTunda: boolean, trackingId: number): string {
  if (afterTunda) return rng.pick(ARSIP_AFTER_TUNDA)
  return rng.chance(0.55) ? `Laporan ganda dengan laporan #${trackingId - rng.range(1, 400)}.` : rng.pick(ARSIP_DIRECT)
}

export function bukanWewenangReason(ctx: TextContext, topic: string): string {
  const list: Template[] = BW[topic] && ctx.rng.chance(0.85) ? BW[topic] : BW_DEFAULT
  return ctx.render(ctx.rng.pick(list), 0)
}

export function wrongUnitNote(rng: Rng, right: string): string {
  return rng.pick([
    `Bukan kewenangan kami, mohon diteruskan ke ${right}.`,
    `Substansi laporan ini merupakan tugas ${right}, mohon didisposisikan ulang.`,
    `Mohon maaf, laporan ini bukan kewenangan kami. Sebaiknya diteruskan ke ${right}.`,
  ])
}

export function redispositionReason(rng: Rng, wrong: string, right: string): string {
  return rng.pick([
    `Disposisi ulang: ${wrong} menyatakan bukan kewenangannya, diteruskan ke ${right}.`,
    `Salah disposisi ke ${wrong}; diteruskan ke ${right}.`,
    `Dikembalikan oleh ${wrong} (bukan kewenangan). Didisposisikan ke ${right}.`,
  ])
}

export function dispositionBody(rng: Rng): string | null {
  return rng.chance(0.6) ? rng.pick(['Mohon ditindaklanjuti sesuai kewenangan.', 'Mohon ditindaklanjuti paling lambat 5 hari kerja.',
    'Mohon segera ditindaklanjuti dan hasilnya dilaporkan melalui LAPOR!.', 'Untuk ditindaklanjuti.']) : null
}

export function reminderNote(rng: Rng): string {
  return rng.pick(['Mohon segera ditindaklanjuti, laporan telah melewati batas waktu 5 hari kerja.',
    'Pengingat: laporan ini belum mendapat tindak lanjut.', 'Mohon perhatian, pelapor menanyakan perkembangan laporannya.'])
}

export function closeReason(rng: Rng, auto: boolean): string {
  if (auto) return 'Selesai otomatis: 10 hari kerja setelah tindak lanjut tanpa tanggapan dari pelapor.'
  return rng.pick(['Tindak lanjut telah diberikan dan dinilai memadai.', 'Pelapor menyatakan permasalahan telah selesai.',
    'Permasalahan telah ditangani oleh OPD terkait.'])
}

export function internalForward(bidang: string): string {
  return `Diteruskan ke ${bidang} untuk ditangani.`
}
