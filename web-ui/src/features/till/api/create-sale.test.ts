import { describe, expect, it } from 'vitest'
import type { SaleInput } from '@/api/types'
import { ApiError } from '@/lib/api-client'
import { CheckoutKeys, isIndeterminate } from './create-sale'

const sale = (qty: number, cash = '100.00'): SaleInput => ({
  store_id: 's',
  items: [{ product_id: 'p', quantity: qty }],
  payments: [{ method: 'cash', amount: cash }],
})

describe('idempotency keys per checkout attempt', () => {
  it('reuses the key for retries of the same cart and makes a new one when the cart changes', () => {
    let n = 0
    const keys = new CheckoutKeys(() => `k${++n}`)
    expect(keys.keyFor(sale(1))).toBe('k1')
    expect(keys.keyFor(sale(1))).toBe('k1') // double click / retry
    expect(keys.keyFor(sale(2))).toBe('k2') // cart edited before anything was sent
    keys.settle('recorded')
    expect(keys.keyFor(sale(2))).toBe('k3') // next customer, same basket
  })

  it('keeps the key after a network failure even if the payments are edited', () => {
    let n = 0
    const keys = new CheckoutKeys(() => `k${++n}`)
    expect(keys.keyFor(sale(1, '100.00'))).toBe('k1')
    keys.settle('unknown') // response lost: the sale may exist
    expect(keys.uncertain).toBe(true)
    expect(keys.keyFor(sale(1, '200.00'))).toBe('k1') // the server will answer 422, never sell twice
    keys.settle('refused')
    expect(keys.keyFor(sale(1, '200.00'))).toBe('k2')
  })

  it('treats network errors and 5xx as indeterminate, 4xx as refused', () => {
    expect(isIndeterminate(new ApiError(0, 'Network error'))).toBe(true)
    expect(isIndeterminate(new ApiError(503, 'Unavailable'))).toBe(true)
    expect(isIndeterminate(new ApiError(409, 'Conflict'))).toBe(false)
    expect(isIndeterminate(new TypeError('boom'))).toBe(true)
  })
})
