import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Sale } from '@/api/types'
import { json, page, stubFetch } from '@/testing/fetch-stub'
import ReturnsPage from './ReturnsPage'

const sale = {
  id: 'sale-1', receipt_number: 'NBO-000123', store_id: 's1', cashier_id: 'u1', customer_phone: null,
  items: [
    { product_id: 'p1', sku: 'A-1', name: 'Sugar 2kg', quantity: 2, unit_price: '116.00', discount: '0.00', line_total: '232.00', tax_class: 'standard', vat_rate: '16.00', vat_amount: '32.00', returned_quantity: 1 },
    { product_id: 'p2', sku: 'A-2', name: 'Milk 500ml', quantity: 3, unit_price: '60.00', discount: '0.00', line_total: '180.00', tax_class: 'zero_rated', vat_rate: '0.00', vat_amount: '0.00', returned_quantity: 0 },
  ],
  discount_total: '0.00', vat_total: '32.00', net_total: '380.00', total: '412.00', amount_paid: '412.00', change_due: '0.00', commission: '0.00',
  payments: [{ method: 'mpesa', amount: '412.00', reference: 'QJK' }], created_at: '2026-11-27T10:00:00Z',
} as unknown as Sale

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ReturnsPage />
    </QueryClientProvider>,
  )

describe('ReturnsPage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('finds a sale by receipt number and refunds only what is still returnable', async () => {
    const calls = stubFetch((req, url) => {
      if (url.pathname === '/api/v1/sales') return json(page(url.searchParams.get('receipt_number') === 'NBO-000123' ? [sale] : []))
      if (url.pathname === '/api/v1/sales/sale-1/returns' && req.method === 'POST')
        return json({ id: 'r1', sale_id: 'sale-1', items: [], refund_total: '120.00', vat_reversed: '0.00', commission_reversed: '0.00', created_at: '' }, 201)
    })
    const ui = userEvent.setup()
    renderPage()
    await ui.type(screen.getByTestId('return-receipt'), 'nbo-000123{Enter}')
    await screen.findByText('Sugar 2kg')
    expect(calls[0].path).toBe('/api/v1/sales?receipt_number=NBO-000123&per_page=1')

    // Sugar: 2 sold, 1 already returned -> at most 1 more.
    await ui.type(screen.getByTestId('return-qty-0'), '2')
    expect(screen.getByTestId('return-submit')).toBeDisabled()
    await ui.clear(screen.getByTestId('return-qty-0'))
    await ui.type(screen.getByTestId('return-qty-1'), '2')
    await ui.type(screen.getByTestId('return-reason'), 'Expired')
    expect(screen.getByTestId('return-method')).toHaveValue('mpesa') // defaults to how it was paid
    await ui.keyboard('{F9}')
    expect(await screen.findByTestId('return-done')).toHaveTextContent('Refunded KES 120.00')
    expect(calls.at(-1)?.body).toEqual({ items: [{ product_id: 'p2', quantity: 2 }], reason: 'Expired', refund_method: 'mpesa' })
  })

  it('says so when no sale has that receipt number', async () => {
    stubFetch((_req, url) => (url.pathname === '/api/v1/sales' ? json(page([])) : undefined))
    const ui = userEvent.setup()
    renderPage()
    await ui.type(screen.getByTestId('return-receipt'), 'NBO-999999{Enter}')
    expect(await screen.findByTestId('return-error')).toHaveTextContent('No sale with receipt number NBO-999999')
  })
})
