import type { ShiftReport, Store } from '@/api/types'
import { formatMoney, toCents } from '@/lib/money'
import { taxLabel } from '@/lib/tax'

const TENDERS = [
  ['cash', 'Cash'],
  ['mpesa', 'M-Pesa'],
  ['card', 'Card'],
] as const

/** "-12.00" for an amount taken away, "0.00" (not "-0.00") when nothing was. */
const neg = (v: string) => ((toCents(v) ?? 0) === 0 ? formatMoney(v) : `-${formatMoney(v)}`)

const when = (iso?: string | null) =>
  iso ? new Intl.DateTimeFormat('en-KE', { timeZone: 'Africa/Nairobi', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—'

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? 'receipt-grand' : undefined}>
      <span>{label}</span>
      <span>{value}</span>
    </div>
  )
}

/** The X (mid-shift) or Z (closing) report on 80 mm paper. */
export function ShiftReportView({ report, store, cashierName }: { report: ShiftReport; store: Store | null; cashierName?: string }) {
  const s = report.shift
  const isZ = report.kind === 'Z'
  return (
    <article className="receipt" data-testid={`shift-report-${report.kind}`}>
      <header className="receipt-head">
        <div className="receipt-store">{store?.name ?? 'Duka'}</div>
        {store?.kra_pin ? <div>KRA PIN: {store.kra_pin}</div> : null}
        <div className="receipt-grand" style={{ justifyContent: 'center' }}>
          {isZ ? `Z REPORT No. ${s.z_number ?? ''}` : 'X REPORT (not a closing)'}
        </div>
      </header>
      <div className="receipt-meta">
        <Row label="Till" value={s.till} />
        {cashierName ? <Row label="Cashier" value={cashierName} /> : null}
        <Row label="Opened" value={when(s.opened_at)} />
        <Row label={isZ ? 'Closed' : 'Printed'} value={isZ ? when(s.closed_at) : when(new Date().toISOString())} />
      </div>
      <hr />
      <div className="receipt-totals">
        <Row label={`Sales (${report.sales_count})`} value={formatMoney(report.gross_total)} />
        <Row label="Discounts" value={formatMoney(report.discount_total)} />
        <Row label={`Returns (${report.returns_count})`} value={neg(report.returns_total)} />
        <Row label="VAT on sales" value={formatMoney(report.vat_total)} />
      </div>
      {report.vat_by_class.length ? (
        <table className="receipt-vat">
          <thead>
            <tr>
              <th>VAT by class, less returns</th>
              <th>Net</th>
              <th>VAT</th>
            </tr>
          </thead>
          <tbody>
            {report.vat_by_class.map((v) => (
              <tr key={v.tax_class}>
                <td>{taxLabel(v.tax_class)}</td>
                <td>{formatMoney(v.taxable_amount)}</td>
                <td>{formatMoney(v.vat_amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <hr />
      <div className="receipt-totals" data-testid="shift-tenders">
        {TENDERS.map(([k, label]) => (
          <div key={k} className="tender-block">
            <div className="receipt-line-name">{label}</div>
            <Row label="  Sales" value={formatMoney(report.sales_by_tender[k])} />
            <Row label="  Refunds" value={neg(report.refunds_by_tender[k])} />
            <Row label="  Expected" value={formatMoney(report.expected[k])} />
            {isZ ? <Row label="  Counted" value={formatMoney(report.counted?.[k])} /> : null}
            {isZ ? (
              <div className={(toCents(report.variance?.[k]) ?? 0) !== 0 ? 'variance' : undefined}>
                <span>  Variance</span>
                <span>{formatMoney(report.variance?.[k])}</span>
              </div>
            ) : null}
          </div>
        ))}
      </div>
      <hr />
      <div className="receipt-totals">
        <Row label="Opening float" value={formatMoney(s.opening_float)} />
        <Row label="Cash paid in" value={formatMoney(report.cash_in)} />
        <Row label="Cash paid out" value={neg(report.cash_out)} />
        {report.cash_movements.map((m) => (
          <div key={m.id} className="muted">
            <span>
              {m.kind === 'in' ? '+' : '-'} {m.reason}
            </span>
            <span>{formatMoney(m.amount)}</span>
          </div>
        ))}
        <Row label="Cash expected in drawer" value={formatMoney(report.expected.cash)} strong />
      </div>
      {s.close_note ? <p>Note: {s.close_note}</p> : null}
    </article>
  )
}
