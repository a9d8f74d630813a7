import { useQuery } from '@tanstack/react-query'
import type { Store } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

/** All stores the caller may see (admins: every store; others: their own). */
export function useStores() {
  return useQuery({
    queryKey: ['stores'],
    queryFn: () => unwrap(api.GET('/api/v1/stores')),
    staleTime: 5 * 60_000,
    select: (page) => page.items as Store[],
  })
}

export function useStore(id: string | null | undefined) {
  return useQuery({
    queryKey: ['stores', id],
    queryFn: () => unwrap(api.GET('/api/v1/stores/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * 60_000,
  })
}
