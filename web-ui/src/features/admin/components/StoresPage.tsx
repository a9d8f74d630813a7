import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import type { Store } from '@/api/types'
import { Alert, Button, Card, Input, Modal, PageHeader, Table, type Column } from '@/components/ui'
import { useStores } from '@/hooks/use-stores'
import { ApiError } from '@/lib/api-client'
import { useShortcuts } from '@/lib/use-shortcuts'
import { useSaveStore } from '../api/stores'

export default function StoresPage() {
  const stores = useStores()
  const [editing, setEditing] = useState<Store | 'new' | null>(null)
  useShortcuts({ 'Alt+N': () => setEditing('new') }, editing === null)
  const columns: Column<Store>[] = [
    { key: 'c', header: 'Code', render: (s) => <strong className="mono">{s.code}</strong> },
    { key: 'n', header: 'Name', render: (s) => s.name },
    { key: 'l', header: 'Location', render: (s) => s.location },
    { key: 'k', header: 'KRA PIN', render: (s) => <span className="mono">{s.kra_pin}</span> },
    { key: 'p', header: 'Phone', render: (s) => s.phone },
    { key: 's', header: 'Shifts', render: (s) => (s.requires_shift ? 'Required' : 'Optional') },
    { key: 'e', header: '', align: 'right', render: (s) => <Button size="sm" onClick={() => setEditing(s)}>Edit</Button> },
  ]
  return (
    <>
      <PageHeader title="Stores" actions={<Button variant="primary" shortcut="Alt+N" onClick={() => setEditing('new')}>New store</Button>}>
        Name, KRA PIN and phone are printed on every receipt.
      </PageHeader>
      <Card>
        <Table columns={columns} rows={stores.data ?? []} rowKey={(s) => s.id} empty={stores.isLoading ? 'Loading…' : 'No stores.'} testId="stores-table" />
      </Card>
      {editing ? <StoreForm store={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  )
}

const schema = z.object({
  code: z.string().trim().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits, e.g. NBO'),
  name: z.string().trim().min(1, 'Required'),
  location: z.string().trim().min(1, 'Required'),
  kra_pin: z.string().trim().regex(/^[A-Z]\d{9}[A-Z]$/, 'A KRA PIN looks like P051234567X'),
  phone: z.string().trim(),
  requires_shift: z.boolean(),
})
type Form = z.infer<typeof schema>

function StoreForm({ store, onClose }: { store: Store | null; onClose: () => void }) {
  const save = useSaveStore()
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: store
      ? { code: store.code, name: store.name, location: store.location, kra_pin: store.kra_pin, phone: store.phone ?? '', requires_shift: store.requires_shift }
      : { code: '', name: '', location: '', kra_pin: '', phone: '', requires_shift: false },
  })
  const onSubmit = handleSubmit(({ code, phone, ...rest }) => {
    const body = { ...rest, phone: phone || null }
    save.mutate(store ? { id: store.id, body } : { body: { code, ...body } }, { onSuccess: onClose })
  })
  const err = (k: keyof Form) => formState.errors[k]?.message
  return (
    <Modal open title={store ? `Edit ${store.code}` : 'New store'} onClose={onClose} footer={<><Button onClick={onClose} shortcut="Esc">Cancel</Button><Button variant="primary" onClick={() => void onSubmit()} loading={save.isPending}>Save</Button></>}>
      <form className="stack" onSubmit={onSubmit}>
        <Input label="Code" readOnly={!!store} autoFocus={!store} {...register('code')} error={err('code')} />
        <Input label="Name" {...register('name')} error={err('name')} />
        <Input label="Location" {...register('location')} error={err('location')} />
        <Input label="KRA PIN" {...register('kra_pin')} error={err('kra_pin')} />
        <Input label="Phone" {...register('phone')} error={err('phone')} />
        <label className="check"><input type="checkbox" {...register('requires_shift')} /> Selling requires an open cash-drawer shift</label>
        {save.error ? <Alert>{save.error instanceof ApiError ? save.error.userMessage : 'Saving failed.'}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  )
}
