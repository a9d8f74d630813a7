import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '@/lib/token-store'
import { json, stubFetch } from '@/testing/fetch-stub'
import { AuthProvider } from './AuthProvider'
import { LoginPage } from './LoginPage'

const renderLogin = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/login']}>
        <AuthProvider>
          <LoginPage />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  )

describe('LoginPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    tokens.clear()
  })

  it('explains a wrong password and a lockout in plain words', async () => {
    let status = 401
    stubFetch((_req, url) =>
      url.pathname === '/api/v1/auth/login' ? json({ type: 'about:blank', title: 'Unauthorized', status, detail: 'invalid credentials' }, status) : undefined,
    )
    const ui = userEvent.setup()
    renderLogin()
    await ui.type(await screen.findByTestId('login-username'), 'nbo.cashier1')
    await ui.type(screen.getByTestId('login-password'), 'nope{Enter}')
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Wrong username or password.')
    status = 429
    await ui.click(screen.getByTestId('login-submit'))
    expect(await screen.findByTestId('login-error')).toHaveTextContent('locked for a few minutes')
  })

  it('keeps the access token in memory and only the refresh token in sessionStorage', async () => {
    stubFetch((_req, url) =>
      url.pathname === '/api/v1/auth/login'
        ? json({ access_token: 'acc', refresh_token: 'ref', token_type: 'Bearer', expires_in: 900, user: { id: 'u', username: 'a', full_name: 'A', role: 'cashier', store_id: 's', commission_rate: '0.00', active: true, created_at: '', updated_at: '' } })
        : undefined,
    )
    const ui = userEvent.setup()
    renderLogin()
    await ui.type(await screen.findByTestId('login-username'), 'a')
    await ui.type(screen.getByTestId('login-password'), 'b{Enter}')
    await vi.waitFor(() => expect(tokens.accessToken).toBe('acc'))
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('acc')
    expect(sessionStorage.getItem('duka.refresh_token')).toBe('ref')
  })
})
