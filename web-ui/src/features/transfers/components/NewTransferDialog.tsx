import { useState } from 'react'
import type { Product } from '@/api/types'
import { Alert, Button, Input, Modal, Select } from '@/components/ui'
import { ProductPicker } from '@/components/ProductPicker'
import { useUser } from '@/features/auth/hooks/auth-context'
import { useStores } from '@/hooks/use-stores'
import { ApiError } from '@/lib/api-client'
import { useTransferActions } from '../api/transfers'

interface Line {
  product: Product
  quantity: string
}

export function NewTransferDialog({ onClose }: { onClose: () => void }) {
  const user = useUser()
  const stores = useStores().data ?? []
  const [from, setFrom] = useState('')
  const [to, setTo] = useState(user.store_id ?? '')
  const [lines, setLines] = useState<Line[]>([])
  const [note, setNote] = useState('')
  const { create } = useTransferActions()
  const qtyOk = lines.every((l) => /^\d+$/.test(l.quantity) && Number(l.quantity) > 0)
  const valid = from && to && from !== to && lines.length > 0 && qtyOk
  const submit = () => {
    if (!valid) return
    create.mutate(
      {
        from_store_id: from,
        to_store_id: to,
        items: lines.map((l) => ({ product_id: l.product.id, quantity: Number(l.quantity) })),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: onClose },
    )
  }
  return (
    <Modal
      open
      wide
      title="Request a transfer"
      onClose={onClose}
      testId="transfer-form"
      footer={
        <>
          <Button onClick={onClose} shortcut="Esc">Cancel</Button>
          <Button variant="primary" onClick={submit} disabled={!valid} loading={create.isPending} data-testid="transfer-submit">Request</Button>
        </>
      }
    >
      <div className="grid-2">
        <Select label="From store (ships the goods)" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="transfer-from">
          <option value="">Choose…</option>
          {stores.map((s) => <option key={s.id} value={s.id}>{s.code} · {s.name}</option>)}
        </Select>
        <Select label="To store (receives)" value={to} onChange={(e) => setTo(e.target.value)} data-testid="transfer-to">
          <option value="">Choose…</option>
          {stores.map((s) => <option key={s.id} value={s.id}>{s.code} · {s.name}</option>)}
        </Select>
      </div>
      {from && from === to ? <Alert tone="warning">Source and destination must differ.</Alert> : null}
      <ProductPicker
        onPick={(p) => setLines((ls) => (ls.some((l) => l.product.id === p.id) ? ls : [...ls, { product: p, quantity: '1' }]))}
      />
      {lines.map((l, i) => (
        <div className="row" key={l.product.id}>
          <div className="grow"><strong>{l.product.name}</strong> <span className="muted mono">{l.product.sku}</span></div>
          <Input label="Quantity" inputMode="numeric" value={l.quantity} style={{ width: 100 }} data-testid={`transfer-qty-${i}`} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))} />
          <Button size="sm" variant="ghost" onClick={() => setLines(lines.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      <Input label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
      {create.error ? <Alert>{create.error instanceof ApiError ? create.error.userMessage : 'Request failed.'}</Alert> : null}
    </Modal>
  )
}
