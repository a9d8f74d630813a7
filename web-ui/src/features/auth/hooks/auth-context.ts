import { createContext, useContext } from 'react'
import type { AuthUser, Role } from '@/api/types'

export interface AuthContextValue {
  user: AuthUser | null
  status: 'loading' | 'signed-in' | 'signed-out'
  signIn: (username: string, password: string) => Promise<void>
  signOut: () => Promise<void>
}

export const AuthContext = createContext<AuthContextValue | null>(null)

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth outside AuthProvider')
  return ctx
}

/** The signed-in user (only inside routes guarded by RequireAuth). */
export function useUser(): AuthUser {
  const { user } = useAuth()
  if (!user) throw new Error('no user')
  return user
}

const RANK: Record<Role, number> = { cashier: 0, manager: 1, admin: 2 }

export function hasRole(user: AuthUser | null, min: Role): boolean {
  return !!user && RANK[user.role] >= RANK[min]
}
