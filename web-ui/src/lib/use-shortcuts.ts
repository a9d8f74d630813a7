import { useEffect, useRef } from 'react'
import { dispatchShortcut, type ShortcutMap } from './shortcuts'

/**
 * Binds shortcuts on window while `enabled`; handlers may change every render.
 * Page shortcuts pause while a modal dialog is open; a dialog's own shortcuts
 * pass `{ inDialog: true }`.
 */
export function useShortcuts(map: ShortcutMap, enabled = true, opts: { inDialog?: boolean } = {}) {
  const inDialog = !!opts.inDialog
  const ref = useRef(map)
  useEffect(() => {
    ref.current = map
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (!inDialog && document.querySelector('dialog[open]')) return
      if (dispatchShortcut(ref.current, e)) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [enabled, inDialog])
}
