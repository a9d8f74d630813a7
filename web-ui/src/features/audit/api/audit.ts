import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api-client'

export interface AuditFilter {
  action?: string
  user_id?: string
  from?: string
  to?: string
}

export function useAuditLog(filter: AuditFilter, page: number, perPage: number) {
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as AuditFilter
  return useQuery({
    queryKey: ['audit', query, page],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit-logs', { params: { query: { ...query, page, per_page: perPage } }, signal })),
  })
}
