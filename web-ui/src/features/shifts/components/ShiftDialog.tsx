import { useState } from 'react'
import type { Shift, ShiftReport } from '@/api/types'
import { Alert, Button, Input, Modal, Select } from '@/components/ui'
import { useUser } from '@/features/auth/hooks/auth-context'
import { useCurrentStore } from '@/hooks/use-current-store'
import { ApiError } from '@/lib/api-client'
import { centsToDecimal, formatMoney, toCents } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useShiftActions, useShiftReport } from '../api/shifts'
import { ShiftReportView } from './ShiftReportView'

const TILL_KEY = 'duka.till' // which till this device is: kept across sessions
const money = (v: string) => {
  const c = toCents(v)
  return c !== null && c >= 0 ? centsToDecimal(c) : null
}
const errText = (e: unknown) => (e instanceof ApiError ? e.userMessage : 'That did not work. Try again.')

type View = 'menu' | 'cash' | 'x' | 'close' | 'z'

export function ShiftDialog({ shift, onClose }: { shift: Shift | null; onClose: () => void }) {
  return shift ? <OpenShiftMenu shift={shift} onClose={onClose} /> : <OpenShiftForm onClose={onClose} />
}

function OpenShiftForm({ onClose }: { onClose: () => void }) {
  const { storeId } = useCurrentStore()
  const { open } = useShiftActions()
  const [till, setTill] = useState(() => localStorage.getItem(TILL_KEY) ?? 'Till 1')
  const [float, setFloat] = useState('')
  const amount = money(float)
  const submit = () => {
    if (!storeId || !amount || !till.trim()) return
    localStorage.setItem(TILL_KEY, till.trim())
    open.mutate({ store_id: storeId, till: till.trim(), opening_float: amount }, { onSuccess: onClose })
  }
  return (
    <Modal
      open
      title="Open a shift"
      onClose={onClose}
      testId="shift-open"
      footer={
        <>
          <Button onClick={onClose} shortcut="Esc">Cancel</Button>
          <Button variant="primary" onClick={submit} disabled={!amount || !till.trim()} loading={open.isPending} shortcut="Enter" data-testid="shift-open-submit">
            Open shift
          </Button>
        </>
      }
    >
      <form className="stack" onSubmit={(e) => { e.preventDefault(); submit() }}>
        <Input label="Opening float in the drawer (KES)" inputMode="decimal" autoFocus value={float} onChange={(e) => setFloat(e.target.value)} data-testid="shift-float" error={float && !amount ? 'An amount like 5000.00' : undefined} />
        <Input label="Till" value={till} onChange={(e) => setTill(e.target.value)} data-testid="shift-till" />
        {open.error ? <Alert>{errText(open.error)}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  )
}

function OpenShiftMenu({ shift, onClose }: { shift: Shift; onClose: () => void }) {
  const user = useUser()
  const { store } = useCurrentStore()
  const [view, setView] = useState<View>('menu')
  const [zReport, setZReport] = useState<ShiftReport | null>(null)
  const x = useShiftReport(view === 'x' ? shift.id : null)
  useShortcuts(
    {
      'Alt+M': () => setView('cash'),
      'Alt+X': () => setView('x'),
      'Alt+Z': () => setView('close'),
      'Alt+P': () => (view === 'x' || view === 'z') && window.print(),
    },
    view !== 'z',
    { inDialog: true },
  )
  const title = { menu: 'Shift', cash: 'Cash in / out', x: 'X report', close: 'Close shift', z: 'Z report' }[view]
  const report = view === 'z' ? zReport : view === 'x' ? (x.data ?? null) : null
  return (
    <Modal open wide={!!report} title={`${title} · ${shift.till}`} onClose={onClose} testId="shift-menu">
      {view === 'menu' ? (
        <div className="stack">
          <p className="muted">
            Opened {new Date(shift.opened_at).toLocaleString('en-KE')} with a float of KES {formatMoney(shift.opening_float)}.
          </p>
          <div className="row">
            <Button onClick={() => setView('cash')} shortcut="Alt+M" data-testid="shift-cash">Cash in / out</Button>
            <Button onClick={() => setView('x')} shortcut="Alt+X" data-testid="shift-x">X report</Button>
            <Button variant="danger" onClick={() => setView('close')} shortcut="Alt+Z" data-testid="shift-close">Close shift</Button>
          </div>
        </div>
      ) : null}
      {view === 'cash' ? <CashMovementForm shift={shift} onDone={() => setView('menu')} /> : null}
      {view === 'close' ? (
        <CloseForm
          shift={shift}
          onClosed={(r) => {
            setZReport(r)
            setView('z')
          }}
        />
      ) : null}
      {view === 'x' && x.isLoading ? <p className="muted">Loading…</p> : null}
      {view === 'x' && x.error ? <Alert>{errText(x.error)}</Alert> : null}
      {report ? (
        <div className="stack">
          <div className="receipt-paper print-area">
            <ShiftReportView report={report} store={store} cashierName={user.full_name || user.username} />
          </div>
          <div className="row no-print">
            <Button onClick={() => window.print()} shortcut="Alt+P">Print</Button>
            {view === 'x' ? <Button onClick={() => setView('menu')}>Back</Button> : <Button variant="primary" onClick={onClose} data-testid="shift-done">Done</Button>}
          </div>
        </div>
      ) : null}
    </Modal>
  )
}

function CashMovementForm({ shift, onDone }: { shift: Shift; onDone: () => void }) {
  const { cash } = useShiftActions()
  const [kind, setKind] = useState<'in' | 'out'>('out')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const value = money(amount)
  const submit = () => {
    if (!value || value === '0.00' || !reason.trim()) return
    cash.mutate({ id: shift.id, body: { kind, amount: value, reason: reason.trim() } }, { onSuccess: onDone })
  }
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); submit() }}>
      <div className="grid-2">
        <Select label="Direction" value={kind} onChange={(e) => setKind(e.target.value as 'in' | 'out')}>
          <option value="out">Paid out of the drawer</option>
          <option value="in">Paid into the drawer</option>
        </Select>
        <Input label="Amount (KES)" inputMode="decimal" autoFocus value={amount} onChange={(e) => setAmount(e.target.value)} error={amount && !value ? 'An amount like 200.00' : undefined} />
      </div>
      <Input label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. change from the bank, staff lunch" />
      {cash.error ? <Alert>{errText(cash.error)}</Alert> : null}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={onDone}>Back</Button>
        <Button type="submit" variant="primary" shortcut="Enter" disabled={!value || value === '0.00' || !reason.trim()} loading={cash.isPending}>Record</Button>
      </div>
    </form>
  )
}

