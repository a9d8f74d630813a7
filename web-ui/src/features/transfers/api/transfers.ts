import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { TransferInput, TransferStatus } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

export function useTransfers(status: TransferStatus | 'all', page: number, perPage: number) {
  return useQuery({
    queryKey: ['transfers', status, page],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/transfers', { params: { query: { ...(status !== 'all' ? { status } : {}), page, per_page: perPage } }, signal })),
  })
}

export function useTransferActions() {
  const qc = useQueryClient()
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['transfers'] })
    void qc.invalidateQueries({ queryKey: ['inventory'] })
  }
  return {
    create: useMutation({ mutationFn: (body: TransferInput) => unwrap(api.POST('/api/v1/transfers', { body })), onSuccess: done }),
    approve: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/api/v1/transfers/{id}/approve', { params: { path: { id } } })),
      onSuccess: done,
    }),
    reject: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        unwrap(api.POST('/api/v1/transfers/{id}/reject', { params: { path: { id } }, body: { reason } })),
      onSuccess: done,
    }),
  }
}
