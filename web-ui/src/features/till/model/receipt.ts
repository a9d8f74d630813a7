import type { Sale } from '@/api/types'
import { toCents } from '@/lib/money'
import { taxOrder } from '@/lib/tax'

export function formatReceiptTime(iso: string): string {
  return new Intl.DateTimeFormat('en-KE', {
    timeZone: 'Africa/Nairobi',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso))
}

/** VAT per class, summed from the server's per-line figures (in cents, exactly). */
export function vatByClass(sale: Pick<Sale, 'items'>) {
  const map = new Map<string, { taxClass: string; rate: string; taxable: number; vat: number }>()
  for (const l of sale.items) {
    const key = l.tax_class
    const e = map.get(key) ?? { taxClass: l.tax_class, rate: l.vat_rate, taxable: 0, vat: 0 }
    const vat = toCents(l.vat_amount) ?? 0
    e.taxable += (toCents(l.line_total) ?? 0) - vat
    e.vat += vat
    map.set(key, e)
  }
  return [...map.values()].sort((a, b) => taxOrder(a.taxClass, b.taxClass))
}
