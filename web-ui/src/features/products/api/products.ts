import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ProductInput, ProductPatch, ProductQuery } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

export function useProducts(query: ProductQuery) {
  return useQuery({
    queryKey: ['products', 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/products', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  })
}

export function useSaveProduct() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProductInput | ProductPatch }) =>
      id
        ? unwrap(api.PATCH('/api/v1/products/{id}', { params: { path: { id } }, body: body as ProductPatch }))
        : unwrap(api.POST('/api/v1/products', { body: body as ProductInput })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['products'] }),
  })
}
