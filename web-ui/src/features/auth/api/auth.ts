import type { AuthUser, LoginResponse } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'
import { SESSION_KEYS } from '@/lib/session-keys'
import { tokens } from '@/lib/token-store'

export async function login(username: string, password: string): Promise<LoginResponse> {
  const res = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }))
  tokens.set(res)
  return res
}

export async function fetchMe(): Promise<AuthUser> {
  return unwrap(api.GET('/api/v1/auth/me'))
}

/** Revokes the refresh token server-side, then forgets both tokens. */
export async function logout(): Promise<void> {
  try {
    if (tokens.accessToken) await api.POST('/api/v1/auth/logout')
  } catch {
    /* offline: forget locally anyway */
  } finally {
    tokens.clear()
    // The next person at this till starts clean: no cart, no store choice.
    sessionStorage.removeItem(SESSION_KEYS.cart)
    sessionStorage.removeItem(SESSION_KEYS.storeId)
  }
}

/** Restores a session after a reload from the refresh token in sessionStorage. */
export async function resumeSession(): Promise<AuthUser | null> {
  if (!tokens.refreshToken) return null
  const access = await tokens.refresh()
  if (!access) return null
  try {
    return await fetchMe()
  } catch {
    return null
  }
}
