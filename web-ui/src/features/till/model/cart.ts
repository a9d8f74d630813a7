/**
 * The till's cart: a pure reducer plus the live totals preview in integer
 * cents. The totals follow the contract's rules (line_total = price * qty -
 * discount; VAT per line, inclusive, rounded half away from zero), but the
 * receipt always shows the server's figures.
 */
import type { Product, TaxClass } from '@/api/types'
import { inclusiveVat, toCents } from '@/lib/money'
import { SESSION_KEYS } from '@/lib/session-keys'
import { taxOrder } from '@/lib/tax'

/** The product's VAT rate in percent: the server's `vat_rate`, else by class. */
export function productVatRate(p: Pick<Product, 'tax_class' | 'vat_rate'>): number {
  const c = toCents(p.vat_rate)
  if (c !== null) return c / 100
  return p.tax_class === 'standard' ? 16 : 0
}

export interface CartLine {
  productId: string
  sku: string
  barcode?: string | null
  name: string
  unitPriceCents: number
  taxClass: TaxClass
  vatRate: number // percent, e.g. 16
  quantity: number
  discountCents: number
}

export interface CartState {
  lines: CartLine[]
  selected: number // index into lines, -1 when empty
  customerPhone: string
}

export const emptyCart: CartState = { lines: [], selected: -1, customerPhone: '' }

export type CartAction =
  | { type: 'add'; product: Product; quantity?: number }
  | { type: 'setQuantity'; index: number; quantity: number }
  | { type: 'increment'; index: number; by: number }
  | { type: 'setDiscount'; index: number; discountCents: number }
  | { type: 'remove'; index: number }
  | { type: 'select'; index: number }
  | { type: 'moveSelection'; by: number }
  | { type: 'setCustomerPhone'; phone: string }
  | { type: 'clear' }

const clampIndex = (i: number, n: number) => (n === 0 ? -1 : Math.min(Math.max(i, 0), n - 1))

export function cartReducer(state: CartState, action: CartAction): CartState {
  switch (action.type) {
    case 'add': {
      const { product } = action
      const qty = action.quantity ?? 1
      const existing = state.lines.findIndex((l) => l.productId === product.id)
      if (existing >= 0) {
        const lines = state.lines.map((l, i) => (i === existing ? { ...l, quantity: l.quantity + qty } : l))
        return { ...state, lines, selected: existing }
      }
      const line: CartLine = {
        productId: product.id,
        sku: product.sku,
        barcode: product.barcode,
        name: product.name,
        unitPriceCents: toCents(product.price) ?? 0,
        taxClass: product.tax_class,
        vatRate: productVatRate(product),
        quantity: qty,
        discountCents: 0,
      }
      return { ...state, lines: [...state.lines, line], selected: state.lines.length }
    }
    case 'setQuantity': {
      if (!state.lines[action.index]) return state
      if (action.quantity <= 0) return cartReducer(state, { type: 'remove', index: action.index })
      const q = Math.floor(action.quantity)
      return { ...state, lines: state.lines.map((l, i) => (i === action.index ? { ...l, quantity: q } : l)) }
    }
    case 'increment': {
      const line = state.lines[action.index]
      if (!line) return state
      return cartReducer(state, { type: 'setQuantity', index: action.index, quantity: line.quantity + action.by })
    }
    case 'setDiscount': {
      const line = state.lines[action.index]
      if (!line) return state
      const max = line.unitPriceCents * line.quantity
      const d = Math.min(Math.max(0, Math.round(action.discountCents)), max)
      return { ...state, lines: state.lines.map((l, i) => (i === action.index ? { ...l, discountCents: d } : l)) }
    }
    case 'remove': {
      if (!state.lines[action.index]) return state
      const lines = state.lines.filter((_, i) => i !== action.index)
      return { ...state, lines, selected: clampIndex(state.selected >= action.index ? state.selected - 1 : state.selected, lines.length) }
    }
    case 'select':
      return { ...state, selected: clampIndex(action.index, state.lines.length) }
    case 'moveSelection':
      return { ...state, selected: clampIndex(state.selected + action.by, state.lines.length) }
    case 'setCustomerPhone':
      return { ...state, customerPhone: action.phone }
    case 'clear':
      return emptyCart
  }
}

export interface LineTotals {
  lineTotalCents: number
  vatCents: number
}

export function lineTotals(line: CartLine): LineTotals {
  const lineTotalCents = line.unitPriceCents * line.quantity - line.discountCents
  return { lineTotalCents, vatCents: inclusiveVat(lineTotalCents, line.vatRate) }
}

export interface CartTotals {
  itemCount: number
  discountCents: number
  vatCents: number
  totalCents: number
  netCents: number
  vatByClass: { taxClass: TaxClass; rate: number; taxableCents: number; vatCents: number }[]
}

export function cartTotals(lines: CartLine[]): CartTotals {
  const byClass = new Map<TaxClass, { rate: number; taxableCents: number; vatCents: number }>()
  let itemCount = 0
  let discountCents = 0
  let vatCents = 0
  let totalCents = 0
  for (const line of lines) {
    const t = lineTotals(line)
    itemCount += line.quantity
    discountCents += line.discountCents
    vatCents += t.vatCents
    totalCents += t.lineTotalCents
    const c = byClass.get(line.taxClass) ?? { rate: line.vatRate, taxableCents: 0, vatCents: 0 }
    c.taxableCents += t.lineTotalCents - t.vatCents
    c.vatCents += t.vatCents
    byClass.set(line.taxClass, c)
  }
  return {
    itemCount,
    discountCents,
    vatCents,
    totalCents,
    netCents: totalCents - vatCents,
    vatByClass: [...byClass.entries()].sort(([a], [b]) => taxOrder(a, b)).map(([taxClass, c]) => ({ taxClass, ...c })),
  }
}

const CART_KEY = SESSION_KEYS.cart

/** The cart survives a page reload within the tab (sessionStorage), per store. */
export function loadCart(storeId: string | null, storage: Pick<Storage, 'getItem'> = sessionStorage): CartState {
  try {
    const saved = JSON.parse(storage.getItem(CART_KEY) ?? 'null') as { storeId: string | null; cart: CartState } | null
    if (saved && saved.storeId === storeId && Array.isArray(saved.cart?.lines)) return saved.cart
  } catch {
    /* corrupt: start empty */
  }
  return emptyCart
}

export function saveCart(storeId: string | null, cart: CartState, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage) {
  if (cart.lines.length === 0 && !cart.customerPhone) storage.removeItem(CART_KEY)
  else storage.setItem(CART_KEY, JSON.stringify({ storeId, cart }))
}
