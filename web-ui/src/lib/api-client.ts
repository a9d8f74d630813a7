/**
 * The typed API client (openapi-fetch over the generated `paths`), with the
 * bearer token attached and one transparent refresh-and-retry on a 401.
 */
import createClient from 'openapi-fetch'
import type { paths } from '@/api/schema.gen'
import { tokens, type TokenPair } from './token-store'

export const API_PREFIX = '/api/v1'

const NO_AUTH = [`${API_PREFIX}/auth/login`, `${API_PREFIX}/auth/refresh`]

/** fetch that adds the bearer token and retries once after refreshing on 401. */
export async function authFetch(input: Request): Promise<Response> {
  const path = new URL(input.url, window.location.origin).pathname
  const isAuthCall = NO_AUTH.includes(path)
  const retry = isAuthCall ? null : input.clone()
  const withToken = (req: Request, token: string | null) => {
    if (token && !isAuthCall) req.headers.set('Authorization', `Bearer ${token}`)
    return req
  }
  const res = await fetch(withToken(input, tokens.accessToken))
  if (res.status !== 401 || !retry || !tokens.refreshToken) return res
  const fresh = await tokens.refresh()
  if (!fresh) return res
  return fetch(withToken(retry, fresh))
}

// Same origin: the API serves the SPA (and Vite proxies /api in dev).
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authFetch })

/** A problem+json error from the API, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string | null
  readonly errors: { field: string; message: string }[]

  constructor(status: number, title: string, detail?: string | null, errors: { field: string; message: string }[] = []) {
    super(detail || title)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.detail = detail ?? null
    this.errors = errors
  }

  /** The message to show a cashier: detail, else the field messages, else title. */
  get userMessage(): string {
    if (this.errors.length) return this.errors.map((e) => `${e.field}: ${e.message}`).join('; ')
    return this.detail || this.title
  }
}

export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const b = body as { title?: string; detail?: string | null; errors?: { field: string; message: string }[] }
    return new ApiError(status, b.title ?? `HTTP ${status}`, b.detail, Array.isArray(b.errors) ? b.errors : [])
  }
  return new ApiError(status, typeof body === 'string' && body ? body : `HTTP ${status}`)
}

/** Unwraps an openapi-fetch result, throwing ApiError for error responses. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result
  try {
    result = await call
  } catch {
    throw new ApiError(0, 'Network error', 'Cannot reach the server. Check the connection and try again.')
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response.status, result.error)
  return result.data as T
}

/** Exchanges a refresh token; null when the server rejects it. */
async function exchange(refreshToken: string): Promise<TokenPair | null> {
  const res = await fetch(`${API_PREFIX}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  })
  if (res.status === 400 || res.status === 401 || res.status === 403) return null
  if (!res.ok) throw new Error(`refresh failed: ${res.status}`)
  return (await res.json()) as TokenPair
}
tokens.setRefresher(exchange)

/** Downloads a GET endpoint as a file (used for CSV reports). */
export async function downloadFile(path: string, query: Record<string, string | undefined>, filename: string) {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v) qs.set(k, v)
  const res = await authFetch(
    new Request(`${window.location.origin}${API_PREFIX}${path}?${qs}`, { headers: { Accept: 'text/csv' } }),
  )
  if (!res.ok) {
    let body: unknown = null
    try {
      body = await res.json()
    } catch {
      /* not JSON */
    }
    throw toApiError(res.status, body)
  }
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
