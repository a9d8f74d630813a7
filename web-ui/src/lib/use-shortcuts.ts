import { useEffect, useRef } from 'react'
import { dispatchShortcut, type ShortcutMap } from './shortcuts'

/** Binds shortcuts on window while `enabled`; handlers may change every render. */
export function useShortcuts(map: ShortcutMap, enabled = true) {
  const ref = useRef(map)
  useEffect(() => {
    ref.current = map
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (dispatchShortcut(ref.current, e)) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [enabled])
}
