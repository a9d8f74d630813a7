import { useState } from 'react'
import type { Shift } from '@/api/types'
import { Alert, Badge, Button, Card, Modal, PageHeader, Pagination, Select, Table, type Column } from '@/components/ui'
import { StorePicker } from '@/components/StorePicker'
import { useCurrentStore } from '@/hooks/use-current-store'
import { useUsers } from '@/hooks/use-users'
import { ApiError } from '@/lib/api-client'
import { formatMoney, toCents } from '@/lib/money'
import { downloadShiftCsv, useShiftReport, useShifts } from '../api/shifts'
import { ShiftReportView } from './ShiftReportView'

const PER_PAGE = 25
const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('en-KE') : '—')

/** Variance of one tender, counted - expected, in cents (null while open). */
function variance(counted?: string | null, expected?: string | null): number | null {
  const c = toCents(counted), e = toCents(expected)
  return c === null || e === null ? null : c - e
}

export default function ShiftsPage() {
  const { storeId, stores, canChoose, setStoreId } = useCurrentStore()
  const users = useUsers()
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('all')
  const [page, setPage] = useState(1)
  const [viewing, setViewing] = useState<Shift | null>(null)
  const list = useShifts({ ...(storeId ? { store_id: storeId } : {}), ...(status !== 'all' ? { status } : {}), page, per_page: PER_PAGE })
  const name = (id: string) => users.data?.find((u) => u.id === id)?.username ?? id.slice(0, 8)

  const columns: Column<Shift>[] = [
    { key: 'till', header: 'Till', render: (s) => <strong>{s.till}</strong> },
    { key: 'cashier', header: 'Cashier', render: (s) => name(s.cashier_id) },
    { key: 'opened', header: 'Opened', render: (s) => when(s.opened_at) },
    { key: 'closed', header: 'Closed', optional: true, render: (s) => when(s.closed_at) },
    { key: 'status', header: 'Status', render: (s) => (s.status === 'open' ? <Badge tone="info">Open</Badge> : <Badge>Z {s.z_number}</Badge>) },
    { key: 'float', header: 'Float', align: 'right', optional: true, render: (s) => <span className="num">{formatMoney(s.opening_float)}</span> },
    { key: 'exp', header: 'Cash expected', align: 'right', render: (s) => <span className="num">{formatMoney(s.expected_cash) || '—'}</span> },
    { key: 'cnt', header: 'Cash counted', align: 'right', render: (s) => <span className="num">{formatMoney(s.counted_cash) || '—'}</span> },
    {
      key: 'var',
      header: 'Variance',
      align: 'right',
      render: (s) => {
        const v = [variance(s.counted_cash, s.expected_cash), variance(s.counted_mpesa, s.expected_mpesa), variance(s.counted_card, s.expected_card)]
        if (v[0] === null) return '—'
        const total = v.reduce<number>((a, b) => a + (b ?? 0), 0)
        return total === 0 ? <Badge tone="success">Balanced</Badge> : <Badge tone={total < 0 ? 'danger' : 'warning'}>{formatMoney((total / 100).toFixed(2))}</Badge>
      },
    },
    { key: 'r', header: '', align: 'right', render: (s) => <Button size="sm" onClick={() => setViewing(s)} data-testid={`shift-report-${s.id}`}>{s.status === 'open' ? 'X report' : 'Z report'}</Button> },
  ]

  return (
    <>
      <PageHeader title="Shifts">Cash-drawer shifts: expected against counted per tender. Cashiers open and close shifts at the till (F10).</PageHeader>
      <Card>
        <div className="row" style={{ marginBottom: 12 }}>
          <StorePicker storeId={storeId} stores={stores} canChoose={canChoose} onChange={(id) => { setStoreId(id); setPage(1) }} />
          <Select label="Status" value={status} onChange={(e) => { setStatus(e.target.value as typeof status); setPage(1) }}>
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </Select>
        </div>
        {list.error ? <Alert>{list.error instanceof ApiError ? list.error.userMessage : 'Could not load shifts.'}</Alert> : null}
        <Table columns={columns} rows={list.data?.items ?? []} rowKey={(s) => s.id} empty={list.isLoading ? 'Loading…' : 'No shifts.'} testId="shifts-table" />
        {list.data ? <Pagination page={page} perPage={PER_PAGE} total={list.data.total} onPage={setPage} /> : null}
      </Card>
      {viewing ? <ReportModal shift={viewing} cashierName={name(viewing.cashier_id)} onClose={() => setViewing(null)} /> : null}
    </>
  )
}

function ReportModal({ shift, cashierName, onClose }: { shift: Shift; cashierName: string; onClose: () => void }) {
  const { stores } = useCurrentStore()
  const report = useShiftReport(shift.id)
  const [csvError, setCsvError] = useState<string | null>(null)
  return (
    <Modal
      open
      wide
      title={`${shift.status === 'open' ? 'X' : 'Z'} report · ${shift.till}`}
      onClose={onClose}
      testId="shift-report-modal"
      footer={
        <>
          <Button onClick={() => downloadShiftCsv(shift).catch((e) => setCsvError(e instanceof ApiError ? e.userMessage : 'Download failed.'))}>Download CSV</Button>
          <Button onClick={() => window.print()}>Print</Button>
          <Button variant="primary" onClick={onClose}>Close</Button>
        </>
      }
    >
      {csvError ? <Alert>{csvError}</Alert> : null}
      {report.isLoading ? <p className="muted">Loading…</p> : null}
      {report.error ? <Alert>{report.error instanceof ApiError ? report.error.userMessage : 'Could not load the report.'}</Alert> : null}
      {report.data ? (
        <div className="receipt-paper print-area">
          <ShiftReportView report={report.data} store={stores.find((s) => s.id === shift.store_id) ?? null} cashierName={cashierName} />
        </div>
      ) : null}
    </Modal>
  )
}
