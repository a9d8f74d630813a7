import { useState } from 'react'
import type { AuditEntry } from '@/api/types'
import { Alert, Badge, Card, Input, PageHeader, Pagination, Select, Table, type Column } from '@/components/ui'
import { useDebounced } from '@/hooks/use-debounced'
import { useUsers } from '@/hooks/use-users'
import { ApiError } from '@/lib/api-client'
import { useAuditLog } from '../api/audit'

const PER_PAGE = 50

export default function AuditPage() {
  const [action, setAction] = useState('')
  const [userId, setUserId] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [page, setPage] = useState(1)
  const [open, setOpen] = useState<string | null>(null)
  const users = useUsers()
  const log = useAuditLog({ action: useDebounced(action.trim(), 300), user_id: userId, from, to }, page, PER_PAGE)
  const userName = (id?: string | null) => (id ? (users.data?.find((u) => u.id === id)?.username ?? id.slice(0, 8)) : 'system')

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: 'When', render: (e) => <span className="nowrap">{new Date(e.at).toLocaleString('en-KE')}</span> },
    { key: 'user', header: 'User', render: (e) => userName(e.user_id) },
    { key: 'action', header: 'Action', render: (e) => <Badge tone={/fail|lock|reject/.test(e.action) ? 'danger' : 'info'}>{e.action}</Badge> },
    { key: 'entity', header: 'Entity', render: (e) => <span>{e.entity} <span className="muted mono">{e.entity_id ? String(e.entity_id).slice(0, 8) : ''}</span></span> },
    { key: 'ip', header: 'IP', render: (e) => <span className="mono muted">{e.ip ?? ''}</span> },
    {
      key: 'details',
      header: 'Details',
      render: (e) =>
        e.details ? (
          <button className="link" onClick={() => setOpen(open === e.id ? null : e.id)}>
            {open === e.id ? <pre className="details">{JSON.stringify(e.details, null, 2)}</pre> : 'Show'}
          </button>
        ) : null,
    },
  ]

  return (
    <>
      <PageHeader title="Audit log">Append-only record of sign-ins, sales, returns, stock and permission changes.</PageHeader>
      <Card>
        <div className="row" style={{ marginBottom: 12 }}>
          <Input label="Action" placeholder="e.g. sale.create" value={action} onChange={(e) => { setAction(e.target.value); setPage(1) }} />
          <Select label="User" value={userId} onChange={(e) => { setUserId(e.target.value); setPage(1) }}>
            <option value="">Anyone</option>
            {(users.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}
          </Select>
          <Input label="From" type="date" value={from} onChange={(e) => { setFrom(e.target.value); setPage(1) }} />
          <Input label="To" type="date" value={to} onChange={(e) => { setTo(e.target.value); setPage(1) }} />
        </div>
        {log.error ? <Alert>{log.error instanceof ApiError ? log.error.userMessage : 'Could not load the log.'}</Alert> : null}
        <Table columns={columns} rows={log.data?.items ?? []} rowKey={(e) => e.id} empty={log.isLoading ? 'Loading…' : 'No entries.'} testId="audit-table" />
        {log.data ? <Pagination page={page} perPage={PER_PAGE} total={log.data.total} onPage={setPage} /> : null}
      </Card>
    </>
  )
}
