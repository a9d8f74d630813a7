import { describe, expect, it } from 'vitest'
import type { Product } from '@/api/types'
import { cartReducer, cartTotals, emptyCart, loadCart, saveCart, type CartState } from './cart'

const product = (id: string, price: string, tax_class: Product['tax_class'] = 'standard'): Product => ({
  id,
  sku: `SKU-${id}`,
  barcode: `600000000000${id}`,
  name: `Product ${id}`,
  category: 'General',
  price,
  cost: '1.00',
  tax_class,
  vat_rate: tax_class === 'standard' ? '16.00' : '0.00',
  reorder_level: 5,
  active: true,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
})

const run = (...actions: Parameters<typeof cartReducer>[1][]): CartState => actions.reduce(cartReducer, emptyCart)

describe('cart reducer', () => {
  it('adds a product and scanning it again increases the quantity', () => {
    const s = run({ type: 'add', product: product('1', '100.00') }, { type: 'add', product: product('1', '100.00') })
    expect(s.lines).toHaveLength(1)
    expect(s.lines[0].quantity).toBe(2)
    expect(s.selected).toBe(0)
  })

  it('selects the newest line and keeps the selection in range on removal', () => {
    let s = run({ type: 'add', product: product('1', '1.00') }, { type: 'add', product: product('2', '1.00') })
    expect(s.selected).toBe(1)
    s = cartReducer(s, { type: 'remove', index: 1 })
    expect(s.selected).toBe(0)
    s = cartReducer(s, { type: 'remove', index: 0 })
    expect(s.selected).toBe(-1)
  })

  it('removes a line when its quantity drops to zero', () => {
    const s = run({ type: 'add', product: product('1', '1.00') }, { type: 'increment', index: 0, by: -1 })
    expect(s.lines).toHaveLength(0)
  })

  it('caps a discount at the line amount and never goes negative', () => {
    let s = run({ type: 'add', product: product('1', '10.00'), quantity: 2 }, { type: 'setDiscount', index: 0, discountCents: 999999 })
    expect(s.lines[0].discountCents).toBe(2000)
    s = cartReducer(s, { type: 'setDiscount', index: 0, discountCents: -5 })
    expect(s.lines[0].discountCents).toBe(0)
  })
})

describe('cart totals (integer cents)', () => {
  it('computes VAT per line, per class, and the total like the contract', () => {
    const s = run(
      { type: 'add', product: product('1', '1160.00'), quantity: 1 },
      { type: 'add', product: product('2', '99.99', 'zero_rated'), quantity: 3 },
      { type: 'add', product: product('3', '50.00', 'exempt') },
      { type: 'add', product: product('4', '0.10'), quantity: 3 },
    )
    const t = cartTotals(s.lines)
    expect(t.totalCents).toBe(116000 + 29997 + 5000 + 30)
    // 1160.00 -> 160.00; 0.30 * 16/116 = 0.0414 -> 0.04 (per line, not per unit)
    expect(t.vatCents).toBe(16000 + 4)
    expect(t.netCents).toBe(t.totalCents - t.vatCents)
    expect(t.itemCount).toBe(8)
    expect(t.vatByClass.map((c) => c.taxClass)).toEqual(['standard', 'zero_rated', 'exempt'])
    expect(t.vatByClass[0]).toMatchObject({ rate: 16, vatCents: 16004, taxableCents: 116030 - 16004 })
  })

  it('applies the discount before VAT', () => {
    const s = run({ type: 'add', product: product('1', '116.00'), quantity: 2 }, { type: 'setDiscount', index: 0, discountCents: 3200 })
    const t = cartTotals(s.lines)
    expect(t.totalCents).toBe(20000)
    expect(t.discountCents).toBe(3200)
    expect(t.vatCents).toBe(2759) // 200.00 * 16/116 = 27.586 -> 27.59
  })

  it('never drifts like floats would (0.1 + 0.2)', () => {
    const s = run({ type: 'add', product: product('1', '0.10') }, { type: 'add', product: product('2', '0.20') })
    expect(cartTotals(s.lines).totalCents).toBe(30)
  })
})

describe('cart persistence', () => {
  it('restores the cart after a reload for the same store only', () => {
    const m = new Map<string, string>()
    const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
    const cart = run({ type: 'add', product: product('1', '10.00'), quantity: 2 })
    saveCart('s1', cart, storage)
    expect(loadCart('s1', storage).lines[0].quantity).toBe(2)
    expect(loadCart('s2', storage).lines).toHaveLength(0)
    saveCart('s1', emptyCart, storage)
    expect(m.size).toBe(0)
  })
})
