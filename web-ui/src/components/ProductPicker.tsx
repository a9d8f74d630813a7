import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Product } from '@/api/types'
import { Input } from '@/components/ui'
import { useDebounced } from '@/hooks/use-debounced'
import { api, unwrap } from '@/lib/api-client'

/** Search-as-you-type product chooser for back-office forms (never loads the catalogue). */
export function ProductPicker({ onPick, label = 'Add product' }: { onPick: (p: Product) => void; label?: string }) {
  const [q, setQ] = useState('')
  const [active, setActive] = useState(0)
  const term = useDebounced(q.trim(), 250)
  const res = useQuery({
    queryKey: ['products', 'picker', term],
    enabled: term.length >= 2,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/products', {
          params: { query: /^\d{8,14}$/.test(term) ? { barcode: term, per_page: 8 } : { q: term, active: true, per_page: 8 } },
          signal,
        }),
      ),
  })
  const items = q.trim().length >= 2 ? (res.data?.items ?? []) : []
  const pick = (p: Product) => {
    onPick(p)
    setQ('')
    setActive(0)
  }
  return (
    <div className="scanbar picker">
      <Input
        label={label}
        value={q}
        placeholder="Name, SKU or barcode"
        data-testid="product-picker"
        onChange={(e) => {
          setQ(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (!items.length) return
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length)
          } else if (e.key === 'Enter') {
            e.preventDefault()
            pick(items[active])
          }
        }}
      />
      {items.length ? (
        <ul className="scan-results" role="listbox" data-testid="product-picker-results">
          {items.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={(e) => { e.preventDefault(); pick(p) }}>
              <span className="grow"><strong>{p.name}</strong> <span className="muted mono">{p.sku}</span></span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
