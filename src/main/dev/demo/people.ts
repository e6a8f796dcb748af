// Synthetic reporters: Indonesian names from the mix found in Kalimantan Timur and Kepulauan Riau (Kutai, Banjar,
// Bugis, Jawa, Dayak, Melayu), a NIK shaped like the real one (kabupaten + kecamatan + birth date + serial) and an
// Indonesian mobile number. All invented; any match with a real person is chance.
import { Rng } from './random.ts'

const MALE = ['Ahmad', 'Muhammad', 'Abdul', 'Agus', 'Budi', 'Bambang', 'Hendra', 'Rudi', 'Andi', 'Syamsul', 'Rahmat', 'Arif', 'Eko',
  'Joko', 'Slamet', 'Sugianto', 'Wahyu', 'Yusuf', 'Ridwan', 'Fajar', 'Hasan', 'Iwan', 'Dedi', 'Irwan', 'Zainal', 'Herman', 'Taufik',
  'Samsudin', 'Syahrir', 'Mansyur', 'Darmawan', 'Rizky', 'Aditya', 'Dimas', 'Bayu', 'Gilang', 'Hamzah', 'Yohanes', 'Petrus',
  'Stefanus', 'Daud', 'Lukas', 'Markus', 'Abdullah', 'Amiruddin', 'Baharuddin', 'Hasanuddin', 'Jumadi', 'Kamaruddin', 'Lahmuddin',
  'Nasrullah', 'Saiful', 'Wan', 'Raja', 'Tengku', 'Usman', 'Zulkifli', 'Firman', 'Hendrik', 'Imran', 'Ilham', 'Junaidi', 'Kadir',
  'Suparman', 'Sutrisno', 'Sukardi', 'Paulus', 'Ignatius', 'Yakobus', 'Ardiansyah', 'Reza', 'Fikri', 'Nanda', 'Riyan']
const FEMALE = ['Siti', 'Nur', 'Sri', 'Dewi', 'Rina', 'Wati', 'Yuli', 'Fitri', 'Rahma', 'Nurhayati', 'Hasnah', 'Halimah', 'Aminah',
  'Ratna', 'Lestari', 'Indah', 'Ayu', 'Putri', 'Novi', 'Dian', 'Erna', 'Mega', 'Yanti', 'Sumiati', 'Suryani', 'Hartini', 'Wulan',
  'Rosmini', 'Nurjannah', 'Kartini', 'Fatimah', 'Aisyah', 'Maria', 'Theresia', 'Magdalena', 'Yohana', 'Agustina', 'Murni', 'Salmah',
  'Rusmini', 'Masitah', 'Juwita', 'Nabila', 'Anisa', 'Salsabila', 'Citra', 'Eka', 'Tri', 'Nining', 'Ernawati', 'Marlina', 'Suriani',
  'Hajrah', 'Jumiati', 'Syarifah', 'Zuraidah', 'Kasmawati', 'Rosnah', 'Mariani', 'Evi', 'Lina', 'Susanti', 'Wahyuni', 'Asmah']
const SECOND = ['Saputra', 'Pratama', 'Hidayat', 'Kurniawan', 'Setiawan', 'Wijaya', 'Rahman', 'Syahputra', 'Nugroho', 'Santoso',
  'Gunawan', 'Hakim', 'Ramadhan', 'Firmansyah', 'Hasibuan', 'Siregar', 'Pasaribu', 'Lumban Gaol', 'Tampubolon', 'Daeng Mapata',
  'Lahay', 'Rusdi', 'Idris', 'Mahmud', 'Yusran', 'Ismail', 'Anwar', 'Nasution', 'Sembiring', 'Ginting', 'Lung', 'Ajang', 'Ding',
  'Hanyeq', 'Bilung', 'Lawing', 'Yunus', 'Salim', 'Amin', 'Said', 'Jafar', 'Hamid', 'Aziz', 'Harahap', 'Purnomo', 'Susilo',
  'Wibowo', 'Handayani', 'Sari', 'Rahayu', 'Wulandari', 'Safitri', 'Anggraini', 'Permatasari', 'Maulida', 'Kusuma', 'Lestari']
