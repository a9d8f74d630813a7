import { describe, expect, it } from 'vitest'
import { navFor } from './nav'

describe('role-aware navigation', () => {
  const labels = (r: Parameters<typeof navFor>[0]) => navFor(r).map((n) => n.label)
  it('shows a cashier only what they can use', () => {
    expect(labels('cashier')).toEqual(['Till', 'Returns'])
  })
  it('adds the back office for managers and admin pages for admins', () => {
    expect(labels('manager')).toEqual(['Till', 'Returns', 'Products', 'Stock', 'Transfers', 'Reports', 'Shifts'])
    expect(labels('admin')).toEqual([...labels('manager'), 'Audit log', 'Users', 'Stores'])
  })
  it('gives every item a distinct shortcut', () => {
    const keys = navFor('admin').map((n) => n.shortcut)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
