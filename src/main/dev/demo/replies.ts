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
/** The answers that say nothing (KPI work spots them); exported with the general answers for the demo's tests. */
export const BOILERPLATE_TEXTS = ['Laporan Anda sudah kami terima dan sedang dalam proses.', 'Terima kasih, laporan akan segera kami tindaklanjuti.',
  'Sedang dikoordinasikan dengan pihak terkait.', 'Baik, terima kasih informasinya.', 'Laporan sudah diterima dan akan ditindaklanjuti sesuai prosedur.']
const BOILERPLATE = all(BOILERPLATE_TEXTS)
// Thanks that fit any answer; the ones that say the problem is gone only after a tindak lanjut reporting the work done.
const THANKS = all(['Terima kasih atas tindak lanjutnya.', 'Baik, terima kasih penjelasannya.', 'Terima kasih respon cepatnya.', 'Mantap pak, terima kasih.'])
const THANKS_DONE = all(['Alhamdulillah sudah beres, terima kasih banyak.', 'Sudah ditangani, terima kasih respon cepatnya.', 'Benar pak, sudah selesai. Terima kasih.'])
const NOT_YET_ANSWER = all(['Pertanyaan saya belum terjawab pak.', 'Maaf, yang saya tanyakan bukan itu.', 'Mohon dijawab lebih jelas.'])
const NOT_YET = all(['Jawabannya tidak sesuai, masalahnya masih sama.', 'Kapan realisasinya pak? Ini {dur}.', 'Itu hanya janji, sampai hari ini belum ada apa-apa.',
  'Mohon jangan ditutup dulu, belum selesai.', 'Sampai sekarang belum ada perubahan pak.'])
const DETAIL_REPLY = all(['Lokasinya di {lokasi}, dekat {jalan}.', 'Lokasi persisnya di {desa}, {rt}.', 'Sudah saya lampirkan foto terbaru.'])
// Answers to a suggestion or a question: the topic's scenarios answer complaints, not these.
export const ASPIRASI_TL_TEXTS = ['Usulan Bapak/Ibu telah kami catat dan akan dibahas dalam penyusunan rencana kegiatan tahun anggaran berikutnya.',
  'Terima kasih atas usulannya. Usulan ini kami sampaikan pada forum musrenbang tingkat kabupaten untuk dipertimbangkan sesuai ketersediaan anggaran.',
  'Usulan telah kami terima dan akan dikaji kelayakannya oleh tim teknis.']
const ASPIRASI_TL = all(ASPIRASI_TL_TEXTS)
export const TANYA_TL_TEXTS = ['Terima kasih atas pertanyaannya. Penjelasan lengkap telah kami sampaikan kepada pelapor melalui nomor kontak yang tercantum; informasi juga dapat diperoleh di kantor {unit} pada jam kerja.',
  'Informasi yang ditanyakan dapat diperoleh langsung di loket pelayanan {unit} pada hari kerja pukul 08.00–15.00, atau melalui media sosial resmi kami.',
  'Pertanyaan Bapak/Ibu telah kami jawab melalui telepon pada {tgl}. Untuk persyaratan tertulis silakan datang ke kantor {unit}.']
const TANYA_TL = all(TANYA_TL_TEXTS)

/** A later answer to a reporter who was not satisfied: fits any scenario (the first answer said what was done). */
export const FOLLOW_UP_TEXTS = ['Menanggapi balasan pelapor, petugas kami telah kembali mengecek pada {tgl}; penanganan masih berjalan dan perkembangannya akan kami sampaikan.',
  'Kami telah menghubungi pelapor pada {tgl} untuk menjelaskan langkah yang sedang dilakukan. Mohon kesabarannya, penanganan lanjutan tetap kami pantau.',
  'Terima kasih atas tanggapannya. Hal yang disampaikan pelapor telah kami koordinasikan kembali pada {tgl} dan akan ditindaklanjuti.']
const FOLLOW_UP = all(FOLLOW_UP_TEXTS)

export function followUp(ctx: TextContext): string {
  const { rng } = ctx
  return [ctx.render(rng.pick(FOLLOW_UP), 0), rng.chance(0.5) ? ctx.render(rng.pick(PENUTUP), 0) : ''].filter(Boolean).join(' ')
}

/** What the unit answers: the complaint's scenario (scenario < 0: a suggestion or a question, answered in general terms). */
export function tindakLanjut(ctx: TextContext, topic: string, scenario: number, klasifikasi: string, boilerplate: boolean): string {
  const { rng } = ctx
  if (boilerplate) return ctx.render(rng.pick(BOILERPLATE), 0)
  const list = klasifikasi === 'aspirasi' ? ASPIRASI_TL : klasifikasi === 'permintaan_informasi' ? TANYA_TL : topicTexts(topic).scenarios[scenario].tl
  const parts = [rng.chance(0.8) ? ctx.render(rng.pick(SALAM), 0) : '', ctx.render(rng.pick(list), 0), rng.chance(0.4) ? ctx.render(rng.pick(EXTRA), 0) : '',
    rng.chance(0.6) ? ctx.render(rng.pick(PENUTUP), 0) : '']
  return parts.filter(Boolean).join(' ')
}

/** The later tindak lanjut reporting the scenario's work as done (only for scenarios with one). */
export function tuntas(ctx: TextContext, topic: string, scenario: number): string {
  const { rng } = ctx
  return [ctx.render(rng.pick(topicTexts(topic).scenarios[scenario].tuntas), 0), rng.chance(0.5) ? ctx.render(rng.pick(PENUTUP), 0) : ''].filter(Boolean).join(' ')
}

/** True when the scenario's fix is a piece of work reported later in its own tindak lanjut. */
export function hasTuntas(topic: string, scenario: number): boolean {
  return scenario >= 0 && topicTexts(topic).scenarios[scenario].tuntas.length > 0
}

export function pelaporReply(ctx: TextContext, satisfied: boolean, done: boolean, question: boolean): string {
  const { rng } = ctx
  return ctx.render(rng.pick(!satisfied ? (question ? NOT_YET_ANSWER : NOT_YET) : done ? THANKS_DONE : THANKS), rng.chance(0.5) ? 1 : 2)
}

export function detailReply(ctx: TextContext): string {
  return ctx.render(ctx.rng.pick(DETAIL_REPLY), 1)
}

// Asking for the place only when the report does not name one.
const TUNDA_PLACE = ['Laporan belum memenuhi unsur 5W1H. Mohon pelapor melengkapi lokasi kejadian, waktu, dan foto pendukung.',
  'Mohon pelapor melengkapi lokasi (desa/kecamatan) yang dimaksud agar dapat diteruskan ke OPD terkait.']
const TUNDA = ['Isi laporan belum cukup jelas untuk ditindaklanjuti. Mohon lengkapi waktu kejadian dan pihak yang dimaksud.',
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

export function tundaReason(rng: Rng, hasPlace: boolean): string {
  return rng.pick(hasPlace || rng.chance(0.3) ? TUNDA : TUNDA_PLACE)
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
