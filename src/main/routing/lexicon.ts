// Word lists for reading citizens' Indonesian: the abbreviations of everyday writing (yg, tdk, sdh…), words from
// the regional languages spoken in the two seed kabupaten (Banjar and Kutai Malay, Javanese and Bugis of the
// transmigrant villages in Kutai Timur; Riau-Malay of Natuna), and the function words that carry no topic.
// A replacement may be several words ("rs" -> "rumah sakit"); an empty replacement drops the word.

/** Abbreviations and informal spellings -> the standard word(s). */
export const INFORMAL: Record<string, string> = {
  // negation and aspect
  tdk: 'tidak', tak: 'tidak', gk: 'tidak', ga: 'tidak', gak: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak', engga: 'tidak',
  g: 'tidak', kagak: 'tidak', ndak: 'tidak', nda: 'tidak', tdak: 'tidak', tidk: 'tidak',
  sdh: 'sudah', udh: 'sudah', udah: 'sudah', dah: 'sudah', sudh: 'sudah', sdah: 'sudah', uda: 'sudah',
  blm: 'belum', blom: 'belum', belom: 'belum', blum: 'belum', lom: 'belum',
  bgt: 'sangat', banget: 'sangat', bngt: 'sangat', sgt: 'sangat', sngt: 'sangat',
  msh: 'masih', masi: 'masih', lg: 'lagi', lgi: 'lagi', jg: 'juga', jga: 'juga', aja: 'saja', aj: 'saja', doang: 'saja',
  // connectives and prepositions
  yg: 'yang', yng: 'yang', dr: 'dari', dri: 'dari', utk: 'untuk', untk: 'untuk', ut: 'untuk', buat: 'untuk',
  krn: 'karena', karna: 'karena', krna: 'karena', coz: 'karena', dgn: 'dengan', dg: 'dengan', dngn: 'dengan', ama: 'sama', sm: 'sama',
  tp: 'tetapi', tpi: 'tetapi', tapi: 'tetapi', pd: 'pada', dlm: 'dalam', spt: 'seperti', kyk: 'seperti', kayak: 'seperti', kek: 'seperti',
  kalo: 'kalau', klo: 'kalau', klu: 'kalau', kl: 'kalau', sampe: 'sampai', smp: 'sampai', smpe: 'sampai', trs: 'terus', trus: 'terus',
  gmn: 'bagaimana', gimana: 'bagaimana', knp: 'kenapa', napa: 'kenapa', kpn: 'kapan', dmn: 'di mana', kmn: 'ke mana',
  // people
  sy: 'saya', sya: 'saya', aku: 'saya', gw: 'saya', gue: 'saya', gua: 'saya', kmi: 'kami', kt: 'kita',
  org: 'orang', bpk: 'bapak', bp: 'bapak', min: 'admin', mimin: 'admin',
  // time and quantity
  skrg: 'sekarang', skrng: 'sekarang', skr: 'sekarang', thn: 'tahun', th: 'tahun', bln: 'bulan', hr: 'hari', mgg: 'minggu',
  byk: 'banyak', bnyk: 'banyak', bnyak: 'banyak', sdkt: 'sedikit', tiap: 'setiap', tiap2: 'setiap',
  // requests and politeness
  tlg: 'tolong', tlong: 'tolong', mhn: 'mohon', mohn: 'mohon', sgr: 'segera', makasih: 'terima kasih', mksh: 'terima kasih',
  trims: 'terima kasih', tq: 'terima kasih', thx: 'terima kasih', trimakasih: 'terima kasih', terimakasih: 'terima kasih',
  // common nouns written short
  jln: 'jalan', jl: 'jalan', jlan: 'jalan', jaln: 'jalan', jalanan: 'jalan', rsk: 'rusak', rusk: 'rusak', prh: 'parah',
  dkt: 'dekat', sklh: 'sekolah', skolah: 'sekolah', sekola: 'sekolah', sekloah: 'sekolah', rmh: 'rumah', kntr: 'kantor',
  pmrntah: 'pemerintah', pemda: 'pemerintah daerah', pemkab: 'pemerintah kabupaten',
  kab: 'kabupaten', kec: 'kecamatan', ds: 'desa', kel: 'kelurahan', kades: 'kepala desa', sekdes: 'sekretaris desa',
  pkm: 'puskesmas', pusk: 'puskesmas', puskesmsa: 'puskesmas', pukesmas: 'puskesmas', rs: 'rumah sakit', rumahsakit: 'rumah sakit',
  rsu: 'rumah sakit', pustu: 'puskesmas pembantu', dok: 'dokter', dokte: 'dokter', obt: 'obat', smpah: 'sampah', sampha: 'sampah',
  sampa: 'sampah', got: 'selokan', gorong: 'gorong gorong', hp: '', wa: '', km: '',
  kk: 'kartu keluarga', akte: 'akta', nik: '', no: '', nomor: '',
  // emphasis
  parahh: 'parah', bgtt: 'sangat', pisan: 'sangat', nian: 'sangat', amat: 'sangat',
}

