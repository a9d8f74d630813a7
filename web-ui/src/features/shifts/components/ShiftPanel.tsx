import { useState } from 'react'
import type { Shift } from '@/api/types'
import { Button } from '@/components/ui'
import { useCurrentStore } from '@/hooks/use-current-store'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useCurrentShift } from '../api/shifts'
import { ShiftDialog } from './ShiftDialog'

const time = (iso: string) => new Intl.DateTimeFormat('en-KE', { timeZone: 'Africa/Nairobi', timeStyle: 'short' }).format(new Date(iso))

/** The till's shift status and its entry point (F10): open, cash in/out, X report, close. */
export function ShiftPanel() {
  const { store } = useCurrentStore()
  const current = useCurrentShift()
  // The dialog keeps the shift it was opened for: closing the shift must not
  // swap the Z report for the "open a shift" form.
  const [dialog, setDialog] = useState<{ shift: Shift | null } | null>(null)
  const shift = current.data
  const openDialog = () => !current.isLoading && setDialog({ shift: shift ?? null })
  useShortcuts({ F10: openDialog }, dialog === null)
  const required = !!store?.requires_shift
  return (
    <div className={`shift-panel ${!shift && required ? 'shift-needed' : ''}`} data-testid="shift-panel">
      <div>
        {current.isLoading ? (
          <span className="muted">Checking shift…</span>
        ) : shift ? (
          <span data-testid="shift-status">
            <strong>Shift open</strong> · {shift.till} · since {time(shift.opened_at)}
          </span>
        ) : (
          <span data-testid="shift-status">
            <strong>No open shift</strong>
            {required ? ' — this store needs one to sell' : ''}
          </span>
        )}
      </div>
      <Button size="sm" variant={!shift && required ? 'primary' : 'secondary'} shortcut="F10" onClick={openDialog} data-testid="shift-button">
        {shift ? 'Shift' : 'Open shift'}
      </Button>
      {dialog ? <ShiftDialog shift={dialog.shift} onClose={() => setDialog(null)} /> : null}
    </div>
  )
}