const FEMALE_SECOND = new Set(['Handayani', 'Sari', 'Rahayu', 'Wulandari', 'Safitri', 'Anggraini', 'Permatasari', 'Maulida', 'Lestari'])

// Mobile prefixes of the big operators (Telkomsel, Indosat, XL, Tri, Axis, Smartfren).
const PREFIXES = ['0811', '0812', '0813', '0821', '0822', '0823', '0852', '0853', '0851', '0814', '0815', '0816', '0855', '0856',
  '0857', '0858', '0817', '0818', '0819', '0859', '0877', '0878', '0895', '0896', '0897', '0898', '0831', '0832', '0838', '0881', '0882']

export type Person = { nama: string; nik: string | null; phone: string | null; email: string | null; female: boolean }

export function makePerson(rng: Rng, kabupaten: string, kecamatan: string | null, year: number, channel: string): Person {
  const female = rng.chance(0.42)
  let nama = female ? rng.pick(FEMALE) : rng.pick(MALE)
  if (rng.chance(0.75)) {
    let second = rng.pick(SECOND)
    if (!female && FEMALE_SECOND.has(second)) second = 'Saputra'
    nama = nama === second ? nama : `${nama} ${second}`
  }
  // Walk-ins and letters are keyed in by an operator who does not always note a NIK.
  const hasNik = channel === 'tatap_muka' || channel === 'surat' ? rng.chance(0.6) : rng.chance(0.93)
  const nik = hasNik ? makeNik(rng, kabupaten, kecamatan, year, female) : null
  const phone = channel === 'surat' && rng.chance(0.4) ? null : makePhone(rng)
  const email = channel === 'web' || channel === 'app_android' || channel === 'app_ios' ? (rng.chance(0.45) ? makeEmail(rng, nama) : null) : rng.chance(0.08) ? makeEmail(rng, nama) : null
  return { nama, nik, phone, email, female }
}

/** PP KK CC DDMMYY SSSS: province, kabupaten, kecamatan, birth date (day + 40 for women), serial. */
export function makeNik(rng: Rng, kabupaten: string, kecamatan: string | null, year: number, female: boolean): string {
  const kab = kabupaten.replace('.', '')
  const kec = kecamatan ? kecamatan.slice(6, 8) : String(rng.range(1, 18)).padStart(2, '0')
  const born = year - rng.range(18, 72)
  const day = rng.range(1, 28) + (female ? 40 : 0)
  const month = rng.range(1, 12)
  return `${kab}${kec}${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(born % 100).padStart(2, '0')}${String(rng.range(1, 3999)).padStart(4, '0')}`
}

export function makePhone(rng: Rng): string {
  return rng.pick(PREFIXES) + rng.digits(rng.chance(0.8) ? 8 : 7)
}

/** The way people type their number into a complaint: 0812-3456-7890, 0812 3456 7890 or run together. */
export function formatPhone(rng: Rng, phone: string): string {
  const r = rng.next()
  if (r < 0.45) return `${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`
  if (r < 0.65) return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`
  if (r < 0.8) return `+62${phone.slice(1)}`
  return phone
}

function makeEmail(rng: Rng, nama: string): string {
  const parts = nama.toLowerCase().replace(/[^a-z ]/g, '').split(' ')
  const user = rng.chance(0.5) ? parts.join('.') : parts[0] + (parts[1]?.[0] ?? '')
  const num = rng.chance(0.6) ? String(rng.range(1, 99)) : ''
  const r = rng.next()
  const domain = r < 0.82 ? 'gmail.com' : r < 0.92 ? 'yahoo.com' : r < 0.97 ? 'yahoo.co.id' : 'outlook.com'
  return `${user}${num}@${domain}`
}
