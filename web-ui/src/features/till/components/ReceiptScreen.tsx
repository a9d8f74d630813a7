import type { Sale, Store } from '@/api/types'
import { Alert, Button } from '@/components/ui'
import { formatMoney, toCents } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { Receipt } from './Receipt'

interface Props {
  sale: Sale
  store: Store | null
  cashierName: string
  onNewSale: () => void
}

export function ReceiptScreen({ sale, store, cashierName, onNewSale }: Props) {
  useShortcuts({ 'Alt+P': () => window.print(), Enter: onNewSale, F2: onNewSale, Escape: onNewSale })
  return (
    <div className="receipt-screen" data-testid="receipt-screen">
      <div className="receipt-screen-side no-print">
        <Alert tone="success" testId="sale-complete">
          Sale {sale.receipt_number} recorded.
        </Alert>
        {toCents(sale.change_due) ? (
          <div className="change-callout">
            <div className="stat-label">Change due</div>
            <div className="tender-big tender-change" data-testid="change-due">KES {formatMoney(sale.change_due)}</div>
          </div>
        ) : null}
        <Button variant="primary" size="lg" shortcut="Enter" onClick={onNewSale} data-testid="new-sale" autoFocus>
          New sale
        </Button>
        <Button shortcut="Alt+P" onClick={() => window.print()} data-testid="print-receipt">
          Print receipt
        </Button>
      </div>
      <div className="receipt-paper print-area">
        <Receipt sale={sale} store={store} cashierName={cashierName} />
      </div>
    </div>
  )
}
