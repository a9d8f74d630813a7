import { lazy, Suspense, useState } from 'react'
import type { LowStockReport } from '@/api/types'
import { Alert, Badge, Button, Card, EmptyState, Input, PageHeader, Spinner, Stat, Table } from '@/components/ui'
import { StorePicker } from '@/components/StorePicker'
import { useCurrentStore } from '@/hooks/use-current-store'
import { ApiError } from '@/lib/api-client'
import { formatMoney } from '@/lib/money'
import { taxLabel } from '@/lib/tax'
import {
  downloadReportCsv,
  useCommissionReport,
  useLowStockReport,
  useSalesSummary,
  useVatReport,
  type ReportKind,
  type ReportRange,
} from '../api/reports'
import { addDays, PRESETS, todayInNairobi } from '../model/dates'

const SalesCharts = lazy(() => import('./SalesCharts').then((m) => ({ default: m.SalesByDayChart })))
const MethodChart = lazy(() => import('./SalesCharts').then((m) => ({ default: m.PaymentMethodChart })))

const TABS: { kind: ReportKind; label: string }[] = [
  { kind: 'sales-summary', label: 'Sales summary' },
  { kind: 'vat', label: 'VAT' },
  { kind: 'commission', label: 'Commission' },
  { kind: 'low-stock', label: 'Low stock' },
]

const errText = (e: unknown) => (e instanceof ApiError ? e.userMessage : 'Could not load the report.')

export default function ReportsPage() {
  const { storeId, stores, canChoose } = useCurrentStore()
  const today = todayInNairobi()
  const [tab, setTab] = useState<ReportKind>('sales-summary')
  const [from, setFrom] = useState(addDays(today, -6))
  const [to, setTo] = useState(today)
  const [store, setStore] = useState<string | null>(canChoose ? null : storeId)
  const range: ReportRange = { from, to, storeId: canChoose ? store : storeId }
  const [csvError, setCsvError] = useState<string | null>(null)
  const [downloading, setDownloading] = useState(false)

  const download = async () => {
    setCsvError(null)
    setDownloading(true)
    try {
      await downloadReportCsv(tab, range)
    } catch (e) {
      setCsvError(errText(e))
    } finally {
      setDownloading(false)
    }
  }

  return (
    <>
      <PageHeader
        title="Reports"
        actions={
          <Button onClick={() => void download()} loading={downloading} data-testid="download-csv">
            Download CSV
          </Button>
        }
      >
        Dates are in Nairobi time, both ends included.
      </PageHeader>
      <Card>
        <div className="row">
          <StorePicker storeId={canChoose ? store : storeId} stores={stores} canChoose={canChoose} onChange={(id) => setStore(id || null)} allowAll />
          {tab !== 'low-stock' ? (
            <>
              <Input label="From" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
              <Input label="To" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="report-to" />
              <div className="row">
                {PRESETS.map((p) => (
                  <Button key={p.label} size="sm" variant="ghost" onClick={() => { const [f, t] = p.range(today); setFrom(f); setTo(t) }}>
                    {p.label}
                  </Button>
                ))}
              </div>
            </>
          ) : null}
        </div>
      </Card>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.kind} role="tab" aria-selected={tab === t.kind} className={tab === t.kind ? 'tab active' : 'tab'} onClick={() => setTab(t.kind)} data-testid={`tab-${t.kind}`}>
            {t.label}
          </button>
        ))}
      </div>
      {csvError ? <Alert>{csvError}</Alert> : null}
      {tab === 'sales-summary' ? <SummaryTab range={range} /> : null}
      {tab === 'vat' ? <VatTab range={range} /> : null}
      {tab === 'commission' ? <CommissionTab range={range} /> : null}
      {tab === 'low-stock' ? <LowStockTab storeId={range.storeId} /> : null}
    </>
  )
}

