// computeDeadlines: the four LAPOR! rules of one complaint, hand-checked against the official table.
import { describe, expect, it } from 'vitest'
import { createCalendar } from '#main/calendar/calendar.ts'
import { computeDeadlines, DEFAULT_DEADLINE_RULES, type ComplaintTimes } from '#main/calendar/deadlines.ts'
import { at, endOf, officialDaysOff, KUTIM } from './time.ts'
import { loadDeadlineRules, saveDeadlineRules } from '#main/calendar/store.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempStore } from '../helpers.ts'

const kutim = createCalendar({ utcOffsetMinutes: 480, daysOff: officialDaysOff(), skipCutiBersama: true })
const natuna = createCalendar({ utcOffsetMinutes: 420, daysOff: officialDaysOff(), skipCutiBersama: true })
const rules = DEFAULT_DEADLINE_RULES
const w = (s: string) => at(s, 'WITA')

function complaint(p: Partial<ComplaintTimes> & { submitted_at: number }): ComplaintTimes {
  return {
    verified_at: null,
    dispositioned_at: null,
    first_response_at: null,
    closed_at: null,
    status: 'belum_terverifikasi',
    ...p,
  }
}

describe('computeDeadlines', () => {
  it('a complaint handled on time across Idul Fitri 2024', () => {
    const c = complaint({
      submitted_at: w('2024-04-05 10:00'), // Friday before the Lebaran break
      verified_at: w('2024-04-16 09:00'), // first working day after it
      dispositioned_at: w('2024-04-16 10:00'),
      first_response_at: w('2024-04-22 15:00'), // Wed 17, Thu 18, Fri 19, Mon 22: day 4 of 5
      closed_at: w('2024-05-07 10:00'),
      status: 'selesai',
    })
    const d = computeDeadlines(c, kutim, rules, w('2024-06-30 12:00'))
    expect(d.verification).toEqual({ startAt: c.submitted_at, dueAt: endOf('2024-04-18', 'WITA'), doneAt: c.verified_at, state: 'met', workingDays: 1 })
    expect(d.firstResponse).toMatchObject({ dueAt: endOf('2024-04-23', 'WITA'), state: 'met', workingDays: 4 })
    // 10 hk after Mon 22 April: 23–26, 29, 30, (1 May libur), 2, 3, 6, Tue 7 May.
    expect(d.autoClose).toMatchObject({ startAt: c.first_response_at, dueAt: endOf('2024-05-07', 'WITA'), state: 'met', workingDays: 10 })
    // 60 calendar days from 5 April: 4 June. Working days to Selesai: 16–19, 22–26, 29, 30, 2, 3, 6, 7 = 15.
    expect(d.completion).toMatchObject({ dueAt: endOf('2024-06-04', 'WITA'), state: 'met', workingDays: 15, calendarDays: 32 })
  })

  it('pending, then overdue at the first instant after the deadline', () => {
    const c = complaint({ submitted_at: w('2025-07-10 14:00') }) // Thursday; due Tue 15 July
    expect(computeDeadlines(c, kutim, rules, w('2025-07-15 23:59:59.999')).verification.state).toBe('pending')
    const late = computeDeadlines(c, kutim, rules, w('2025-07-16 00:00'))
    expect(late.verification).toMatchObject({ state: 'overdue', workingDays: null, doneAt: null })
    expect(late.firstResponse).toEqual({ startAt: null, dueAt: null, doneAt: null, state: 'not_applicable', workingDays: null })
    expect(late.autoClose.state).toBe('not_applicable')
    expect(late.completion).toMatchObject({ state: 'pending', calendarDays: null, dueAt: endOf('2025-09-08', 'WITA') })
  })

  it('a late verification is missed, with the working days it took', () => {
    const c = complaint({ submitted_at: w('2025-07-10 14:00'), verified_at: w('2025-07-16 08:00'), status: 'belum_ditindaklanjuti' })
    expect(computeDeadlines(c, kutim, rules, w('2025-07-20 00:00')).verification).toMatchObject({ state: 'missed', workingDays: 4 })
  })

  it('closing a report (Bukan Wewenang) is the admin decision that ends the verification clock', () => {
    const c = complaint({ submitted_at: w('2025-07-10 14:00'), closed_at: w('2025-07-14 09:00'), status: 'bukan_wewenang' })
    const d = computeDeadlines(c, kutim, rules, w('2025-08-30 00:00'))
    expect(d.verification).toMatchObject({ state: 'met', workingDays: 2, doneAt: c.closed_at })
    expect(d.firstResponse.state).toBe('not_applicable')
    expect(d.completion).toMatchObject({ state: 'met', calendarDays: 4 })
  })

  it('a disposition archived without a response: not applicable before the deadline, missed after it', () => {
    // Dispositioned Thu 10 July 2025: due Fri 11, Mon 14, Tue 15, Wed 16, Thu 17.
    const base = { submitted_at: w('2025-07-09 10:00'), verified_at: w('2025-07-10 09:00'), dispositioned_at: w('2025-07-10 10:00'), status: 'arsip' as const }
    const early = computeDeadlines(complaint({ ...base, closed_at: w('2025-07-16 10:00') }), kutim, rules, w('2025-08-01 00:00'))
    expect(early.firstResponse).toMatchObject({ dueAt: endOf('2025-07-17', 'WITA'), state: 'not_applicable', workingDays: null })
    const late = computeDeadlines(complaint({ ...base, closed_at: w('2025-07-21 10:00') }), kutim, rules, w('2025-08-01 00:00'))
    expect(late.firstResponse).toMatchObject({ state: 'missed', workingDays: null })
  })

  it('a report in Tunda is paused, not overdue', () => {
    const c = complaint({ submitted_at: w('2025-07-10 14:00'), status: 'tunda' })
    const d = computeDeadlines(c, kutim, rules, w('2025-12-01 00:00'))
    expect(d.verification.state).toBe('paused')
    expect(d.completion.state).toBe('paused')
  })

  it('auto-close runs from the latest TL and stops while a reply from the pelapor is newer', () => {
    const base = {
      submitted_at: w('2025-07-07 10:00'),
      verified_at: w('2025-07-08 09:00'),
      dispositioned_at: w('2025-07-08 10:00'),
      first_response_at: w('2025-07-14 10:00'), // Monday
      status: 'proses' as const,
    }
    // No reply: 10 hk after Mon 14 July is Mon 28 July; on Tuesday 29 it should have been closed.
    const silent = computeDeadlines(complaint(base), kutim, rules, w('2025-07-29 08:00'))
    expect(silent.autoClose).toMatchObject({ startAt: base.first_response_at, dueAt: endOf('2025-07-28', 'WITA'), state: 'overdue' })
    // The pelapor answered the TL: nothing to auto-close until the unit answers again.
    const replied = computeDeadlines(complaint({ ...base, last_pelapor_reply_at: w('2025-07-15 10:00') }), kutim, rules, w('2025-07-29 08:00'))
    expect(replied.autoClose.state).toBe('not_applicable')
    // A new TL on Wed 16 after that reply: Thu 17, Fri 18, 21–25, 28, 29, Wed 30 July.
    const again = computeDeadlines(
      complaint({ ...base, last_pelapor_reply_at: w('2025-07-15 10:00'), last_tl_at: w('2025-07-16 10:00') }),
      kutim,
      rules,
      w('2025-07-29 08:00'),
    )
    expect(again.autoClose).toMatchObject({ dueAt: endOf('2025-07-30', 'WITA'), state: 'pending' })
  })

  it('the 60-day cap counts calendar days in the local zone', () => {
    const submitted_at = w('2025-01-10 10:00')
    const onTime = computeDeadlines(complaint({ submitted_at, closed_at: w('2025-03-11 23:00'), status: 'selesai' }), kutim, rules, 0)
    expect(onTime.completion).toMatchObject({ dueAt: endOf('2025-03-11', 'WITA'), state: 'met', calendarDays: 60 })
    const late = computeDeadlines(complaint({ submitted_at, closed_at: w('2025-03-12 08:00'), status: 'selesai' }), kutim, rules, 0)
    expect(late.completion).toMatchObject({ state: 'missed', calendarDays: 61 })
  })

  it('the same timestamps give Natuna and Kutai Timur different deadlines near midnight', () => {
    // Submitted Thursday 23:30 WIB = Friday 00:30 WITA; verified Wednesday 00:30 WIB = 01:30 WITA.
    const c = complaint({ submitted_at: Date.parse('2025-07-10T16:30:00Z'), verified_at: Date.parse('2025-07-15T17:30:00Z') })
    const n = computeDeadlines(c, natuna, rules, 0).verification
    const k = computeDeadlines(c, kutim, rules, 0).verification
    expect(n).toMatchObject({ dueAt: endOf('2025-07-15', 'WIB'), state: 'missed', workingDays: 4 }) // Fri, Mon, Tue, Wed
    expect(k).toMatchObject({ dueAt: endOf('2025-07-16', 'WITA'), state: 'met', workingDays: 3 }) // Mon, Tue, Wed
  })
})

