import { vi } from 'vitest'

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })

export const page = <T,>(items: T[]) => ({ items, page: 1, per_page: 50, total: items.length })

export type Route = (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>

/** Replaces global fetch with a router; unknown requests get a 404 problem. */
export function stubFetch(route: Route) {
  const calls: { method: string; path: string; body: unknown }[] = []
  vi.stubGlobal('fetch', async (req: Request) => {
    const url = new URL(req.url)
    const body = req.method === 'GET' ? null : await req.clone().json().catch(() => null)
    calls.push({ method: req.method, path: url.pathname + url.search, body })
    return (await route(req, url)) ?? json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such route' }, 404)
  })
  return calls
}
