import { describe, expect, it } from 'vitest'
import type { Sale } from '@/api/types'
import { formatReceiptTime, vatByClass } from './receipt'

const line = (tax_class: string, line_total: string, vat_amount: string) =>
  ({ tax_class, line_total, vat_amount, vat_rate: tax_class === 'standard' ? '16.00' : '0.00' }) as Sale['items'][number]

describe('receipt', () => {
  it('sums the server\'s per-line VAT per class, exactly, standard first', () => {
    const rows = vatByClass({ items: [line('exempt', '50.00', '0.00'), line('standard', '116.00', '16.00'), line('standard', '0.30', '0.04')] })
    expect(rows.map((r) => r.taxClass)).toEqual(['standard', 'exempt'])
    expect(rows[0]).toMatchObject({ taxable: 10026, vat: 1604 })
    expect(rows[1]).toMatchObject({ taxable: 5000, vat: 0 })
  })

  it('prints the time in Nairobi', () => {
    expect(formatReceiptTime('2026-11-27T20:20:00Z')).toMatch(/23:20/)
  })
})
