import { Alert, Badge, Card, PageHeader, Table } from '@/components/ui'
import { useStores } from '@/hooks/use-stores'

/**
 * Cash-drawer shifts (issue 11). The API does not expose shift endpoints yet;
 * until it does, this page shows which stores require an open shift to sell.
 */
export default function ShiftsPage() {
  const stores = useStores()
  return (
    <>
      <PageHeader title="Shifts">Open with a float, cash in/out, close with counts; X and Z reports.</PageHeader>
      <Alert tone="info" testId="shifts-pending">
        Shift management is not available from this server yet. When a store requires a shift, the till shows the server&apos;s message if no shift is open.
      </Alert>
      <Card title="Store settings">
        <Table
          rows={stores.data ?? []}
          rowKey={(s) => s.id}
          empty={stores.isLoading ? 'Loading…' : 'No stores.'}
          columns={[
            { key: 'c', header: 'Store', render: (s) => <strong>{s.code} · {s.name}</strong> },
            { key: 'r', header: 'Selling requires an open shift', render: (s) => (s.requires_shift ? <Badge tone="warning">Yes</Badge> : <Badge>No</Badge>) },
          ]}
        />
      </Card>
    </>
  )
}
