import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuthUser, Shift } from '@/api/types'
import { AuthContext } from '@/features/auth/hooks/auth-context'
import { json, page, stubFetch } from '@/testing/fetch-stub'
import { ShiftPanel } from './ShiftPanel'

const user = { id: 'u1', username: 'nbo.cashier1', full_name: 'Kamau', role: 'cashier', store_id: 's1' } as AuthUser
const store = { id: 's1', code: 'NBO', name: 'Duka Nairobi CBD', location: 'CBD', kra_pin: 'P051234567A', phone: null, requires_shift: true }
const t = (cash: string, mpesa = '0.00', card = '0.00') => ({ cash, mpesa, card })

function renderPanel() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AuthContext.Provider value={{ user, status: 'signed-in', signIn: async () => {}, signOut: async () => {} }}>
        <ShiftPanel />
      </AuthContext.Provider>
    </QueryClientProvider>,
  )
}

describe('ShiftPanel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('opens a shift with a float, then closes it and keeps showing the Z report', async () => {
    let shift: Shift | null = null
    const calls = stubFetch(async (req, url) => {
      if (url.pathname === '/api/v1/stores') return json(page([store]))
      if (url.pathname === '/api/v1/shifts/current')
        return shift?.status === 'open' ? json(shift) : json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no open shift' }, 404)
      if (url.pathname === '/api/v1/shifts' && req.method === 'POST') {
        const b = (await req.json()) as { till: string; opening_float: string }
        shift = { id: 'sh1', store_id: 's1', cashier_id: 'u1', till: b.till, status: 'open', opening_float: b.opening_float, opened_at: '2026-11-27T05:00:00Z' } as Shift
        return json(shift, 201)
      }
      if (url.pathname === '/api/v1/shifts/sh1/close') {
        shift = { ...shift!, status: 'closed', z_number: 7, closed_at: '2026-11-27T15:00:00Z' }
        return json({
          kind: 'Z', shift, sales_count: 3, gross_total: '900.00', discount_total: '0.00', vat_total: '124.14', returns_count: 0, returns_total: '0.00',
          vat_by_class: [], sales_by_tender: t('900.00'), refunds_by_tender: t('0.00'), cash_in: '0.00', cash_out: '0.00', cash_movements: [],
          expected: t('5900.00'), counted: t('5890.00'), variance: t('-10.00'),
        })
      }
    })
    const ui = userEvent.setup()
    renderPanel()
    expect(await screen.findByTestId('shift-status')).toHaveTextContent('No open shift — this store needs one to sell')

    await ui.keyboard('{F10}')
    await ui.type(await screen.findByTestId('shift-float'), '5000{Enter}')
    expect(await screen.findByText('Shift open', { exact: false })).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ store_id: 's1', till: 'Till 1', opening_float: '5000.00' })

    await ui.keyboard('{F10}')
    await ui.keyboard('{Alt>}z{/Alt}')
    await ui.type(await screen.findByTestId('count-cash'), '5890')
    await ui.click(screen.getByTestId('shift-close-submit'))
    const z = await screen.findByTestId('shift-report-Z')
    expect(z).toHaveTextContent('Z REPORT No. 7')
    expect(z).toHaveTextContent('-10.00')
    expect(calls.find((c) => c.path.endsWith('/close'))?.body).toEqual({ counted_cash: '5890.00', counted_mpesa: '0.00', counted_card: '0.00' })
    // The refetch now says "no open shift"; the Z report must stay until Done.
    expect(await screen.findByTestId('shift-status')).toHaveTextContent('No open shift')
    expect(screen.getByTestId('shift-report-Z')).toBeInTheDocument()
  })
})
