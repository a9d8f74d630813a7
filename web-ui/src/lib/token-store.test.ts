import { describe, expect, it, vi } from 'vitest'
import { refreshDelayMs, TokenStore, type TokenPair } from './token-store'

function memoryStorage() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
}

function fakeTimers() {
  const timers: { fn: () => void; ms: number; live: boolean }[] = []
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, live: true }
      timers.push(t)
      return t
    },
    clearTimer: (t: unknown) => {
      ;(t as { live: boolean }).live = false
    },
    live: () => timers.filter((t) => t.live),
    fire: (t: { fn: () => void; live: boolean }) => {
      t.live = false
      t.fn()
    },
  }
}

const pair = (n: number, expires_in = 900): TokenPair => ({ access_token: `a${n}`, refresh_token: `r${n}`, expires_in })

describe('refresh scheduling', () => {
  it('refreshes at 80% of the lifetime, at least a minute early, never under 5 s', () => {
    expect(refreshDelayMs(900)).toBe(720_000)
    expect(refreshDelayMs(60)).toBe(5_000)
    expect(refreshDelayMs(100)).toBe(40_000)
    expect(refreshDelayMs(0)).toBe(5_000)
  })

  it('keeps the access token in memory and only the refresh token in storage', () => {
    const storage = memoryStorage()
    const t = new TokenStore({ storage, ...fakeTimers() })
    t.set(pair(1))
    expect(t.accessToken).toBe('a1')
    expect(storage.getItem('duka.refresh_token')).toBe('r1')
    expect(JSON.stringify([...Object.values(storage)])).not.toContain('a1')
  })

  it('schedules one proactive refresh and rotates the pair', async () => {
    const timers = fakeTimers()
    const t = new TokenStore({ storage: memoryStorage(), ...timers })
    const refresher = vi.fn(async (rt: string) => (rt === 'r1' ? pair(2) : null))
    t.setRefresher(refresher)
    t.set(pair(1))
    expect(timers.live()).toHaveLength(1)
    expect(timers.live()[0].ms).toBe(720_000)
    timers.fire(timers.live()[0])
    await vi.waitFor(() => expect(t.accessToken).toBe('a2'))
    expect(refresher).toHaveBeenCalledWith('r1')
    expect(t.refreshToken).toBe('r2')
    expect(timers.live()).toHaveLength(1) // the next refresh, for the new pair
  })

  it('shares one refresh between concurrent 401s (a rotated token is never sent twice)', async () => {
    const t = new TokenStore({ storage: memoryStorage(), ...fakeTimers() })
    let resolve!: (p: TokenPair) => void
    const refresher = vi.fn(() => new Promise<TokenPair>((r) => (resolve = r)))
    t.setRefresher(refresher)
    t.set(pair(1))
    const a = t.refresh()
    const b = t.refresh()
    resolve(pair(2))
    expect(await a).toBe('a2')
    expect(await b).toBe('a2')
    expect(refresher).toHaveBeenCalledTimes(1)
  })

  it('signs out when the server rejects the refresh token', async () => {
    const t = new TokenStore({ storage: memoryStorage(), ...fakeTimers() })
    const onChange = vi.fn()
    t.onChange(onChange)
    t.setRefresher(async () => null)
    t.set(pair(1))
    expect(await t.refresh()).toBeNull()
    expect(t.accessToken).toBeNull()
    expect(t.refreshToken).toBeNull()
    expect(onChange).toHaveBeenLastCalledWith(false)
  })

  it('keeps the session through a network failure', async () => {
    const t = new TokenStore({ storage: memoryStorage(), ...fakeTimers() })
    t.setRefresher(async () => {
      throw new Error('offline')
    })
    t.set(pair(1))
    expect(await t.refresh()).toBeNull()
    expect(t.refreshToken).toBe('r1')
  })
})
