import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CashMovementInput, CloseShiftInput, OpenShiftInput, Shift, ShiftQuery, ShiftReport } from '@/api/types'
import { api, ApiError, downloadFile, unwrap } from '@/lib/api-client'

/** The caller's open shift, or null when none is open (the API answers 404). */
export function useCurrentShift(enabled = true) {
  return useQuery({
    queryKey: ['shifts', 'current'],
    enabled,
    queryFn: async (): Promise<Shift | null> => {
      try {
        return await unwrap(api.GET('/api/v1/shifts/current'))
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null
        throw e
      }
    },
    staleTime: 60_000,
  })
}

export function useShifts(query: ShiftQuery) {
  return useQuery({
    queryKey: ['shifts', 'list', query],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/shifts', { params: { query }, signal })),
  })
}

export function useShiftReport(id: string | null) {
  return useQuery({
    queryKey: ['shifts', 'report', id],
    enabled: !!id,
    // JSON only here; the CSV goes through downloadShiftCsv.
    queryFn: () => unwrap(api.GET('/api/v1/shifts/{id}/report', { params: { path: { id: id! } } })) as Promise<ShiftReport>,
  })
}

export function useShiftActions() {
  const qc = useQueryClient()
  const refresh = () => qc.invalidateQueries({ queryKey: ['shifts'] })
  return {
    open: useMutation({ mutationFn: (body: OpenShiftInput) => unwrap(api.POST('/api/v1/shifts', { body })), onSuccess: refresh }),
    cash: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CashMovementInput }) =>
        unwrap(api.POST('/api/v1/shifts/{id}/cash-movements', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CloseShiftInput }) =>
        unwrap(api.POST('/api/v1/shifts/{id}/close', { params: { path: { id } }, body })) as Promise<ShiftReport>,
      onSuccess: refresh,
    }),
  }
}

export function downloadShiftCsv(shift: Pick<Shift, 'id' | 'till' | 'z_number' | 'status'>) {
  const name = shift.z_number ? `Z-${shift.z_number}` : `X-${shift.till}`
  return downloadFile(`/shifts/${shift.id}/report`, { format: 'csv' }, `${name}.csv`.replace(/\s+/g, '_'))
}
