import { useRef, useState } from 'react'
import type { PaymentMethod } from '@/api/types'
import { Alert, Button, Input, Kbd, Modal } from '@/components/ui'
import { centsToDecimal, formatCents, toCents } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { METHOD_LABEL, tenderStatus, toTenderLines, type TenderDraft as Draft, type TenderLine } from '../model/tender'


interface TenderDialogProps {
  open: boolean
  totalCents: number
  customerPhone: string
  onCustomerPhone: (p: string) => void
  onCancel: () => void
  onComplete: (payments: TenderLine[]) => void
  submitting: boolean
  error: string | null
}

export function TenderDialog(props: TenderDialogProps) {
  // Mounted only while open, so every checkout starts with no payments.
  return props.open ? <TenderBody {...props} /> : null
}

function TenderBody({ open, totalCents, customerPhone, onCustomerPhone, onCancel, onComplete, submitting, error }: TenderDialogProps) {
  const [drafts, setDrafts] = useState<Draft[]>([])
  const amountRefs = useRef<(HTMLInputElement | null)[]>([])
  const phoneRef = useRef<HTMLInputElement>(null)
  const lines = toTenderLines(drafts)
  const status = tenderStatus(totalCents, lines)

  // Focus (and select) a payment's amount once it has rendered.
  const setFocusIdx = (i: number) =>
    requestAnimationFrame(() => {
      const el = amountRefs.current[i]
      el?.focus()
      el?.select()
    })

  const add = (method: PaymentMethod) => {
    const existing = drafts.findIndex((d) => d.method === method)
    if (existing >= 0) {
      setFocusIdx(existing)
      return
    }
    const remaining = tenderStatus(totalCents, toTenderLines(drafts)).remainingCents
    setDrafts([...drafts, { method, amount: centsToDecimal(remaining), reference: '' }])
    setFocusIdx(drafts.length)
  }
  const update = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  const remove = (i: number) => setDrafts(drafts.filter((_, j) => j !== i))
  const complete = () => {
    if (status.canComplete && !submitting) onComplete(lines)
  }

  useShortcuts(
    {
      'Alt+C': () => add('cash'),
      'Alt+M': () => add('mpesa'),
      'Alt+K': () => add('card'),
      // Removes the payment being edited (or the last one).
      'Alt+X': () => {
        const i = amountRefs.current.findIndex((el) => el && el.closest('.tender-line')?.contains(document.activeElement))
        if (drafts.length) remove(i >= 0 ? i : drafts.length - 1)
      },
      F7: () => phoneRef.current?.focus(),
      F9: complete,
      'Ctrl+Enter': complete,
    },
    open,
    { inDialog: true },
  )

  return (
    <Modal
      open={open}
      title="Take payment"
      onClose={onCancel}
      wide
      testId="tender"
      footer={
        <>
          <Button onClick={onCancel} shortcut="Esc">
            Back to cart
          </Button>
          <Button variant="primary" size="lg" shortcut="F9" onClick={complete} disabled={!status.canComplete} loading={submitting} data-testid="complete-sale">
            Complete sale
          </Button>
        </>
      }
    >
      <div className="tender-summary">
        <div>
          <div className="stat-label">Total due</div>
          <div className="tender-big" data-testid="tender-total">{formatCents(totalCents)}</div>
        </div>
        <div>
          <div className="stat-label">Paid</div>
          <div className="tender-big">{formatCents(status.paidCents)}</div>
        </div>
        <div>
          <div className="stat-label">{status.changeCents > 0 ? 'Change due' : 'Remaining'}</div>
          <div className={`tender-big ${status.changeCents > 0 ? 'tender-change' : status.remainingCents > 0 ? 'tender-owed' : ''}`} data-testid={status.changeCents > 0 ? 'tender-change' : 'tender-remaining'}>
            {formatCents(status.changeCents > 0 ? status.changeCents : status.remainingCents)}
          </div>
        </div>
      </div>
      <div className="row">
        <Button onClick={() => add('cash')} shortcut="Alt+C" data-testid="add-cash">Cash</Button>
        <Button onClick={() => add('mpesa')} shortcut="Alt+M" data-testid="add-mpesa">M-Pesa</Button>
        <Button onClick={() => add('card')} shortcut="Alt+K" data-testid="add-card">Card</Button>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          complete()
        }}
      >
        {drafts.length === 0 ? <p className="muted">Choose a payment method. Split payments: add more than one.</p> : null}
        {drafts.map((d, i) => (
          <div className="tender-line" key={d.method} data-testid={`payment-${d.method}`}>
            <div className="tender-method">{METHOD_LABEL[d.method]}</div>
            <Input
              label="Amount (KES)"
              inputMode="decimal"
              value={d.amount}
              ref={(el) => {
                amountRefs.current[i] = el
              }}
              data-testid={`amount-${d.method}`}
              onChange={(e) => update(i, { amount: e.target.value })}
              error={toCents(d.amount) === null ? 'Enter an amount like 250.00' : undefined}
            />
            {d.method !== 'cash' ? (
              <Input
                label={d.method === 'mpesa' ? 'M-Pesa code' : 'Card reference (optional)'}
                value={d.reference}
                data-testid={`reference-${d.method}`}
                placeholder={d.method === 'mpesa' ? 'e.g. QJK4XY12AB' : 'last 4 digits / approval code'}
                onChange={(e) => update(i, { reference: e.target.value.toUpperCase() })}
              />
            ) : (
              <div className="field muted tender-hint">Change is given from cash.</div>
            )}
            <Button size="sm" variant="ghost" shortcut="Alt+X" onClick={() => remove(i)} aria-label={`Remove ${METHOD_LABEL[d.method]}`}>
              Remove
            </Button>
          </div>
        ))}
        <Input
          label={<>Customer phone (optional) <Kbd>F7</Kbd></>}
          ref={phoneRef}
          value={customerPhone}
          inputMode="tel"
          placeholder="07XX XXX XXX"
          data-testid="customer-phone"
          onChange={(e) => onCustomerPhone(e.target.value)}
        />
        <button type="submit" hidden />
      </form>
      {error ? <Alert testId="sale-error">{error}</Alert> : null}
      {!error && drafts.length > 0 && status.problems.length > 0 ? (
        <Alert tone="warning" testId="tender-problems">{status.problems.join(' ')}</Alert>
      ) : null}
    </Modal>
  )
}
