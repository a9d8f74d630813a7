import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react'
import type { Product, Sale } from '@/api/types'
import { Alert, Button, Select } from '@/components/ui'
import { useUser } from '@/features/auth/hooks/auth-context'
import { useCurrentStore } from '@/hooks/use-current-store'
import { ApiError } from '@/lib/api-client'
import { centsToDecimal, formatCents, toCents } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useCreateSale } from '../api/create-sale'
import { findByBarcode } from '../api/products'
import { cartReducer, cartTotals, loadCart, saveCart } from '../model/cart'
import { toPaymentInputs, type TenderLine } from '../model/tender'
import { CartTable } from './CartTable'
import { PromptDialog } from './PromptDialog'
import { ReceiptScreen } from './ReceiptScreen'
import { ScanBar } from './ScanBar'
import { TenderDialog } from './TenderDialog'
import { TotalsPanel } from './TotalsPanel'

type Overlay = null | 'tender' | 'qty' | 'discount' | 'phone' | 'void'

/** `shiftPanel` is composed in by the app (the shifts feature owns it). */
export function TillPage({ shiftPanel }: { shiftPanel?: ReactNode }) {
  const user = useUser()
  const qc = useQueryClient()
  const { storeId, store, stores, canChoose, setStoreId } = useCurrentStore()
  const [cart, dispatch] = useReducer(cartReducer, storeId, loadCart)
  const [overlay, setOverlay] = useState<Overlay>(null)
  const [notice, setNotice] = useState<{ tone: 'error' | 'info'; text: string } | null>(null)
  const [saleError, setSaleError] = useState<string | null>(null)
  const [receipt, setReceipt] = useState<Sale | null>(null)
  const scanRef = useRef<HTMLInputElement>(null)
  const createSale = useCreateSale()
  const totals = useMemo(() => cartTotals(cart.lines), [cart.lines])
  const selectedLine = cart.lines[cart.selected]

  const searchOpen = () => scanRef.current?.getAttribute('aria-expanded') === 'true'
  const focusScan = () => requestAnimationFrame(() => scanRef.current?.focus())
  const closeOverlay = () => {
    setOverlay(null)
    focusScan()
  }

  useEffect(() => saveCart(storeId, cart), [storeId, cart])

  // Keep the scan field focused: any key pressed while focus is lost goes there.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (overlay || receipt) return
      if (document.activeElement === document.body && e.key.length === 1 && !e.altKey && !e.ctrlKey) scanRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [overlay, receipt])

  const addProduct = (p: Product, quantity = 1) => {
    dispatch({ type: 'add', product: p, quantity })
    setNotice(null)
    focusScan()
  }

  const onSubmitCode = async (raw: string): Promise<boolean> => {
    const m = /^(\d+)\*(.+)$/.exec(raw)
    const qty = m ? Number(m[1]) : 1
    const code = (m ? m[2] : raw).trim()
    try {
      const p = await findByBarcode(qc, code)
      if (!p) {
        setNotice({ tone: 'error', text: `No active product with barcode ${code}.` })
        return false
      }
      addProduct(p, qty)
      return true
    } catch (e) {
      setNotice({ tone: 'error', text: e instanceof ApiError ? e.userMessage : 'Lookup failed.' })
      return false
    }
  }

  const openTender = () => {
    if (cart.lines.length === 0) {
      setNotice({ tone: 'info', text: 'Scan at least one item before taking payment.' })
      return
    }
    setSaleError(null)
    setOverlay('tender')
  }

  const complete = (payments: TenderLine[]) => {
    if (!storeId) return
    setSaleError(null)
    const phone = cart.customerPhone.replace(/\s+/g, '')
    createSale.mutate(
      {
        store_id: storeId,
        ...(phone ? { customer_phone: phone } : {}),
        items: cart.lines.map((l) => ({
          product_id: l.productId,
          quantity: l.quantity,
          ...(l.discountCents ? { discount: centsToDecimal(l.discountCents) } : {}),
        })),
        payments: toPaymentInputs(payments),
      },
      {
        onSuccess: (sale) => {
          setReceipt(sale)
          setOverlay(null)
          dispatch({ type: 'clear' })
          void qc.invalidateQueries({ queryKey: ['inventory'] })
        },
        onError: (e) => setSaleError(saleErrorText(e)),
      },
    )
  }

  const newSale = () => {
    setReceipt(null)
    setNotice(null)
    focusScan()
  }

  useShortcuts(
    {
      F2: focusScan,
      F4: () => selectedLine && setOverlay('qty'),
      F6: () => selectedLine && setOverlay('discount'),
      F7: () => setOverlay('phone'),
      F8: () => cart.lines.length && setOverlay('void'),
      F9: openTender,
      ArrowDown: () => !searchOpen() && dispatch({ type: 'moveSelection', by: 1 }),
      ArrowUp: () => !searchOpen() && dispatch({ type: 'moveSelection', by: -1 }),
      'Alt+ArrowUp': () => selectedLine && dispatch({ type: 'increment', index: cart.selected, by: 1 }),
      'Alt+ArrowDown': () => selectedLine && dispatch({ type: 'increment', index: cart.selected, by: -1 }),
      Delete: () => {
        if (!selectedLine || scanRef.current?.value) return false
        dispatch({ type: 'remove', index: cart.selected })
      },
    },
    overlay === null && receipt === null,
  )

  if (receipt) return <ReceiptScreen sale={receipt} store={store} cashierName={user.full_name || user.username} onNewSale={newSale} />

  return (
    <div className="till" data-testid="till">
      <div className="till-main">
        <div className="till-top">
          <ScanBar ref={scanRef} onSubmitCode={onSubmitCode} onPick={(p) => addProduct(p)} disabled={!storeId} />
          {canChoose ? (
            <Select label="Store" value={storeId ?? ''} onChange={(e) => setStoreId(e.target.value)} className="till-store">
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} · {s.name}
                </option>
              ))}
            </Select>
          ) : null}
        </div>
        {notice ? <Alert tone={notice.tone} testId="till-notice">{notice.text}</Alert> : null}
        {!storeId ? <Alert tone="warning">Your account has no store. Ask an administrator to assign one.</Alert> : null}
        <CartTable lines={cart.lines} selected={cart.selected} onSelect={(i) => dispatch({ type: 'select', index: i })} />
      </div>
      <aside className="till-side">
        <div className="till-store-name">
          <strong>{store?.name ?? '—'}</strong>
          <span className="muted">{user.full_name || user.username}</span>
        </div>
        {shiftPanel}
        <TotalsPanel totals={totals} />
        {cart.customerPhone ? <div className="muted">Customer: {cart.customerPhone}</div> : null}
        <Button variant="primary" size="lg" shortcut="F9" onClick={openTender} disabled={cart.lines.length === 0} data-testid="pay">
          Pay {formatCents(totals.totalCents)}
        </Button>
        <div className="till-actions">
          <Button shortcut="F4" onClick={() => setOverlay('qty')} disabled={!selectedLine}>Quantity</Button>
          <Button shortcut="F6" onClick={() => setOverlay('discount')} disabled={!selectedLine}>Discount</Button>
          <Button shortcut="F7" onClick={() => setOverlay('phone')}>Customer</Button>
          <Button shortcut="Del" onClick={() => selectedLine && dispatch({ type: 'remove', index: cart.selected })} disabled={!selectedLine}>Remove</Button>
          <Button shortcut="F8" variant="danger" onClick={() => setOverlay('void')} disabled={cart.lines.length === 0}>Void sale</Button>
          <Button shortcut="F2" onClick={focusScan}>Scan</Button>
        </div>
        <p className="muted small">↑/↓ select a line · Alt+↑/↓ change its quantity</p>
      </aside>

      <TenderDialog
        open={overlay === 'tender'}
        totalCents={totals.totalCents}
        customerPhone={cart.customerPhone}
        onCustomerPhone={(phone) => dispatch({ type: 'setCustomerPhone', phone })}
        onCancel={closeOverlay}
        onComplete={complete}
        submitting={createSale.isPending}
        error={saleError}
      />
      {overlay === 'qty' && selectedLine ? (
        <PromptDialog
          title={`Quantity — ${selectedLine.name}`}
          label="Quantity"
          inputMode="numeric"
          initial={String(selectedLine.quantity)}
          validate={(v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 9999 ? null : 'A whole number from 1 to 9999')}
          onSubmit={(v) => {
            dispatch({ type: 'setQuantity', index: cart.selected, quantity: Number(v) })
            closeOverlay()
          }}
          onClose={closeOverlay}
          testId="qty-dialog"
        />
      ) : null}
      {overlay === 'discount' && selectedLine ? (
        <PromptDialog
          title={`Line discount — ${selectedLine.name}`}
          label={`Discount in KES (line is ${formatCents(selectedLine.unitPriceCents * selectedLine.quantity)})`}
          inputMode="decimal"
          initial={centsToDecimal(selectedLine.discountCents)}
          validate={(v) => {
            const c = toCents(v)
            if (c === null || c < 0) return 'Enter an amount like 50.00'
            if (c > selectedLine.unitPriceCents * selectedLine.quantity) return 'The discount cannot exceed the line amount'
            return null
          }}
          onSubmit={(v) => {
            dispatch({ type: 'setDiscount', index: cart.selected, discountCents: toCents(v) ?? 0 })
            closeOverlay()
          }}
          onClose={closeOverlay}
          testId="discount-dialog"
        />
      ) : null}
      {overlay === 'phone' ? (
        <PromptDialog
          title="Customer phone"
          label="Phone (07XX…, 01XX… or +254…)"
          inputMode="tel"
          initial={cart.customerPhone}
          validate={(v) => (v.trim() === '' || /^(\+?254|0)[17]\d{8}$/.test(v.replace(/\s+/g, '')) ? null : 'A Kenyan mobile number, e.g. 0712345678')}
          onSubmit={(v) => {
            dispatch({ type: 'setCustomerPhone', phone: v.trim() })
            closeOverlay()
          }}
          onClose={closeOverlay}
          testId="phone-dialog"
        />
      ) : null}
      {overlay === 'void' ? (
        <PromptDialog
          title="Void this sale?"
          label="Type YES to clear the cart"
          initial=""
          validate={(v) => (v.trim().toUpperCase() === 'YES' ? null : 'Type YES')}
          onSubmit={() => {
            dispatch({ type: 'clear' })
            closeOverlay()
          }}
          onClose={closeOverlay}
          testId="void-dialog"
        />
      ) : null}
    </div>
  )
}

function saleErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return 'The sale could not be completed. Try again.'
  // 409: insufficient stock (the detail names the product) or a till rule such as no open shift.
  if (e.status === 409)
    return /stock/i.test(`${e.title} ${e.detail ?? ''}`)
      ? `Not enough stock: ${e.detail ?? e.title}. Adjust the cart and try again.`
      : /shift/i.test(`${e.title} ${e.detail ?? ''}`)
        ? `${e.detail ?? e.title} Press Esc, then F10 to open a shift.`
        : (e.detail ?? e.title)
  // Same key, different body: an earlier attempt whose answer was lost did record the sale.
  if (e.status === 422 && /idempoten/i.test(`${e.title} ${e.detail ?? ''}`))
    return 'An earlier attempt of this sale was already recorded (its answer was lost). Do not charge again: void this cart and find the sale in Returns.'
  if (e.status === 422) return `The sale was refused: ${e.userMessage}`
  if (e.status === 0) return 'No connection to the server. Your cart is kept: press F9 to try again (it will not be charged twice).'
  return e.userMessage
}
