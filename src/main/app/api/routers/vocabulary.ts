// Kosakata status & kanal (Pengaturan): the one vocabulary every connector and the file import read. Anyone reads
// it; an admin changes a word's value (audited by the domain, sync/vocabulary.ts).
import { z } from 'zod'
import { globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { listVocabulary, setVocabularyWord, unmappedStatuses, VOCAB_KINDS, VOCAB_VALUES } from '#main/sync/vocabulary.ts'

export const vocabularyRouter = router({
  /** Every word with its value, the values each kind may take, and raw statuses of stored complaints the table does
   * not map plainly ("status belum dipetakan", "dikembalikan" without saying to whom). */
  list: viewerProcedure.query(({ ctx }) => ({ entries: listVocabulary(ctx.db), values: VOCAB_VALUES, unmapped: unmappedStatuses(ctx.db) })),
  set: globalAdminProcedure
    .input(z.object({ kind: z.enum(VOCAB_KINDS), word: z.string().trim().min(1).max(100), value: z.string().min(1).max(40), ambiguous: z.boolean().optional() }))
    .mutation(({ ctx, input }) => setVocabularyWord(ctx.db, ctx.user, input)),
})
