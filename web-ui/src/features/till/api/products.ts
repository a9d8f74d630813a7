import { useQuery, type QueryClient } from '@tanstack/react-query'
import type { Product } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

/** Exact barcode lookup (what a scanner sends); null when unknown. */
export async function findByBarcode(qc: QueryClient, barcode: string): Promise<Product | null> {
  const page = await qc.fetchQuery({
    queryKey: ['products', 'barcode', barcode],
    queryFn: () => unwrap(api.GET('/api/v1/products', { params: { query: { barcode, active: true, per_page: 1 } } })),
    staleTime: 60_000,
  })
  return page.items[0] ?? null
}

/** Search-as-you-type against the API (never loads the catalogue). */
export function useProductSearch(q: string, enabled: boolean) {
  const term = q.trim()
  return useQuery({
    queryKey: ['products', 'search', term],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/products', { params: { query: { q: term, active: true, per_page: 8 } }, signal })),
    enabled: enabled && term.length >= 2,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  })
}
