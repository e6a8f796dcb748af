// Kosakata status & kanal (Pengaturan): the one vocabulary every connector and the file import read. Anyone reads
// it; an admin changes a word's value (audited by the domain, sync/vocabulary.ts), and may apply the change to the
// complaints already stored, after a preview ("N laporan akan diubah", sync/vocabulary-remap.ts).
import { z } from 'zod'
import { adminProcedure, globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { listVocabulary, unmappedStatuses, VOCAB_KINDS, VOCAB_VALUES } from '#main/sync/vocabulary.ts'
import { previewRemap, setVocabularyWithRemap } from '#main/sync/vocabulary-remap.ts'

const change = z.object({ kind: z.enum(VOCAB_KINDS), word: z.string().trim().min(1).max(100), value: z.string().min(1).max(40), ambiguous: z.boolean().optional() })

export const vocabularyRouter = router({
  /** Every word with its value, the values each kind may take, and raw statuses of stored complaints the table does
   * not map plainly ("status belum dipetakan", "dikembalikan" without saying to whom). */
  list: viewerProcedure.query(({ ctx }) => ({ entries: listVocabulary(ctx.db), values: VOCAB_VALUES, unmapped: unmappedStatuses(ctx.db) })),
  /** How many stored complaints a change would move, before it is saved. */
  remapPreview: adminProcedure.input(change).query(({ ctx, input }) => previewRemap(ctx.db, input)),
  /** Saves a word's value; with `remap`, the stored complaints the preview counted follow it (KPIs refreshed). */
  set: globalAdminProcedure
    .input(change.extend({ remap: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => {
      const r = setVocabularyWithRemap(ctx.db, ctx.user, input)
      for (const kabupaten of r.kabupaten) ctx.bus.emit({ kabupaten, kind: 'complaints', at: Date.now(), count: r.changed })
      return { ...r.entry, changed: r.changed }
    }),
})
