import { Select } from '@/components/ui'
import type { Store } from '@/api/types'

/** A store select for admins; others see their store's name. */
export function StorePicker({ storeId, stores, canChoose, onChange, allowAll }: {
  storeId: string | null
  stores: Store[]
  canChoose: boolean
  onChange: (id: string) => void
  allowAll?: boolean
}) {
  if (!canChoose) {
    const s = stores.find((x) => x.id === storeId)
    return <div className="field"><label>Store</label><div className="store-fixed">{s ? `${s.code} · ${s.name}` : '—'}</div></div>
  }
  return (
    <Select label="Store" value={storeId ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="store-picker">
      {allowAll ? <option value="">All stores</option> : null}
      {stores.map((s) => (
        <option key={s.id} value={s.id}>
          {s.code} · {s.name}
        </option>
      ))}
    </Select>
  )
}
