import type { Role } from '@/api/types'

export interface NavItem {
  to: string
  label: string
  min: Role
  shortcut: string // Alt+<digit>, shown in the sidebar
}

/** Role-aware navigation: each item is shown only to roles at or above `min`. */
export const NAV: NavItem[] = [
  { to: '/till', label: 'Till', min: 'cashier', shortcut: 'Alt+1' },
  { to: '/returns', label: 'Returns', min: 'cashier', shortcut: 'Alt+2' },
  { to: '/products', label: 'Products', min: 'manager', shortcut: 'Alt+3' },
  { to: '/stock', label: 'Stock', min: 'manager', shortcut: 'Alt+4' },
  { to: '/transfers', label: 'Transfers', min: 'manager', shortcut: 'Alt+5' },
  { to: '/reports', label: 'Reports', min: 'manager', shortcut: 'Alt+6' },
  { to: '/shifts', label: 'Shifts', min: 'manager', shortcut: 'Alt+7' },
  { to: '/audit', label: 'Audit log', min: 'admin', shortcut: 'Alt+8' },
  { to: '/users', label: 'Users', min: 'admin', shortcut: 'Alt+9' },
  { to: '/stores', label: 'Stores', min: 'admin', shortcut: 'Alt+0' },
]

const RANK: Record<Role, number> = { cashier: 0, manager: 1, admin: 2 }

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => RANK[role] >= RANK[n.min])
}
