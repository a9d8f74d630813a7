import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AdjustmentInput, InventoryPage } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

export function useInventory(storeId: string | null, opts: { q?: string; lowStock?: boolean; page: number; perPage: number }) {
  return useQuery({
    queryKey: ['inventory', storeId, opts],
    enabled: !!storeId,
    // Keep rows while paging or searching, never across stores (wrong quantities).
    placeholderData: (prev: InventoryPage | undefined, prevQuery) => (prevQuery?.queryKey[1] === storeId ? prev : undefined),
    queryFn: ({ signal }): Promise<InventoryPage> =>
      unwrap(
        api.GET('/api/v1/stores/{store_id}/inventory', {
          params: {
            path: { store_id: storeId! },
            query: {
              ...(opts.q ? { q: opts.q } : {}),
              ...(opts.lowStock ? { low_stock: true } : {}),
              page: opts.page,
              per_page: opts.perPage,
            },
          },
          signal,
        }),
      ),
  })
}

export function useAdjustStock(storeId: string | null) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: AdjustmentInput) =>
      unwrap(api.POST('/api/v1/stores/{store_id}/inventory/adjustments', { params: { path: { store_id: storeId! } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['inventory', storeId] }),
  })
}
