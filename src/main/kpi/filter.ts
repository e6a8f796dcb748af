// The filters every screen and export shares: a category (with its sub-topics) and a channel, and "only the
// slices under this parent" for drilling into a kecamatan's desa or an OPD's bidang.
import { z } from 'zod'
import { channelSchema } from '#shared/domain.ts'
import type { Db } from '#main/store/open.ts'
import type { Dim } from './aggregates.ts'

export const screenFilterSchema = z.object({ category: z.number().int().positive().optional(), channel: channelSchema.optional() }).optional()

/** Whether a slice's key lies under `parent`: a desa in a kecamatan, a bidang in (or the) OPD. */
export function isWithin(db: Db, dim: Dim, key: string, parent: string): boolean {
  if (dim === 'desa') return key.startsWith(parent + '.')
  if (dim === 'unit') return String(db.prepare('SELECT parent_id FROM unit WHERE id = ?').pluck().get(Number(key)) ?? '') === parent || key === parent
  return true
}
