// Where the window reopens: on the display it was on, inside that display, or centred on the primary display.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState, type DisplayInfo } from '#main/app/shell/window-state.ts'
import { tempDir } from '../helpers.ts'

const laptop: DisplayInfo = { id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } }
const wall: DisplayInfo = { id: 7, workArea: { x: 1366, y: 0, width: 3840, height: 2120 } }

describe('placeWindow', () => {
  it('restores the saved bounds on a display that is still connected', () => {
    const saved = { bounds: { x: 1500, y: 50, width: 2000, height: 1200 }, isMaximized: false, displayId: 7 }
    expect(placeWindow(saved, [laptop, wall], laptop)).toEqual(saved.bounds)
  })

  it('centres on the primary display, at most its size, when the saved display is gone', () => {
    const saved = { bounds: { x: 1500, y: 50, width: 2000, height: 1200 }, isMaximized: true, displayId: 7 }
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1366, height: 728 })
    const small = { bounds: { x: 1500, y: 50, width: 1200, height: 700 }, isMaximized: false, displayId: 7 }
    expect(placeWindow(small, [laptop], laptop)).toEqual({ x: 83, y: 14, width: 1200, height: 700 })
  })

  it('finds the display by position when its id changed, and pulls a window back inside it', () => {
    const saved = { bounds: { x: 4800, y: 1900, width: 1200, height: 800 }, isMaximized: false, displayId: 99 }
    expect(placeWindow(saved, [laptop, wall], laptop)).toEqual({ x: 4006, y: 1320, width: 1200, height: 800 })
  })

  it('opens a first window centred on the primary display, never below the minimum size', () => {
    const big: DisplayInfo = { id: 1, workArea: { x: 0, y: 0, width: 2560, height: 1400 } }
    expect(placeWindow(null, [big], big)).toEqual({ x: 560, y: 250, width: 1440, height: 900 })
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, isMaximized: false, displayId: 1 }
    expect(placeWindow(tiny, [big], big)).toMatchObject(MIN_SIZE)
  })
})

describe('window state file', () => {
  it('round-trips, and a missing or damaged file means no saved state', () => {
    const file = join(tempDir(), 'window-state.json')
    expect(readWindowState(file)).toBeNull()
    const state = { bounds: { x: 1, y: 2, width: 1300, height: 800 }, isMaximized: true, displayId: 3 }
    writeWindowState(file, state)
    expect(readWindowState(file)).toEqual(state)
    writeFileSync(file, '{"bounds": {"x": 1')
    expect(readWindowState(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ bounds: { x: 1, y: 2, width: -5, height: 800 }, displayId: 3 }))
    expect(readWindowState(file)).toBeNull()
  })
})
