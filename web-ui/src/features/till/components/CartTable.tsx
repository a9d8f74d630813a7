import { formatCents } from '@/lib/money'
import { taxLabel } from '@/lib/tax'
import { lineTotals, type CartLine } from '../model/cart'

interface CartTableProps {
  lines: CartLine[]
  selected: number
  onSelect: (i: number) => void
}

export function CartTable({ lines, selected, onSelect }: CartTableProps) {
  if (lines.length === 0)
    return (
      <div className="cart-empty" data-testid="cart-empty">
        <p>Cart is empty.</p>
        <p className="muted">Scan a barcode or type a product name to start a sale.</p>
      </div>
    )
  return (
    <div className="cart-scroll">
      <table className="table cart-table" data-testid="cart">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Price</th>
            <th className="num">Qty</th>
            <th className="num">Discount</th>
            <th className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr
              key={l.productId}
              className={i === selected ? 'row-selected' : undefined}
              onClick={() => onSelect(i)}
              aria-selected={i === selected}
              data-testid="cart-line"
            >
              <td>
                <div className="cart-name">{l.name}</div>
                <div className="muted small">
                  <span className="mono">{l.sku}</span> · {taxLabel(l.taxClass)}
                </div>
              </td>
              <td className="num">{formatCents(l.unitPriceCents)}</td>
              <td className="num" data-testid="cart-qty">{l.quantity}</td>
              <td className="num">{l.discountCents ? `-${formatCents(l.discountCents)}` : ''}</td>
              <td className="num strong">{formatCents(lineTotals(l).lineTotalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
