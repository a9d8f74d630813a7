import { useState } from 'react'
import type { Transfer, TransferStatus } from '@/api/types'
import { Alert, Badge, Button, Card, PageHeader, Pagination, Select, Table, type Column } from '@/components/ui'
import { useUser } from '@/features/auth/hooks/auth-context'
import { useStores } from '@/hooks/use-stores'
import { ApiError } from '@/lib/api-client'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useTransferActions, useTransfers } from '../api/transfers'
import { canApprove } from '../model/permissions'
import { NewTransferDialog } from './NewTransferDialog'
import { RejectDialog } from './RejectDialog'

const PER_PAGE = 25
const TONE = { pending: 'warning', approved: 'success', rejected: 'danger' } as const

export default function TransfersPage() {
  const user = useUser()
  const stores = useStores()
  const [status, setStatus] = useState<TransferStatus | 'all'>('pending')
  const [page, setPage] = useState(1)
  const [creating, setCreating] = useState(false)
  const [rejecting, setRejecting] = useState<Transfer | null>(null)
  const list = useTransfers(status, page, PER_PAGE)
  const { approve } = useTransferActions()
  const storeName = (id: string) => stores.data?.find((s) => s.id === id)?.code ?? id.slice(0, 8)
  useShortcuts({ 'Alt+N': () => setCreating(true) }, !creating && !rejecting)

  const columns: Column<Transfer>[] = [
    { key: 'date', header: 'Requested', render: (t) => new Date(t.requested_at).toLocaleString('en-KE') },
    { key: 'route', header: 'From → To', render: (t) => <strong>{storeName(t.from_store_id)} → {storeName(t.to_store_id)}</strong> },
    {
      key: 'items',
      header: 'Items',
      render: (t) => (
        <span>
          {t.items.map((i) => `${i.quantity} × ${i.name ?? i.sku ?? i.product_id.slice(0, 8)}`).join(', ')}
        </span>
      ),
    },
    { key: 'note', header: 'Note', render: (t) => <span className="muted">{t.note ?? ''}</span> },
    { key: 'status', header: 'Status', render: (t) => <Badge tone={TONE[t.status]}>{t.status}</Badge> },
    {
      key: 'actions',
      header: '',
      align: 'right',
      render: (t) =>
        canApprove(user, t) ? (
          <div className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
            <Button size="sm" variant="primary" onClick={() => approve.mutate(t.id)} loading={approve.isPending && approve.variables === t.id} data-testid={`approve-${t.id}`}>
              Approve
            </Button>
            <Button size="sm" variant="danger" onClick={() => setRejecting(t)} data-testid={`reject-${t.id}`}>
              Reject
            </Button>
          </div>
        ) : t.status === 'pending' ? (
          <span className="muted small">Awaiting source store</span>
        ) : null,
    },
  ]

  return (
    <>
      <PageHeader title="Transfers" actions={<Button variant="primary" shortcut="Alt+N" onClick={() => setCreating(true)} data-testid="new-transfer">Request transfer</Button>}>
        Stock moving between stores. The source store's manager approves; stock moves on approval.
      </PageHeader>
      <Card>
        <div className="row" style={{ marginBottom: 12 }}>
          <Select label="Status" value={status} onChange={(e) => { setStatus(e.target.value as typeof status); setPage(1) }} data-testid="transfer-status">
            <option value="pending">Pending</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
            <option value="all">All</option>
          </Select>
        </div>
        {approve.error ? <Alert testId="transfer-error">{approve.error instanceof ApiError ? approve.error.userMessage : 'Approval failed.'}</Alert> : null}
        {approve.isSuccess ? <Alert tone="success" testId="transfer-approved">Transfer approved; stock moved.</Alert> : null}
        <Table columns={columns} rows={list.data?.items ?? []} rowKey={(t) => t.id} empty={list.isLoading ? 'Loading…' : 'No transfers.'} testId="transfers-table" />
        {list.data ? <Pagination page={page} perPage={PER_PAGE} total={list.data.total} onPage={setPage} /> : null}
      </Card>
      {creating ? <NewTransferDialog onClose={() => setCreating(false)} /> : null}
      {rejecting ? <RejectDialog transfer={rejecting} onClose={() => setRejecting(null)} /> : null}
    </>
  )
}
