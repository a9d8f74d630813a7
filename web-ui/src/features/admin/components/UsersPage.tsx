import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import type { User, UserInput } from '@/api/types'
import { Alert, Badge, Button, Card, Input, Modal, PageHeader, Select, Table, type Column } from '@/components/ui'
import { useStores } from '@/hooks/use-stores'
import { ApiError } from '@/lib/api-client'
import { centsToDecimal, toCents } from '@/lib/money'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useSaveUser, useUsers } from '../api/users'

export default function UsersPage() {
  const users = useUsers()
  const stores = useStores()
  const [editing, setEditing] = useState<User | 'new' | null>(null)
  useShortcuts({ 'Alt+N': () => setEditing('new') }, editing === null)
  const storeCode = (id?: string | null) => (id ? (stores.data?.find((s) => s.id === id)?.code ?? '?') : '—')
  const columns: Column<User>[] = [
    { key: 'u', header: 'Username', render: (u) => <strong>{u.username}</strong> },
    { key: 'n', header: 'Name', render: (u) => u.full_name },
    { key: 'r', header: 'Role', render: (u) => <Badge tone={u.role === 'admin' ? 'danger' : u.role === 'manager' ? 'info' : 'neutral'}>{u.role}</Badge> },
    { key: 's', header: 'Store', render: (u) => storeCode(u.store_id) },
    { key: 'c', header: 'Commission %', align: 'right', render: (u) => u.commission_rate ?? '' },
    { key: 'a', header: 'Status', render: (u) => (u.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>) },
    { key: 'e', header: '', align: 'right', render: (u) => <Button size="sm" onClick={() => setEditing(u)}>Edit</Button> },
  ]
  return (
    <>
      <PageHeader title="Users" actions={<Button variant="primary" shortcut="Alt+N" onClick={() => setEditing('new')}>New user</Button>}>
        Deactivated users can no longer sign in or refresh a session.
      </PageHeader>
      <Card>
        {users.error ? <Alert>{users.error instanceof ApiError ? users.error.userMessage : 'Could not load users.'}</Alert> : null}
        <Table columns={columns} rows={users.data ?? []} rowKey={(u) => u.id} empty={users.isLoading ? 'Loading…' : 'No users.'} testId="users-table" />
      </Card>
      {editing ? <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  )
}

const schema = z
  .object({
    username: z.string().trim().min(3, 'At least 3 characters').max(64),
    full_name: z.string().trim().min(1, 'Required'),
    password: z.string(),
    role: z.enum(['admin', 'manager', 'cashier']),
    store_id: z.string(),
    phone: z.string().trim(),
    commission_rate: z.string().trim().refine((v) => v === '' || (toCents(v) ?? -1) >= 0, 'A rate like 2.50'),
    active: z.boolean(),
  })
  .refine((v) => v.role === 'admin' || v.store_id, { path: ['store_id'], message: 'Managers and cashiers belong to a store' })

type Form = z.infer<typeof schema>

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const stores = useStores().data ?? []
  const save = useSaveUser()
  const { register, handleSubmit, formState, setError } = useForm<Form>({
    resolver: zodResolver(schema.refine((v) => (user ? v.password === '' || v.password.length >= 8 : v.password.length >= 8), { path: ['password'], message: 'At least 8 characters' })),
    defaultValues: {
      username: user?.username ?? '',
      full_name: user?.full_name ?? '',
      password: '',
      role: user?.role ?? 'cashier',
      store_id: user?.store_id ?? '',
      phone: user?.phone ?? '',
      commission_rate: user?.commission_rate ?? '',
      active: user?.active ?? true,
    },
  })
  const onSubmit = handleSubmit((v) => {
    const common = {
      username: v.username,
      full_name: v.full_name,
      password: v.password,
      phone: v.phone || null,
      ...(v.commission_rate ? { commission_rate: centsToDecimal(toCents(v.commission_rate) ?? 0) } : {}),
    }
    // Managers and cashiers belong to a store (the form's refine ensures one is chosen).
    const body: UserInput =
      v.role === 'admin' ? { ...common, role: 'admin' as const, store_id: v.store_id || null } : { ...common, role: v.role, store_id: v.store_id }
    const { username, password, ...patch } = body
    save.mutate(
      // `active` can only be changed on an existing user.
      user ? { id: user.id, body: { ...patch, active: v.active, ...(password ? { password } : {}) } } : { body: { ...body, username } },
      {
        onSuccess: onClose,
        onError: (e) => e instanceof ApiError && e.errors.forEach((f) => setError(f.field as keyof Form, { message: f.message })),
      },
    )
  })
  const err = (k: keyof Form) => formState.errors[k]?.message
  return (
    <Modal open wide title={user ? `Edit ${user.username}` : 'New user'} onClose={onClose} footer={<><Button onClick={onClose} shortcut="Esc">Cancel</Button><Button variant="primary" onClick={() => void onSubmit()} loading={save.isPending}>Save</Button></>}>
      <form className="stack" onSubmit={onSubmit}>
        <div className="grid-2">
          <Input label="Username" readOnly={!!user} autoFocus={!user} {...register('username')} error={err('username')} />
          <Input label="Full name" {...register('full_name')} error={err('full_name')} />
          <Input label={user ? 'New password (leave empty to keep)' : 'Password'} type="password" autoComplete="new-password" {...register('password')} error={err('password')} />
          <Select label="Role" {...register('role')} error={err('role')}>
            <option value="cashier">Cashier</option>
            <option value="manager">Manager</option>
            <option value="admin">Administrator</option>
          </Select>
          <Select label="Store" {...register('store_id')} error={err('store_id')}>
            <option value="">None (admins only)</option>
            {stores.map((s) => <option key={s.id} value={s.id}>{s.code} · {s.name}</option>)}
          </Select>
          <Input label="Phone" inputMode="tel" {...register('phone')} error={err('phone')} />
          <Input label="Commission rate %" inputMode="decimal" {...register('commission_rate')} error={err('commission_rate')} />
        </div>
        {user ? <label className="check"><input type="checkbox" {...register('active')} /> Active (can sign in)</label> : null}
        {save.error ? <Alert>{save.error instanceof ApiError ? save.error.userMessage : 'Saving failed.'}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  )
}
