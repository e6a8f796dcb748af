// The slides of a briefing, in order. Each has a key (its name in the URL-free test ids and the notes), the
// component that draws it and its presenter notes.
import type { ComponentType } from 'react'
import type { SlideProps } from '../types.ts'
import { TitleSlide } from './TitleSlide.tsx'
import { HeadlineSlide } from './HeadlineSlide.tsx'
import { MapSlide } from './MapSlide.tsx'
import { LeagueSlide } from './LeagueSlide.tsx'
import { BacklogSlide } from './BacklogSlide.tsx'
import { IssuesSlide } from './IssuesSlide.tsx'
import { OverdueSlide } from './OverdueSlide.tsx'
import { NotableSlide } from './NotableSlide.tsx'
import { RisingSlide } from './RisingSlide.tsx'

export const SLIDE_KEYS = ['judul', 'angka', 'naik', 'peta', 'liga', 'tunggakan', 'masalah', 'terlambat', 'pilihan'] as const
export type SlideKey = (typeof SLIDE_KEYS)[number]

export const SLIDES: Record<SlideKey, ComponentType<SlideProps>> = {
  judul: TitleSlide,
  angka: HeadlineSlide,
  naik: RisingSlide,
  peta: MapSlide,
  liga: LeagueSlide,
  tunggakan: BacklogSlide,
  masalah: IssuesSlide,
  terlambat: OverdueSlide,
  pilihan: NotableSlide,
}
