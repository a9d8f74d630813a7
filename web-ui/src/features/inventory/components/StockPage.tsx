import { useState } from 'react'
import type { AdjustmentReason, InventoryItem } from '@/api/types'
import { Alert, Badge, Button, Card, Input, Modal, PageHeader, Pagination, Select, Table, type Column } from '@/components/ui'
import { StorePicker } from '@/components/StorePicker'
import { useCurrentStore } from '@/hooks/use-current-store'
import { useDebounced } from '@/hooks/use-debounced'
import { ApiError } from '@/lib/api-client'
import { useAdjustStock, useInventory } from '../api/inventory'

const PER_PAGE = 50
const REASONS: { value: AdjustmentReason; label: string; sign: 1 | -1 | 0 }[] = [
  { value: 'received', label: 'Goods received', sign: 1 },
  { value: 'count', label: 'Stock count correction', sign: 0 },
  { value: 'damage', label: 'Damaged', sign: -1 },
  { value: 'theft', label: 'Theft / loss', sign: -1 },
]

export default function StockPage() {
  const { storeId, stores, canChoose, setStoreId } = useCurrentStore()
  const [q, setQ] = useState('')
  const [lowStock, setLowStock] = useState(false)
  const [page, setPage] = useState(1)
  const [adjusting, setAdjusting] = useState<InventoryItem | null>(null)
  const term = useDebounced(q.trim(), 300)
  const inv = useInventory(storeId, { q: term, lowStock, page, perPage: PER_PAGE })

  const columns: Column<InventoryItem>[] = [
    { key: 'name', header: 'Product', render: (i) => <strong>{i.name}</strong> },
    { key: 'sku', header: 'SKU', render: (i) => <span className="mono">{i.sku}</span> },
    { key: 'qty', header: 'On hand', align: 'right', render: (i) => <span className="num" data-testid={`onhand-${i.sku}`}>{i.quantity}</span> },
    { key: 'reorder', header: 'Reorder at', align: 'right', render: (i) => <span className="num muted">{i.reorder_level}</span> },
    { key: 'status', header: 'Status', render: (i) => (i.low_stock ? <Badge tone="warning">Low stock</Badge> : <Badge tone="success">OK</Badge>) },
    { key: 'qty2', header: '', align: 'right', render: (i) => <Button size="sm" onClick={() => setAdjusting(i)} data-testid={`adjust-${i.sku}`}>Adjust</Button> },
  ]

  return (
    <>
      <PageHeader title="Stock">Quantities on hand; rows at or below their reorder level are highlighted.</PageHeader>
      <Card>
        <div className="row" style={{ marginBottom: 12 }}>
          <StorePicker storeId={storeId} stores={stores} canChoose={canChoose} onChange={(id) => { setStoreId(id); setPage(1) }} />
          <Input label="Search" className="grow" data-testid="stock-search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1) }} placeholder="Name or SKU" />
          <label className="check">
            <input type="checkbox" checked={lowStock} onChange={(e) => { setLowStock(e.target.checked); setPage(1) }} data-testid="low-stock-only" /> Low stock only
          </label>
        </div>
        {inv.error ? <Alert>{inv.error instanceof ApiError ? inv.error.userMessage : 'Could not load stock.'}</Alert> : null}
        <Table
          columns={columns}
          rows={inv.data?.items ?? []}
          rowKey={(i) => i.product_id}
          rowClassName={(i) => (i.low_stock ? 'row-warning' : undefined)}
          empty={inv.isLoading ? 'Loading…' : 'Nothing here.'}
          testId="stock-table"
        />
        {inv.data ? <Pagination page={page} perPage={PER_PAGE} total={inv.data.total} onPage={setPage} /> : null}
      </Card>
      {adjusting ? <AdjustDialog storeId={storeId} item={adjusting} onClose={() => setAdjusting(null)} /> : null}
    </>
  )
}

function AdjustDialog({ storeId, item, onClose }: { storeId: string | null; item: InventoryItem; onClose: () => void }) {
  const [reason, setReason] = useState<AdjustmentReason>('received')
  const [amount, setAmount] = useState('')
  const adjust = useAdjustStock(storeId)
  const sign = REASONS.find((r) => r.value === reason)!.sign
  const n = Number(amount)
  const valid = /^-?\d+$/.test(amount.trim()) && n !== 0 && (sign === 0 || n > 0)
  const delta = sign === 0 ? n : sign * n
  const after = item.quantity + (valid ? delta : 0)
  const submit = () => {
    if (!valid || after < 0) return
    adjust.mutate({ product_id: item.product_id, delta, reason }, { onSuccess: onClose })
  }
  return (
    <Modal
      open
      title={`Adjust ${item.name}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} shortcut="Esc">Cancel</Button>
          <Button variant="primary" onClick={submit} disabled={!valid || after < 0} loading={adjust.isPending} data-testid="adjust-save">Save adjustment</Button>
        </>
      }
    >
      <form className="stack" onSubmit={(e) => { e.preventDefault(); submit() }}>
        <Select label="Reason" value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)}>
          {REASONS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </Select>
        <Input
          label={sign === 0 ? 'Change (+ or −)' : sign > 0 ? 'Quantity received' : 'Quantity lost'}
          inputMode="numeric"
          autoFocus
          value={amount}
          data-testid="adjust-amount"
          onChange={(e) => setAmount(e.target.value)}
          hint={`On hand now ${item.quantity}; after this ${after}.`}
          error={after < 0 ? 'Stock cannot go below zero.' : undefined}
        />
        {adjust.error ? <Alert>{adjust.error instanceof ApiError ? adjust.error.userMessage : 'Adjustment failed.'}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  )
}
