import { useState } from 'react'
import type { PaymentMethod, Sale, SaleReturn } from '@/api/types'
import { Alert, Button, Card, Input, PageHeader, Select } from '@/components/ui'
import { ApiError } from '@/lib/api-client'
import { formatMoney } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { findSaleByReceipt, useCreateReturn } from '../api/returns'

const REFUND_METHODS: { value: PaymentMethod; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'mpesa', label: 'M-Pesa' },
  { value: 'card', label: 'Card' },
]

export default function ReturnsPage() {
  const [receipt, setReceipt] = useState('')
  const [sale, setSale] = useState<Sale | null>(null)
  const [finding, setFinding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<SaleReturn | null>(null)

  const find = async () => {
    if (!receipt.trim()) return
    setFinding(true)
    setError(null)
    setDone(null)
    try {
      const s = await findSaleByReceipt(receipt)
      setSale(s)
      if (!s) setError(`No sale with receipt number ${receipt.trim().toUpperCase()} in your store.`)
    } catch (e) {
      setError(e instanceof ApiError ? e.userMessage : 'Lookup failed.')
    } finally {
      setFinding(false)
    }
  }

  return (
    <>
      <PageHeader title="Returns">Find the sale by its receipt number, pick what comes back, refund.</PageHeader>
      <Card>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            void find()
          }}
        >
          <Input
            label="Receipt number"
            placeholder="NBO-000123"
            value={receipt}
            autoFocus
            className="grow"
            data-testid="return-receipt"
            onChange={(e) => setReceipt(e.target.value)}
          />
          <Button type="submit" variant="primary" shortcut="Enter" loading={finding} data-testid="return-find">
            Find sale
          </Button>
        </form>
      </Card>
      {error ? <Alert testId="return-error">{error}</Alert> : null}
      {done ? (
        <Alert tone="success" testId="return-done">
          Refunded KES {formatMoney(done.refund_total)} (VAT reversed {formatMoney(done.vat_reversed)}). The goods are back in stock.
        </Alert>
      ) : null}
      {sale && !done ? (
        <ReturnForm
          key={sale.id}
          sale={sale}
          onDone={(r) => {
            setDone(r)
            setSale(null)
            setReceipt('')
          }}
        />
      ) : null}
    </>
  )
}

function ReturnForm({ sale, onDone }: { sale: Sale; onDone: (r: SaleReturn) => void }) {
  const [qty, setQty] = useState<Record<string, string>>({})
  const [reason, setReason] = useState('')
  const [method, setMethod] = useState<PaymentMethod>(sale.payments[0]?.method ?? 'cash')
  const mutation = useCreateReturn(sale.id)
  const items = sale.items
    .map((l) => ({ product_id: l.product_id, quantity: Number(qty[l.product_id] || 0) }))
    .filter((i) => Number.isInteger(i.quantity) && i.quantity > 0)
  const returnable = (l: Sale['items'][number]) => l.quantity - (l.returned_quantity ?? 0)
  const invalid = sale.items.some((l) => {
    const q = Number(qty[l.product_id] || 0)
    return !Number.isInteger(q) || q < 0 || q > returnable(l)
  })
  const canSubmit = items.length > 0 && !invalid && reason.trim().length > 0 && !mutation.isPending

  const submit = () => {
    if (!canSubmit) return
    mutation.mutate({ items, reason: reason.trim(), refund_method: method }, { onSuccess: onDone })
  }
  useShortcuts({ F9: submit })

  return (
    <Card title={`Sale ${sale.receipt_number}`} actions={<span className="muted">{new Date(sale.created_at).toLocaleString('en-KE')} · total KES {formatMoney(sale.total)}</span>}>
      <div className="table-wrap">
        <table className="table" data-testid="return-lines">
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Sold</th>
              <th className="num">Returned</th>
              <th className="num">Line total</th>
              <th style={{ width: 130 }}>Return qty</th>
            </tr>
          </thead>
          <tbody>
            {sale.items.map((l, i) => (
              <tr key={l.product_id} data-testid="return-line">
                <td>
                  <strong>{l.name}</strong> <span className="muted mono">{l.sku}</span>
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num muted">{l.returned_quantity || ''}</td>
                <td className="num">{formatMoney(l.line_total)}</td>
                <td>
                  <input
                    className="qty-input"
                    type="number"
                    min={0}
                    max={returnable(l)}
                    disabled={returnable(l) === 0}
                    value={qty[l.product_id] ?? ''}
                    placeholder="0"
                    aria-label={`Quantity of ${l.name} to return`}
                    data-testid={`return-qty-${i}`}
                    onChange={(e) => setQty({ ...qty, [l.product_id]: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <Input label="Reason" className="grow" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. damaged packaging" data-testid="return-reason" />
        <Select label="Refund by" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)} data-testid="return-method">
          {REFUND_METHODS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </Select>
        <Button variant="primary" shortcut="F9" onClick={submit} disabled={!canSubmit} loading={mutation.isPending} data-testid="return-submit">
          Refund
        </Button>
      </div>
      {invalid ? <Alert tone="warning">A return quantity must be a whole number no larger than what was sold and not yet returned.</Alert> : null}
      {mutation.error ? (
        <div style={{ marginTop: 12 }}>
          <Alert testId="return-submit-error">
            {mutation.error instanceof ApiError && mutation.error.status === 409
              ? `Cannot return that: ${mutation.error.userMessage}`
              : mutation.error instanceof ApiError
                ? mutation.error.userMessage
                : 'The return failed.'}
          </Alert>
        </div>
      ) : null}
    </Card>
  )
}