function CloseForm({ shift, onClosed }: { shift: Shift; onClosed: (r: ShiftReport) => void }) {
  const { close } = useShiftActions()
  const [counted, setCounted] = useState({ cash: '', mpesa: '', card: '' })
  const [note, setNote] = useState('')
  const values = { cash: money(counted.cash), mpesa: money(counted.mpesa || '0'), card: money(counted.card || '0') }
  const ok = values.cash !== null && values.mpesa !== null && values.card !== null
  const submit = () => {
    if (!ok) return
    close.mutate(
      { id: shift.id, body: { counted_cash: values.cash!, counted_mpesa: values.mpesa!, counted_card: values.card!, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onSuccess: onClosed },
    )
  }
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); submit() }}>
      <p className="muted">Count the drawer and the day&apos;s M-Pesa and card totals. Expected amounts are shown on the Z report after closing; a closed shift cannot change.</p>
      <div className="grid-3">
        <Input label="Cash counted" inputMode="decimal" autoFocus value={counted.cash} onChange={(e) => setCounted({ ...counted, cash: e.target.value })} data-testid="count-cash" />
        <Input label="M-Pesa total" inputMode="decimal" value={counted.mpesa} placeholder="0.00" onChange={(e) => setCounted({ ...counted, mpesa: e.target.value })} data-testid="count-mpesa" />
        <Input label="Card total" inputMode="decimal" value={counted.card} placeholder="0.00" onChange={(e) => setCounted({ ...counted, card: e.target.value })} data-testid="count-card" />
      </div>
      <Input label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
      {close.error ? <Alert>{errText(close.error)}</Alert> : null}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button type="submit" variant="danger" shortcut="Enter" disabled={!ok} loading={close.isPending} data-testid="shift-close-submit">
          Close shift and print Z
        </Button>
      </div>
    </form>
  )
}
