import type { Sale, Store } from '@/api/types'
import { formatCents, formatMoney, toCents } from '@/lib/money'
import { taxLabel, taxMark } from '@/lib/tax'
import { formatReceiptTime, vatByClass } from '../model/receipt'
import { METHOD_LABEL } from '../model/tender'

interface ReceiptProps {
  sale: Sale
  store: Store | null
  cashierName: string
}

/** The 80 mm thermal receipt; @media print shows only this. */
export function Receipt({ sale, store, cashierName }: ReceiptProps) {
  return (
    <article className="receipt" data-testid="receipt" aria-label={`Receipt ${sale.receipt_number}`}>
      <header className="receipt-head">
        <div className="receipt-store">{store?.name ?? 'Duka'}</div>
        {store?.location ? <div>{store.location}</div> : null}
        {store?.phone ? <div>Tel {store.phone}</div> : null}
        {store?.kra_pin ? <div>KRA PIN: {store.kra_pin}</div> : null}
      </header>
      <div className="receipt-meta">
        <div>
          <span>Receipt</span>
          <strong data-testid="receipt-number">{sale.receipt_number}</strong>
        </div>
        <div>
          <span>Date</span>
          <span>{formatReceiptTime(sale.created_at)}</span>
        </div>
        <div>
          <span>Cashier</span>
          <span>{cashierName}</span>
        </div>
        {sale.customer_phone ? (
          <div>
            <span>Customer</span>
            <span>{sale.customer_phone}</span>
          </div>
        ) : null}
      </div>
      <hr />
      <div className="receipt-lines">
        {sale.items.map((l) => (
          <div className="receipt-line" key={l.product_id} data-testid="receipt-line">
            <div className="receipt-line-name">
              {l.name} <span className="receipt-mark">{taxMark(l.tax_class)}</span>
            </div>
            <div className="receipt-line-calc">
              <span>
                {l.quantity} x {formatMoney(l.unit_price)}
                {toCents(l.discount) ? ` - ${formatMoney(l.discount)}` : ''}
              </span>
              <span>{formatMoney(l.line_total)}</span>
            </div>
          </div>
        ))}
      </div>
      <hr />
      <div className="receipt-totals">
        {toCents(sale.discount_total) ? (
          <div>
            <span>Discounts</span>
            <span>-{formatMoney(sale.discount_total)}</span>
          </div>
        ) : null}
        <div className="receipt-grand">
          <span>TOTAL KES</span>
          <span data-testid="receipt-total">{formatMoney(sale.total)}</span>
        </div>
        {sale.payments.map((p, i) => (
          <div key={i}>
            <span>
              {METHOD_LABEL[p.method]}
              {p.reference ? ` ${p.reference}` : ''}
            </span>
            <span>{formatMoney(p.amount)}</span>
          </div>
        ))}
        <div>
          <span>Paid</span>
          <span>{formatMoney(sale.amount_paid)}</span>
        </div>
        <div className="receipt-change">
          <span>Change</span>
          <span data-testid="receipt-change">{formatMoney(sale.change_due)}</span>
        </div>
      </div>
      <hr />
      <table className="receipt-vat">
        <thead>
          <tr>
            <th>VAT class</th>
            <th>Net</th>
            <th>VAT</th>
          </tr>
        </thead>
        <tbody>
          {vatByClass(sale).map((v) => (
            <tr key={v.taxClass} data-testid="receipt-vat-row">
              <td>
                {taxMark(v.taxClass)} {taxLabel(v.taxClass)}
              </td>
              <td>{formatCents(v.taxable)}</td>
              <td>{formatCents(v.vat)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td>{formatMoney(sale.net_total)}</td>
            <td>{formatMoney(sale.vat_total)}</td>
          </tr>
        </tfoot>
      </table>
      <footer className="receipt-foot">
        <div>Prices include VAT. Thank you for shopping with us!</div>
        <div className="mono">{sale.id}</div>
      </footer>
    </article>
  )
}
