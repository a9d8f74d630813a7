import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { StoreInput, StorePatch } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

export function useSaveStore() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: StoreInput | StorePatch }) =>
      id
        ? unwrap(api.PATCH('/api/v1/stores/{id}', { params: { path: { id } }, body: body as StorePatch }))
        : unwrap(api.POST('/api/v1/stores', { body: body as StoreInput })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['stores'] }),
  })
}
