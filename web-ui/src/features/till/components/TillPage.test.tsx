import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuthUser, Product, Store } from '@/api/types'
import { AuthContext } from '@/features/auth/hooks/auth-context'
import { TillPage } from './TillPage'

const store: Store = {
  id: 's1', code: 'NBO', name: 'Duka Nairobi CBD', location: 'Moi Avenue', kra_pin: 'P051234567A', phone: '+254700000000',
  currency: 'KES', time_zone: 'Africa/Nairobi', requires_shift: false, created_at: '', updated_at: '',
} as Store
const user = { id: 'u1', username: 'nbo.cashier1', full_name: 'Kamau', role: 'cashier', store_id: 's1' } as AuthUser
const products: Product[] = [
  { id: 'p1', sku: 'A-1', barcode: '6001234567890', name: 'Sugar 2kg', category: 'Food', price: '116.00', cost: '90.00', tax_class: 'standard', vat_rate: '16.00', reorder_level: 1, active: true, created_at: '', updated_at: '' },
  { id: 'p2', sku: 'A-2', barcode: '6001234567891', name: 'Milk 500ml', category: 'Food', price: '60.00', cost: '40.00', tax_class: 'zero_rated', vat_rate: '0.00', reorder_level: 1, active: true, created_at: '', updated_at: '' },
]

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const page = <T,>(items: T[]) => ({ items, page: 1, per_page: 50, total: items.length })

function renderTill() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={qc}>
      <AuthContext.Provider value={{ user, status: 'signed-in', signIn: async () => {}, signOut: async () => {} }}>
        <TillPage />
      </AuthContext.Provider>
    </QueryClientProvider>,
  )
}

describe('TillPage (keyboard)', () => {
  const sales: { key: string | null; body: unknown }[] = []
  beforeEach(() => {
    sales.length = 0
    vi.stubGlobal('fetch', async (req: Request) => {
      const url = new URL(req.url)
      if (url.pathname === '/api/v1/stores') return json(page([store]))
      if (url.pathname === '/api/v1/products') {
        const bc = url.searchParams.get('barcode')
        return json(page(products.filter((p) => !bc || p.barcode === bc)))
      }
      if (url.pathname === '/api/v1/sales' && req.method === 'POST') {
        sales.push({ key: req.headers.get('Idempotency-Key'), body: await req.json() })
        return json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Insufficient stock for Sugar 2kg' }, 409)
      }
      return json({ title: 'Not Found', status: 404 }, 404)
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('adds scanned barcodes, shows live totals with VAT, and takes payment by shortcut', async () => {
    const ui = userEvent.setup()
    renderTill()
    const scan = screen.getByTestId('scan-input')
    expect(scan).toHaveFocus()
    await ui.type(scan, '6001234567890{Enter}')
    await screen.findByText('Sugar 2kg')
    await ui.type(scan, '2*6001234567891{Enter}')
    await screen.findByText('Milk 500ml')
    expect(screen.getAllByTestId('cart-line')).toHaveLength(2)
    expect(screen.getByTestId('total-due')).toHaveTextContent('236.00')
    expect(screen.getByTestId('total-vat')).toHaveTextContent('16.00')

    // ArrowUp selects the first line; Alt+ArrowUp adds one to it.
    await ui.keyboard('{ArrowUp}')
    await ui.keyboard('{Alt>}{ArrowUp}{/Alt}')
    expect(within(screen.getAllByTestId('cart-line')[0]).getByTestId('cart-qty')).toHaveTextContent('2')
    expect(screen.getByTestId('total-due')).toHaveTextContent('352.00')

    // F9 opens the tender screen; Alt+C adds cash for the remaining amount.
    await ui.keyboard('{F9}')
    await screen.findByTestId('tender-total')
    await ui.keyboard('{Alt>}c{/Alt}')
    expect(screen.getByTestId('amount-cash')).toHaveValue('352.00')
    await ui.clear(screen.getByTestId('amount-cash'))
    await ui.type(screen.getByTestId('amount-cash'), '400')
    expect(screen.getByTestId('tender-change')).toHaveTextContent('48.00')

    // A refused sale shows the reason in plain words; nothing was recorded, so
    // the next attempt is a new one (a server that stores 4xx answers per key
    // would otherwise replay the refusal forever).
    await ui.keyboard('{F9}')
    expect(await screen.findByTestId('sale-error')).toHaveTextContent('Not enough stock: Insufficient stock for Sugar 2kg')
    await ui.keyboard('{F9}')
    await waitFor(() => expect(sales).toHaveLength(2))
    expect(sales[0].key).toBeTruthy()
    expect(sales[1].key).toBeTruthy()
    expect(sales[1].key).not.toBe(sales[0].key)
    expect(sales[1].body).toEqual(sales[0].body)
    expect(sales[0].body).toEqual({
      store_id: 's1',
      items: [
        { product_id: 'p1', quantity: 2 },
        { product_id: 'p2', quantity: 2 },
      ],
      payments: [{ method: 'cash', amount: '400.00' }],
    })
  })

  it('says so when a barcode is unknown', async () => {
    const ui = userEvent.setup()
    renderTill()
    await ui.type(screen.getByTestId('scan-input'), '9999999999999{Enter}')
    expect(await screen.findByTestId('till-notice')).toHaveTextContent('No active product with barcode 9999999999999')
    await act(async () => {})
  })
})
