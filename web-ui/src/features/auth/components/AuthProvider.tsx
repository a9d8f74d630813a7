import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { AuthUser } from '@/api/types'
import { tokens } from '@/lib/token-store'
import { login, logout, resumeSession } from '../api/auth'
import { AuthContext, type AuthContextValue } from '../hooks/auth-context'

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient()
  const [user, setUser] = useState<AuthUser | null>(null)
  const [status, setStatus] = useState<AuthContextValue['status']>('loading')

  useEffect(() => {
    let live = true
    resumeSession().then((u) => {
      if (!live) return
      setUser(u)
      setStatus(u ? 'signed-in' : 'signed-out')
    })
    // A refresh rejected by the server (revoked, user deactivated) signs out.
    const off = tokens.onChange((signedIn) => {
      if (!signedIn) {
        setUser(null)
        setStatus('signed-out')
      }
    })
    return () => {
      live = false
      off()
    }
  }, [])

  const signIn = useCallback(async (username: string, password: string) => {
    const res = await login(username, password)
    qc.clear()
    setUser(res.user)
    setStatus('signed-in')
  }, [qc])

  const signOut = useCallback(async () => {
    await logout()
    qc.clear()
    setUser(null)
    setStatus('signed-out')
  }, [qc])

  const value = useMemo(() => ({ user, status, signIn, signOut }), [user, status, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}