function SummaryTab({ range }: { range: ReportRange }) {
  const r = useSalesSummary(range)
  if (r.isLoading) return <Spinner />
  if (r.error) return <Alert>{errText(r.error)}</Alert>
  const s = r.data!
  return (
    <div className="stack" data-testid="report-summary">
      <div className="stats">
        <Stat label="Sales" value={s.sales_count} testId="summary-count" />
        <Stat label="Gross (KES)" value={formatMoney(s.gross_total)} testId="summary-gross" />
        <Stat label="Discounts" value={formatMoney(s.discount_total)} />
        <Stat label="VAT" value={formatMoney(s.vat_total)} />
        <Stat label="Net of VAT" value={formatMoney(s.net_total)} />
        <Stat label="Refunds" value={formatMoney(s.returns_total)} />
      </div>
      <div className="grid-2 charts">
        <Card title="Sales by day">
          {s.by_day.length ? <Suspense fallback={<Spinner />}><SalesCharts data={s.by_day} /></Suspense> : <EmptyState>No sales in this range.</EmptyState>}
        </Card>
        <Card title="By payment method">
          {s.by_payment_method.length ? <Suspense fallback={<Spinner />}><MethodChart data={s.by_payment_method} /></Suspense> : <EmptyState>No payments.</EmptyState>}
        </Card>
      </div>
      <Card title="By cashier">
        <Table
          rows={s.by_cashier}
          rowKey={(c) => c.user_id}
          columns={[
            { key: 'u', header: 'Cashier', render: (c) => c.username },
            { key: 'n', header: 'Sales', align: 'right', render: (c) => c.sales_count },
            { key: 'g', header: 'Gross (KES)', align: 'right', render: (c) => <span className="num">{formatMoney(c.gross_total)}</span> },
          ]}
        />
      </Card>
    </div>
  )
}

function VatTab({ range }: { range: ReportRange }) {
  const r = useVatReport(range)
  if (r.isLoading) return <Spinner />
  if (r.error) return <Alert>{errText(r.error)}</Alert>
  const v = r.data!
  return (
    <Card title="VAT (sales less returns)">
      <Table
        testId="vat-table"
        rows={v.lines}
        rowKey={(l) => l.tax_class}
        columns={[
          { key: 'c', header: 'Class', render: (l) => taxLabel(l.tax_class) },
          { key: 'r', header: 'Rate %', align: 'right', render: (l) => l.vat_rate },
          { key: 't', header: 'Taxable (excl. VAT)', align: 'right', render: (l) => <span className="num">{formatMoney(l.taxable_amount)}</span> },
          { key: 'v', header: 'VAT', align: 'right', render: (l) => <span className="num">{formatMoney(l.vat_amount)}</span> },
        ]}
      />
      <div className="totals-row strong" style={{ marginTop: 10 }}>
        <span>Total taxable {formatMoney(v.total_taxable)}</span>
        <span>Total VAT {formatMoney(v.total_vat)}</span>
      </div>
    </Card>
  )
}

function CommissionTab({ range }: { range: ReportRange }) {
  const r = useCommissionReport(range)
  if (r.isLoading) return <Spinner />
  if (r.error) return <Alert>{errText(r.error)}</Alert>
  const c = r.data!
  return (
    <Card title={`Commission payable: KES ${formatMoney(c.total_payable)}`}>
      <Table
        rows={c.items}
        rowKey={(i) => i.user_id}
        columns={[
          { key: 'u', header: 'Cashier', render: (i) => i.username },
          { key: 'n', header: 'Sales', align: 'right', render: (i) => i.sales_count },
          { key: 's', header: 'Net sales', align: 'right', render: (i) => <span className="num">{formatMoney(i.net_sales)}</span> },
          { key: 'c', header: 'Commission', align: 'right', render: (i) => <span className="num">{formatMoney(i.commission)}</span> },
          { key: 'r', header: 'Reversed', align: 'right', render: (i) => <span className="num">{formatMoney(i.reversed)}</span> },
          { key: 'p', header: 'Payable', align: 'right', render: (i) => <span className="num strong">{formatMoney(i.payable)}</span> },
        ]}
      />
    </Card>
  )
}

function LowStockTab({ storeId }: { storeId: string | null }) {
  const r = useLowStockReport(storeId)
  const { stores } = useCurrentStore()
  const code = (id: string) => stores.find((s) => s.id === id)?.code ?? ''
  if (r.isLoading) return <Spinner />
  if (r.error) return <Alert>{errText(r.error)}</Alert>
  return (
    <Card title={`At or below reorder level${r.data!.total > r.data!.items.length ? ` (first ${r.data!.items.length} of ${r.data!.total}; the CSV has all)` : ''}`}>
      <Table
        rows={r.data!.items}
        rowKey={(i) => `${i.store_id}:${i.product_id}`}
        columns={[
          ...(storeId ? [] : [{ key: 'st', header: 'Store', render: (i: LowStockReport['items'][number]) => code(i.store_id) }]),
          { key: 'n', header: 'Product', render: (i) => i.name },
          { key: 's', header: 'SKU', render: (i) => <span className="mono">{i.sku}</span> },
          { key: 'q', header: 'On hand', align: 'right', render: (i) => i.quantity },
          { key: 'r', header: 'Reorder at', align: 'right', render: (i) => i.reorder_level },
          { key: 'b', header: '', render: () => <Badge tone="warning">Reorder</Badge> },
        ]}
      />
    </Card>
  )
}
