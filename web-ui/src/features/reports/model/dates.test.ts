import { describe, expect, it } from 'vitest'
import { addDays, todayInNairobi } from './dates'

describe('report dates', () => {
  it('uses Nairobi time (UTC+3) for today', () => {
    expect(todayInNairobi(new Date('2026-03-31T21:30:00Z'))).toBe('2026-04-01')
    expect(todayInNairobi(new Date('2026-03-31T20:30:00Z'))).toBe('2026-03-31')
  })
  it('adds days across month and year ends', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
  })
})
