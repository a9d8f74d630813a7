import { describe, expect, it } from 'vitest'
import type { SaleInput } from '@/api/types'
import { CheckoutKeys } from './create-sale'

const sale = (qty: number): SaleInput => ({
  store_id: 's',
  items: [{ product_id: 'p', quantity: qty }],
  payments: [{ method: 'cash', amount: '100.00' }],
})

describe('idempotency keys per checkout attempt', () => {
  it('reuses the key for retries of the same cart and makes a new one when the cart changes', () => {
    let n = 0
    const keys = new CheckoutKeys(() => `k${++n}`)
    expect(keys.keyFor(sale(1))).toBe('k1')
    expect(keys.keyFor(sale(1))).toBe('k1') // double click / retry
    expect(keys.keyFor(sale(2))).toBe('k2') // cart edited
    keys.reset() // sale recorded
    expect(keys.keyFor(sale(2))).toBe('k3') // next customer, same basket
  })
})
