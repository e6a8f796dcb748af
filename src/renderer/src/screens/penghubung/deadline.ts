// How a deadline reads on a card: overdue, due within SOON_HK hari kerja, or later (the inbox's colours).
import { SOON_HK } from '#shared/liaison.ts'

export type Urgency = 'terlambat' | 'segera' | 'biasa' | 'tanpa'

export function urgencyOf(sisaHariKerja: number | null, terlambat: boolean): Urgency {
  if (sisaHariKerja === null) return 'tanpa'
  if (terlambat || sisaHariKerja < 0) return 'terlambat'
  return sisaHariKerja <= SOON_HK ? 'segera' : 'biasa'
}
