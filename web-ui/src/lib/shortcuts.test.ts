import { describe, expect, it, vi } from 'vitest'
import { dispatchShortcut, looksLikeBarcode, matchShortcut, parseShortcut } from './shortcuts'

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...mods }) as KeyboardEvent

describe('shortcuts', () => {
  it('parses modifiers', () => {
    expect(parseShortcut('Alt+Shift+P')).toEqual({ key: 'P', alt: true, ctrl: false, shift: true })
  })

  it('matches function keys and modifiers exactly', () => {
    expect(matchShortcut('F9', key('F9'))).toBe(true)
    expect(matchShortcut('F9', key('F9', { altKey: true }))).toBe(false)
    expect(matchShortcut('Alt+M', key('m', { altKey: true }))).toBe(true)
    expect(matchShortcut('Alt+M', key('M', { altKey: true, shiftKey: true }))).toBe(true)
    expect(matchShortcut('Alt+M', key('m'))).toBe(false)
    expect(matchShortcut('Ctrl+Enter', key('Enter', { ctrlKey: true }))).toBe(true)
    expect(matchShortcut('Enter', key('Enter', { shiftKey: true }))).toBe(false)
  })

  it('falls back to the physical key when Alt changes the character (macOS)', () => {
    expect(matchShortcut('Alt+C', { key: 'ç', code: 'KeyC', altKey: true } as KeyboardEvent)).toBe(true)
    expect(matchShortcut('Alt+1', { key: '¡', code: 'Digit1', altKey: true } as KeyboardEvent)).toBe(true)
  })

  it('runs the first matching handler and lets a handler decline', () => {
    const pay = vi.fn()
    expect(dispatchShortcut({ F9: pay, F4: () => {} }, key('F9'))).toBe(true)
    expect(pay).toHaveBeenCalledOnce()
    expect(dispatchShortcut({ Delete: () => false }, key('Delete'))).toBe(false)
    expect(dispatchShortcut({ F9: pay }, key('a'))).toBe(false)
  })

  it('recognises scanner barcodes', () => {
    expect(looksLikeBarcode('6001234567890')).toBe(true)
    expect(looksLikeBarcode('12345678')).toBe(true)
    expect(looksLikeBarcode('1234567')).toBe(false)
    expect(looksLikeBarcode('sugar 2kg')).toBe(false)
  })
})
