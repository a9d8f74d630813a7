import { useState } from 'react'
import type { Transfer } from '@/api/types'
import { Alert, Button, Input, Modal } from '@/components/ui'
import { ApiError } from '@/lib/api-client'
import { useTransferActions } from '../api/transfers'

export function RejectDialog({ transfer, onClose }: { transfer: Transfer; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const { reject } = useTransferActions()
  const submit = () => reason.trim() && reject.mutate({ id: transfer.id, reason: reason.trim() }, { onSuccess: onClose })
  return (
    <Modal open title="Reject transfer" onClose={onClose} footer={<><Button onClick={onClose} shortcut="Esc">Cancel</Button><Button variant="danger" onClick={submit} disabled={!reason.trim()} loading={reject.isPending}>Reject</Button></>}>
      <form onSubmit={(e) => { e.preventDefault(); submit() }}>
        <Input label="Reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
      </form>
      {reject.error ? <Alert>{reject.error instanceof ApiError ? reject.error.userMessage : 'Rejecting failed.'}</Alert> : null}
    </Modal>
  )
}
