import type { AuthUser, Transfer } from '@/api/types'

/** Who may approve: an admin, or a manager of the source store who did not request it. */
export function canApprove(user: AuthUser, t: Pick<Transfer, 'status' | 'from_store_id' | 'requested_by'>): boolean {
  if (t.status !== 'pending') return false
  if (user.role === 'admin') return true
  return user.role === 'manager' && user.store_id === t.from_store_id && t.requested_by !== user.id
}
