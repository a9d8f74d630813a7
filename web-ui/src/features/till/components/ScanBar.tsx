import { forwardRef, useState } from 'react'
import type { Product } from '@/api/types'
import { Kbd } from '@/components/ui'
import { useDebounced } from '@/hooks/use-debounced'
import { looksLikeBarcode } from '@/lib/shortcuts'
import { formatMoney } from '@/lib/money'
import { useProductSearch } from '../api/products'

interface ScanBarProps {
  /** Called on Enter with what was typed (barcode, or "3*barcode"). */
  onSubmitCode: (code: string) => Promise<boolean>
  onPick: (p: Product) => void
  disabled?: boolean
}

/**
 * The always-focused scan field. Scanners type a barcode and Enter; people
 * type a name or SKU and pick from the results (arrow keys + Enter).
 */
export const ScanBar = forwardRef<HTMLInputElement, ScanBarProps>(function ScanBar({ onSubmitCode, onPick, disabled }, ref) {
  const [value, setValue] = useState('')
  const [active, setActive] = useState(0)
  const [busy, setBusy] = useState(false)
  const debounced = useDebounced(value, 250)
  const searching = !looksLikeBarcode(debounced.replace(/^\d+\*/, '')) && debounced.trim().length >= 2
  const search = useProductSearch(debounced.replace(/^\d+\*/, ''), searching)
  const results = searching && value.trim().length >= 2 ? (search.data?.items ?? []) : []
  const open = results.length > 0

  const pick = (p: Product) => {
    onPick(p)
    setValue('')
    setActive(0)
  }

  const onKeyDown = async (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      e.stopPropagation()
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length)
      return
    }
    if (e.key === 'Escape' && value) {
      e.preventDefault()
      e.stopPropagation()
      setValue('')
      return
    }
    if (e.key !== 'Enter') return
    e.preventDefault()
    const code = value.trim()
    if (!code) return
    const bare = code.replace(/^\d+\*/, '')
    if (!looksLikeBarcode(bare) && open && results[active]) {
      pick(results[active])
      return
    }
    setBusy(true)
    try {
      if (await onSubmitCode(code)) setValue('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="scanbar">
      <label htmlFor="scan" className="scanbar-label">
        Scan or search <Kbd>F2</Kbd>
      </label>
      <div className="scanbar-input">
        <input
          id="scan"
          ref={ref}
          data-testid="scan-input"
          value={value}
          disabled={disabled}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="Scan a barcode or type a name / SKU"
          title="Tip: 3*barcode adds three"
          role="combobox"
          aria-expanded={open}
          aria-controls="scan-results"
          aria-activedescendant={open ? `scan-opt-${active}` : undefined}
          onChange={(e) => {
            setValue(e.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
        />
        {busy || search.isFetching ? <span className="spinner spinner-sm scanbar-spin" aria-hidden /> : null}
      </div>
      {open ? (
        <ul id="scan-results" role="listbox" className="scan-results" data-testid="search-results">
          {results.map((p, i) => (
            <li
              key={p.id}
              id={`scan-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                pick(p)
              }}
            >
              <span className="grow">
                <strong>{p.name}</strong> <span className="muted mono">{p.sku}</span>
              </span>
              <span className="num">{formatMoney(p.price)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
})
