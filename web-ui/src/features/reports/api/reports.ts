import { useQuery } from '@tanstack/react-query'
import type { CommissionReport, LowStockReport, SalesSummary, VatReport } from '@/api/types'
import { api, downloadFile, unwrap } from '@/lib/api-client'

// Reports answer JSON or CSV; these hooks ask for (and are typed as) the JSON.

export interface ReportRange {
  from: string
  to: string
  storeId: string | null // null = all stores (admin)
}

const q = (r: ReportRange) => ({ from: r.from, to: r.to, ...(r.storeId ? { store_id: r.storeId } : {}) })

export function useSalesSummary(r: ReportRange) {
  return useQuery({ queryKey: ['reports', 'sales-summary', r], queryFn: () => unwrap(api.GET('/api/v1/reports/sales-summary', { params: { query: q(r) } })) as Promise<SalesSummary> })
}
export function useVatReport(r: ReportRange) {
  return useQuery({ queryKey: ['reports', 'vat', r], queryFn: () => unwrap(api.GET('/api/v1/reports/vat', { params: { query: q(r) } })) as Promise<VatReport> })
}
export function useCommissionReport(r: ReportRange) {
  return useQuery({ queryKey: ['reports', 'commission', r], queryFn: () => unwrap(api.GET('/api/v1/reports/commission', { params: { query: q(r) } })) as Promise<CommissionReport> })
}
export function useLowStockReport(storeId: string | null) {
  return useQuery({
    queryKey: ['reports', 'low-stock', storeId],
    queryFn: () => unwrap(api.GET('/api/v1/reports/low-stock', { params: { query: { ...(storeId ? { store_id: storeId } : {}), per_page: 200 } } })) as Promise<LowStockReport>,
  })
}

export type ReportKind = 'sales-summary' | 'vat' | 'commission' | 'low-stock'

export function downloadReportCsv(kind: ReportKind, r: ReportRange) {
  const query = kind === 'low-stock' ? { store_id: r.storeId ?? undefined, format: 'csv' } : { ...q(r), format: 'csv' }
  const name = kind === 'low-stock' ? `low-stock.csv` : `${kind}_${r.from}_${r.to}.csv`
  return downloadFile(`/reports/${kind}`, query, name)
}
