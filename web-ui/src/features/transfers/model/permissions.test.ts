import { describe, expect, it } from 'vitest'
import type { AuthUser } from '@/api/types'
import { canApprove } from './permissions'

const u = (role: AuthUser['role'], id = 'm1', store_id: string | null = 'nbo') => ({ id, username: id, full_name: id, role, store_id }) as AuthUser
const t = { status: 'pending' as const, from_store_id: 'nbo', requested_by: 'someone' }

describe('who may approve a transfer', () => {
  it('admin, or a manager of the source store who did not request it', () => {
    expect(canApprove(u('admin', 'a', null), t)).toBe(true)
    expect(canApprove(u('manager'), t)).toBe(true)
    expect(canApprove(u('manager', 'someone'), t)).toBe(false)
    expect(canApprove(u('manager', 'm2', 'wst'), t)).toBe(false)
    expect(canApprove(u('cashier'), t)).toBe(false)
    expect(canApprove(u('admin'), { ...t, status: 'approved' })).toBe(false)
  })
})