/** Regional words with a clear standard equivalent. Topic words with none (pelantar, pompong, titian) stay as written. */
export const REGIONAL: Record<string, string> = {
  // Banjar / Kutai Malay
  kada: 'tidak', ulun: 'saya', pian: 'anda', banyu: 'air', handak: 'mau', gawian: 'pekerjaan', lawas: 'lama', wadah: 'tempat',
  rumbis: 'rusak', bubuhan: 'warga', urang: 'orang', kahada: 'tidak', lamun: 'kalau', jukung: 'perahu',
  // Javanese
  ora: 'tidak', mboten: 'tidak', dalan: 'jalan', omah: 'rumah', sampun: 'sudah', dereng: 'belum', wis: 'sudah', uwis: 'sudah',
  durung: 'belum', ngarep: 'depan', didandani: 'diperbaiki', gede: 'besar', wong: 'orang', bolong: 'berlubang',
  neng: 'di', karo: 'dengan', opo: 'apa', piye: 'bagaimana', sekolahan: 'sekolah', dokteran: 'dokter',
  // Bugis / Makassar particles and words
  ji: '', mi: '', pi: '', ki: '', iye: 'iya', tena: 'tidak', tania: 'bukan',
  // Riau Malay (Natuna)
  nak: 'mau', ape: 'apa', budak: 'anak', kampong: 'kampung', same: 'sama', ade: 'ada', dah: 'sudah', tade: 'tidak ada', tadak: 'tidak',
  bile: 'kapan', mane: 'mana', pegi: 'pergi', cakap: 'bicara', bende: 'barang',
}

/** Function words, greetings and politeness: present in every complaint, evidence for none. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `yang dan di ke dari ini itu untuk dengan pada dalam atau juga saja sudah belum tidak bukan ada adalah akan agar
  supaya bisa dapat telah sedang masih lagi sangat sekali lebih kurang hanya cuma pun lah kah nya tersebut kami kita
  saya anda mereka dia ia beliau kamu kalian bapak ibu pak bu admin mas mbak kak bang om tante
  mohon tolong terima kasih segera harap berharap minta meminta agar kiranya yth kepada hormat dengan assalamualaikum
  wassalamualaikum wr wb salam selamat pagi siang sore malam permisi maaf izin lapor melapor laporan keluhan mengeluh
  menyampaikan sampaikan disampaikan pengaduan mengadu aduan informasi info tanya bertanya mengapa kenapa bagaimana
  apa apakah kapan mana siapa sini situ sana begini begitu seperti sama karena sebab jadi maka sehingga tetapi namun
  walaupun meskipun padahal kalau jika bila sampai hingga sejak selama setelah sebelum sesudah saat waktu ketika
  sekarang kemarin besok tadi nanti hari minggu bulan tahun jam menit kali ya iya tidak oke ok deh dong sih kok nih tuh
  loh lho kan yah wah eh ah oh mau ingin harus perlu sering selalu pernah terus setiap semua banyak sedikit beberapa
  para orang warga masyarakat pemerintah daerah kabupaten dusun kampung rt rw bupati wakil
  tindak lanjut ditindaklanjuti perhatian perhatiannya bantuannya demikian atas dinas terkait pihak instansi
  sendiri semoga mudah mudahan amin tanggapan respon respons kabar sangat parah`
    .split(/\s+/)
    .filter(Boolean),
)

/** Single-word place names that are also everyday words: never dropped as places (Telaga, Pangkalan, Karangan…). */
export const COMMON_WORD_PLACES: ReadonlySet<string> = new Set([
  'telaga', 'tanjung', 'pangkalan', 'karangan', 'sandaran', 'ceruk', 'binjai', 'saka', 'pengadan', 'payak', 'kolek', 'melan',
  'mata air', 'air putih', 'tanah abang',
])
