import { useState } from 'react'
import type { Product } from '@/api/types'
import { Badge, Button, Card, Input, PageHeader, Pagination, Select, Table, type Column } from '@/components/ui'
import { useDebounced } from '@/hooks/use-debounced'
import { formatMoney } from '@/lib/money'
import { taxLabel } from '@/lib/tax'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useProducts } from '../api/products'
import { ProductForm } from './ProductForm'

const PER_PAGE = 50

export default function ProductsPage() {
  const [q, setQ] = useState('')
  const [active, setActive] = useState<'all' | 'true' | 'false'>('true')
  const [page, setPage] = useState(1)
  const [editing, setEditing] = useState<Product | 'new' | null>(null)
  const term = useDebounced(q.trim(), 300)
  const products = useProducts({
    ...(term ? { q: term } : {}),
    ...(active !== 'all' ? { active: active === 'true' } : {}),
    page,
    per_page: PER_PAGE,
  })
  useShortcuts({ 'Alt+N': () => setEditing('new') }, editing === null)

  const columns: Column<Product>[] = [
    { key: 'name', header: 'Name', render: (p) => <strong>{p.name}</strong> },
    { key: 'sku', header: 'SKU', render: (p) => <span className="mono nowrap">{p.sku}</span> },
    { key: 'barcode', header: 'Barcode', render: (p) => <span className="mono muted">{p.barcode ?? '—'}</span> },
    { key: 'category', header: 'Category', optional: true, render: (p) => p.category },
    { key: 'tax', header: 'Tax', render: (p) => <span className="nowrap">{taxLabel(p.tax_class)}</span> },
    { key: 'price', header: 'Price', align: 'right', render: (p) => <span className="num">{formatMoney(p.price)}</span> },
    { key: 'cost', header: 'Cost', align: 'right', optional: true, render: (p) => <span className="num muted">{formatMoney(p.cost)}</span> },
    { key: 'active', header: 'Status', render: (p) => (p.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
    { key: 'edit', header: '', align: 'right', render: (p) => <Button size="sm" onClick={() => setEditing(p)} data-testid={`edit-${p.sku}`}>Edit</Button> },
  ]

  return (
    <>
      <PageHeader title="Products" actions={<Button variant="primary" shortcut="Alt+N" onClick={() => setEditing('new')}>New product</Button>}>
        Catalogue shared by all stores. Prices include VAT.
      </PageHeader>
      <Card>
        <div className="row" style={{ marginBottom: 12 }}>
          <Input label="Search name, SKU or barcode" className="grow" data-testid="products-search" value={q} autoFocus onChange={(e) => { setQ(e.target.value); setPage(1) }} />
          <Select label="Status" value={active} onChange={(e) => { setActive(e.target.value as typeof active); setPage(1) }}>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
            <option value="all">All</option>
          </Select>
        </div>
        <Table columns={columns} rows={products.data?.items ?? []} rowKey={(p) => p.id} empty={products.isLoading ? 'Loading…' : 'No products match.'} testId="products-table" />
        {products.data ? <Pagination page={page} perPage={PER_PAGE} total={products.data.total} onPage={setPage} /> : null}
      </Card>
      {editing ? <ProductForm product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  )
}
