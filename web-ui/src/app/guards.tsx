import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import type { Role } from '@/api/types'
import { Spinner } from '@/components/ui'
import { hasRole, useAuth } from '@/features/auth/hooks/auth-context'

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth()
  const location = useLocation()
  if (status === 'loading') return <Spinner label="Restoring your session…" />
  if (status === 'signed-out') return <Navigate to="/login" replace state={{ from: location.pathname }} />
  return <>{children}</>
}

/** Hides a page from roles below `min` (the API enforces it anyway). */
export function RequireRole({ min, children }: { min: Role; children: ReactNode }) {
  const { user } = useAuth()
  if (!hasRole(user, min)) return <Navigate to="/till" replace />
  return <>{children}</>
}
