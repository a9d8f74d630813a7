import { formatCents } from '@/lib/money'
import { taxLabel } from '@/lib/tax'
import type { CartTotals } from '../model/cart'

/** The cart's live preview; the receipt shows the server's own figures. */
export function TotalsPanel({ totals }: { totals: CartTotals }) {
  return (
    <div className="totals" data-testid="totals">
      <div className="totals-row">
        <span>Items</span>
        <span className="num">{totals.itemCount}</span>
      </div>
      {totals.discountCents ? (
        <div className="totals-row">
          <span>Discounts</span>
          <span className="num">-{formatCents(totals.discountCents)}</span>
        </div>
      ) : null}
      {totals.vatByClass.map((c) => (
        <div className="totals-row muted" key={c.taxClass}>
          <span>
            {taxLabel(c.taxClass)} on {formatCents(c.taxableCents)}
          </span>
          <span className="num">{formatCents(c.vatCents)}</span>
        </div>
      ))}
      <div className="totals-row">
        <span>VAT included</span>
        <span className="num" data-testid="total-vat">{formatCents(totals.vatCents)}</span>
      </div>
      <div className="totals-row totals-grand">
        <span>Total KES</span>
        <span className="num" data-testid="total-due">{formatCents(totals.totalCents)}</span>
      </div>
    </div>
  )
}
