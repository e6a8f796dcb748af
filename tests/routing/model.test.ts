// The classifier itself: exact incremental learning (adding then removing a complaint restores the model, and a
// leave-one-out score equals training without that complaint), a snapshot that predicts like the original, and
// numbers that can never become evidence.
import { describe, expect, it } from 'vitest'
import { FeatureBuffer } from '#main/routing/features.ts'
import { NaiveBayes } from '#main/routing/model.ts'
import { Trainer, featurize, train } from '#main/routing/train.ts'

const HISTORY = [
  { text: 'Jalan rusak berlubang di depan sekolah', label: 'dpupr/bina-marga' },
  { text: 'aspal jalan poros hancur, banyak lubang', label: 'dpupr/bina-marga' },
  { text: 'jembatan kayu lapuk hampir roboh', label: 'dpupr/bina-marga' },
  { text: 'Puskesmas tutup siang, dokter tidak ada', label: 'dinkes/yankes' },
  { text: 'obat di puskesmas kosong, bidan jarang datang', label: 'dinkes/yankes' },
  { text: 'Sampah menumpuk di TPS tidak diangkut', label: 'dlh/persampahan' },
  { text: 'truk sampah jarang lewat, sampah dibakar warga', label: 'dlh/persampahan' },
  { text: 'KTP elektronik belum jadi sudah enam bulan', label: 'disdukcapil' },
]

function features(text: string): FeatureBuffer {
  const buf = new FeatureBuffer()
  featurize({ text }, buf)
  return buf
}

function plain(model: NaiveBayes): NaiveBayes {
  model.temperature = 1
  return model
}

describe('routing classifier', () => {
  it('learns from history: a new complaint goes where similar ones went, even with typos and abbreviations', () => {
    const m = train(HISTORY)
    const top = (text: string) => {
      const p = m.probabilities(features(text))
      return m.labels[p.indexOf(Math.max(...p))]
    }
    expect(top('puskesmsa tdk ada dokternya')).toBe('dinkes/yankes')
    expect(top('jln berlubang parahhh')).toBe('dpupr/bina-marga')
    expect(top('smpah gk diangkut2')).toBe('dlh/persampahan')
  })

  it('adds and removes a complaint exactly: the model afterwards scores like before', () => {
    const m = plain(train(HISTORY))
    const probe = features('jalan berlubang dekat puskesmas')
    const before = m.scores(probe)
    const extra = features('dokter puskesmas membentak pasien jalan kaki')
    m.update(extra, 'dinkes/yankes', 2)
    expect(m.scores(probe)).not.toEqual(before)
    m.update(extra, 'dinkes/yankes', -2)
    const after = m.scores(probe)
    after.forEach((s, i) => expect(s).toBeCloseTo(before[i], 9))
  })

  it('scores a complaint it learnt from exactly as if it had never seen it (leave-one-out)', () => {
    const withIt = plain(train(HISTORY))
    const without = plain(train(HISTORY.slice(1)))
    const it0 = features(HISTORY[0].text)
    const loo = withIt.scores(it0, { label: HISTORY[0].label, weight: 1 })
    const fresh = without.scores(it0)
    for (const label of without.labels) expect(loo[withIt.labels.indexOf(label)]).toBeCloseTo(fresh[without.labels.indexOf(label)], 9)
  })

  it('predicts from a snapshot exactly as the model it was taken from', () => {
    const m = train(HISTORY)
    const copy = NaiveBayes.deserialize(m.serialize())
    const probe = features('ktp blm jadi, sampah numpuk')
    expect([...copy.probabilities(probe)]).toEqual([...m.probabilities(probe)])
    expect(copy.labels).toEqual(m.labels)
    // And it keeps learning where the original would.
    const more = features('akta kelahiran salah nama')
    copy.update(more, 'disdukcapil', 1)
    m.update(more, 'disdukcapil', 1)
    expect([...copy.scores(probe)]).toEqual([...m.scores(probe)])
  })

  it('never uses a number as evidence, even when every example of a unit carries the same one', () => {
    // Each unit's complaints carry "its" NIK prefix and phone number; only the words differ in meaning.
    const t = new Trainer()
    for (let i = 0; i < 20; i++) {
      t.add({ text: `keluhan nomor 640801${i}000 hubungi 0812111${i}` }, 'a')
      t.add({ text: `keluhan nomor 210301${i}999 hubungi 0813999${i}` }, 'b')
    }
    const m = plain(t.finish())
    const withA = m.scores(features('keluhan nomor 6408011000 hubungi 08121110'))
    const withB = m.scores(features('keluhan nomor 2103011999 hubungi 08139990'))
    expect([...withA]).toEqual([...withB])
    expect(features('NIK 6408012345678901 telp 081234567890').size).toBe(features('telp').size)
  })
})