describe('rule COMPLETION_CAP_UNIT: the 60-day cap in the unit the rules name', () => {
  // Submitted Monday 7 July 2025, closed Saturday 20 September 2025.
  const c = complaint({ submitted_at: w('2025-07-07 09:00'), closed_at: w('2025-09-20 10:00'), status: 'selesai' })
  const now = w('2025-12-01 00:00')

  it('hari kalender (the default, Perpres 76/2013): 7 July + 60 days = Friday 5 September; closed after it', () => {
    expect(rules.completionCapUnit).toBe('hari_kalender')
    expect(computeDeadlines(c, kutim, rules, now).completion).toMatchObject({ dueAt: endOf('2025-09-05', 'WITA'), state: 'missed', calendarDays: 75 })
  })

  it('hari kerja: the 60th working day after 7 July is Wednesday 1 October; closed before it', () => {
    // July 8–31: 18; August: 21 weekdays less cuti bersama 18 Aug = 20 (38); September: 22 weekdays less Maulid
    // 5 Sep = 21 (59); Wed 1 October is the 60th.
    const d = computeDeadlines(c, kutim, { ...rules, completionCapUnit: 'hari_kerja' }, now)
    expect(d.completion).toMatchObject({ dueAt: endOf('2025-10-01', 'WITA'), state: 'met', calendarDays: 75 })
  })

  it('is stored with the deadline rules, calendar days unless changed, and nothing else is accepted', () => {
    const { db } = tempStore()
    seedKabupaten(db, KUTIM)
    expect(loadDeadlineRules(db, KUTIM).completionCapUnit).toBe('hari_kalender')
    expect(saveDeadlineRules(db, KUTIM, { completionCapUnit: 'hari_kerja' }).completionCapUnit).toBe('hari_kerja')
    expect(loadDeadlineRules(db, KUTIM)).toMatchObject({ completionCapDays: 60, completionCapUnit: 'hari_kerja' })
    expect(() => saveDeadlineRules(db, KUTIM, { completionCapUnit: 'minggu' as never })).toThrow(/hari_kalender/)
  })
})
