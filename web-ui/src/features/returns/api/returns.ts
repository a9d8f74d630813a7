import { useMutation } from '@tanstack/react-query'
import type { ReturnInput, Sale } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

/** Finds a sale by its receipt number (e.g. NBO-000123); null when none. */
export async function findSaleByReceipt(receiptNumber: string): Promise<Sale | null> {
  const page = await unwrap(
    api.GET('/api/v1/sales', { params: { query: { receipt_number: receiptNumber.trim().toUpperCase(), per_page: 1 } } }),
  )
  return page.items[0] ?? null
}

export function useCreateReturn(saleId: string | undefined) {
  return useMutation({
    mutationFn: (input: ReturnInput) =>
      unwrap(api.POST('/api/v1/sales/{sale_id}/returns', { params: { path: { sale_id: saleId! } }, body: input })),
  })
}
