/**
 * Keyboard shortcuts. A shortcut is written like "F2", "Alt+P", "Ctrl+Enter",
 * "Escape"; `matchShortcut` compares it with a KeyboardEvent-like object.
 */
export interface KeyLike {
  key: string
  altKey?: boolean
  ctrlKey?: boolean
  shiftKey?: boolean
  metaKey?: boolean
}

export interface ParsedShortcut {
  key: string
  alt: boolean
  ctrl: boolean
  shift: boolean
}

export function parseShortcut(spec: string): ParsedShortcut {
  const parts = spec.split('+').map((p) => p.trim())
  const key = parts.pop() ?? ''
  const mods = new Set(parts.map((p) => p.toLowerCase()))
  return { key, alt: mods.has('alt'), ctrl: mods.has('ctrl'), shift: mods.has('shift') }
}

export function matchShortcut(spec: string, e: KeyLike): boolean {
  const s = parseShortcut(spec)
  if (!!e.altKey !== s.alt || !!e.ctrlKey !== s.ctrl || !!e.metaKey) return false
  // Shift matters only when asked for or when the key is not a printable character.
  if (s.shift !== !!e.shiftKey && (s.shift || s.key.length > 1)) return false
  return e.key.toLowerCase() === s.key.toLowerCase() || codeKey(e) === s.key.toLowerCase()
}

/** Alt+letter yields odd characters on some layouts (e.g. macOS "π"); fall back to the code. */
function codeKey(e: KeyLike): string | null {
  const code = (e as { code?: string }).code
  if (!code) return null
  if (code.startsWith('Key')) return code.slice(3).toLowerCase()
  if (code.startsWith('Digit')) return code.slice(5)
  return null
}

/** A handler may return false to decline the key (it then reaches the focused element). */
export type ShortcutMap = Record<string, (e: KeyboardEvent) => unknown>

/**
 * Finds and runs the handler for an event. Returns true when one ran (the
 * caller then prevents the browser's default, e.g. F5 reload).
 */
export function dispatchShortcut(map: ShortcutMap, e: KeyboardEvent): boolean {
  for (const [spec, handler] of Object.entries(map)) {
    if (matchShortcut(spec, e)) {
      if (handler(e) === false) return false
      return true
    }
  }
  return false
}

/** A barcode as scanners send it: 8 to 14 digits. */
export function looksLikeBarcode(s: string): boolean {
  return /^\d{8,14}$/.test(s.trim())
}
