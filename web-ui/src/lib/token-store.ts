/**
 * Holds the session's tokens: the access token in memory only, the refresh
 * token in sessionStorage so a page reload mid-shift keeps the cashier in.
 * Refreshes proactively before expiry, and on demand (after a 401) at most
 * once at a time: refresh tokens rotate, and presenting a used one twice
 * would make the server revoke the whole family.
 */
import { SESSION_KEYS } from './session-keys'

export interface TokenPair {
  access_token: string
  refresh_token: string
  expires_in: number
}

export type RefreshFn = (refreshToken: string) => Promise<TokenPair | null>

const REFRESH_KEY = SESSION_KEYS.refreshToken

/** Milliseconds to wait before refreshing a token that lives `expiresInSec`. */
export function refreshDelayMs(expiresInSec: number): number {
  const lifetime = Math.max(0, expiresInSec) * 1000
  // A minute early, but never later than 80% of the lifetime nor sooner than 5 s.
  const early = Math.min(lifetime - 60_000, lifetime * 0.8)
  return Math.max(5_000, Math.floor(early))
}

export interface TokenStoreDeps {
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export class TokenStore {
  private access: string | null = null
  private timer: unknown = null
  private inflight: Promise<string | null> | null = null
  private refreshFn: RefreshFn | null = null
  private listeners = new Set<(signedIn: boolean) => void>()
  private readonly storage: TokenStoreDeps['storage']
  private readonly setTimer: NonNullable<TokenStoreDeps['setTimer']>
  private readonly clearTimer: NonNullable<TokenStoreDeps['clearTimer']>

  constructor(deps: TokenStoreDeps = {}) {
    this.storage = deps.storage ?? (typeof sessionStorage === 'undefined' ? undefined : sessionStorage)
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  }

  /** The function that exchanges a refresh token for a new pair (null = rejected). */
  setRefresher(fn: RefreshFn) {
    this.refreshFn = fn
  }

  get accessToken(): string | null {
    return this.access
  }

  get refreshToken(): string | null {
    return this.storage?.getItem(REFRESH_KEY) ?? null
  }

  onChange(fn: (signedIn: boolean) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  set(pair: TokenPair) {
    this.access = pair.access_token
    this.storage?.setItem(REFRESH_KEY, pair.refresh_token)
    this.schedule(pair.expires_in)
    this.listeners.forEach((l) => l(true))
  }

  clear() {
    this.access = null
    this.storage?.removeItem(REFRESH_KEY)
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = null
    this.listeners.forEach((l) => l(false))
  }

  /** Exchanges the refresh token once, sharing the result with concurrent callers. */
  refresh(): Promise<string | null> {
    if (this.inflight) return this.inflight
    const token = this.refreshToken
    if (!token || !this.refreshFn) return Promise.resolve(null)
    const fn = this.refreshFn
    this.inflight = fn(token)
      .then((pair) => {
        if (!pair) {
          this.clear()
          return null
        }
        this.set(pair)
        return pair.access_token
      })
      .catch(() => null) // network error: keep the refresh token, try again later
      .finally(() => {
        this.inflight = null
      })
    return this.inflight
  }

  private schedule(expiresIn: number) {
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = this.setTimer(() => {
      this.timer = null
      void this.refresh().then((t) => {
        // A failed (network) refresh retries in 15 s while the refresh token stands.
        if (t === null && this.refreshToken) this.timer = this.setTimer(() => void this.refresh(), 15_000)
      })
    }, refreshDelayMs(expiresIn))
  }
}

export const tokens = new TokenStore()
