import { describe, expect, it } from 'vitest'
import { maskPersonalNumbers } from '#main/privacy/mask.ts'

describe('masking personal numbers in complaint text', () => {
  it.each([
    ['NIK 6408011204900001 mohon dibantu', 'NIK [NIK disembunyikan] mohon dibantu'],
    ['nik: 6408 0112 0490 0001', 'nik: [NIK disembunyikan]'],
    ['hub sy di 081234567890', 'hub sy di [nomor disembunyikan]'],
    ['WA +62 812-3456-7890 ya', 'WA [nomor disembunyikan] ya'],
    ['tlp 0812.3456.789', 'tlp [nomor disembunyikan]'],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalNumbers(input)).toBe(expected)
  })

  it.each(['RT 05 RW 02', 'jalan sepanjang 2500 meter', 'sejak 12 Maret 2025', 'Laporan #1916449', 'SDN 003 Sangatta Utara', 'Rp 1.500.000'])(
    'leaves %s alone',
    (input) => {
      expect(maskPersonalNumbers(input)).toBe(input)
    },
  )
})
