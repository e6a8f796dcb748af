// The period presets: local dates of the kabupaten, whatever zone the screen's machine runs in.
import { describe, expect, it } from 'vitest'
import { isIsoDate, presetPeriod, todayIn } from '#renderer/filters/period.ts'
import { formatNumber, formatPercent, formatWhen } from '#renderer/format.ts'

describe('period presets', () => {
  it('counts today in the kabupaten zone: 23:30 UTC is already tomorrow in Sangatta and Ranai', () => {
    const at = Date.parse('2026-11-22T23:30:00Z')
    expect(todayIn('Asia/Makassar', at)).toBe('2026-11-23')
    expect(todayIn('Asia/Jakarta', at)).toBe('2026-11-23')
    expect(todayIn('Asia/Jakarta', Date.parse('2026-11-22T16:59:00Z'))).toBe('2026-11-22')
  })

  it('gives inclusive from/to dates for each preset', () => {
    const today = '2026-11-23'
    expect(presetPeriod('30-hari', today)).toEqual({ from: '2026-10-25', to: today })
    expect(presetPeriod('90-hari', today)).toEqual({ from: '2026-08-26', to: today })
    expect(presetPeriod('tahun-ini', today)).toEqual({ from: '2026-01-01', to: today })
    expect(presetPeriod('tahun-lalu', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(presetPeriod('12-bulan', today)).toEqual({ from: '2025-11-24', to: today })
    expect(presetPeriod('12-bulan', '2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' })
  })

  it('accepts only real calendar dates from the URL', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026-2-3')).toBe(false)
    expect(isIsoDate(null)).toBe(false)
  })
})

describe('Indonesian formats', () => {
  it('writes numbers and percentages as officials read them', () => {
    expect(formatNumber(1234567)).toBe('1.234.567')
    expect(formatPercent(45.25)).toBe('45,3%')
    expect(formatPercent(null)).toBe('–')
  })

  it('shows times in the kabupaten zone with its abbreviation', () => {
    const at = Date.parse('2026-11-23T06:05:00Z')
    expect(formatWhen(at, 'Asia/Makassar', '2026-11-23')).toBe('14.05 WITA')
    expect(formatWhen(at, 'Asia/Jakarta', '2026-11-24')).toBe('23 Nov 13.05 WIB')
  })
})
