import { NavLink, Outlet, useNavigate } from 'react-router'
import { Button, Kbd } from '@/components/ui'
import { useAuth, useUser } from '@/features/auth/hooks/auth-context'
import { useShortcuts } from '@/lib/use-shortcuts'
import { navFor } from './nav'

const ROLE_LABEL = { admin: 'Administrator', manager: 'Manager', cashier: 'Cashier' } as const

export function Layout() {
  const user = useUser()
  const { signOut } = useAuth()
  const navigate = useNavigate()
  const items = navFor(user.role)
  const shortcuts = Object.fromEntries(items.map((n) => [n.shortcut, () => navigate(n.to)]))
  useShortcuts({ ...shortcuts, 'Alt+Q': () => void signOut() })

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark">D</span> <span className="brand-name">Duka</span>
        </div>
        <nav aria-label="Main" data-testid="main-nav">
          {items.map((n) => (
            <NavLink key={n.to} to={n.to} className="nav-link" data-testid={`nav-${n.to.slice(1)}`} title={n.shortcut}>
              <span>{n.label}</span>
              <Kbd>{n.shortcut.replace('Alt+', '⌥')}</Kbd>
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          <div className="who" data-testid="current-user">
            <strong>{user.full_name || user.username}</strong>
            <span className="muted">{ROLE_LABEL[user.role]}</span>
          </div>
          <Button size="sm" variant="ghost" shortcut="Alt+Q" onClick={() => void signOut()} data-testid="logout">
            Sign out
          </Button>
        </div>
      </aside>
      <main className="content">
        <Outlet />
      </main>
    </div>
  )
}
