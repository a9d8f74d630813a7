import { describe, expect, it } from 'vitest'
import { centsToDecimal, divRoundHalfAway, formatCents, formatMoney, inclusiveVat, toCents } from './money'

describe('money', () => {
  it('parses decimal strings into integer cents without floats', () => {
    expect(toCents('1160.00')).toBe(116000)
    expect(toCents('0.1')).toBe(10)
    expect(toCents('1,234.5')).toBe(123450)
    expect(toCents('-3')).toBe(-300)
    expect(toCents('12.345')).toBeNull()
    expect(toCents('abc')).toBeNull()
  })

  it('formats cents for the wire and for people', () => {
    expect(centsToDecimal(116000)).toBe('1160.00')
    expect(centsToDecimal(5)).toBe('0.05')
    expect(formatCents(123456789)).toBe('1,234,567.89')
    expect(formatCents(-1050)).toBe('-10.50')
    expect(formatMoney('1160.00')).toBe('1,160.00')
  })

  it('rounds half away from zero', () => {
    expect(divRoundHalfAway(5, 2)).toBe(3)
    expect(divRoundHalfAway(-5, 2)).toBe(-3)
    expect(divRoundHalfAway(4, 3)).toBe(1)
  })

  it('extracts inclusive VAT at 16% like the server', () => {
    expect(inclusiveVat(116000, 16)).toBe(16000) // 1160.00 -> 160.00
    expect(inclusiveVat(10000, 16)).toBe(1379) // 100.00 * 16/116 = 13.793 -> 13.79
    expect(inclusiveVat(29, 16)).toBe(4) // 0.29 * 16/116 = 0.04
    expect(inclusiveVat(10000, 0)).toBe(0)
  })
})
