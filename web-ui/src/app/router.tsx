import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import type { Role } from '@/api/types'
import { Spinner } from '@/components/ui'
import { LoginPage } from '@/features/auth/components/LoginPage'
import { ShiftPanel } from '@/features/shifts/components/ShiftPanel'
import { TillPage } from '@/features/till/components/TillPage'
import { RequireAuth, RequireRole } from './guards'
import { Layout } from './Layout'

// Back-office pages load on demand so the till stays light.
const ReturnsPage = lazy(() => import('@/features/returns/components/ReturnsPage'))
const ProductsPage = lazy(() => import('@/features/products/components/ProductsPage'))
const StockPage = lazy(() => import('@/features/inventory/components/StockPage'))
const TransfersPage = lazy(() => import('@/features/transfers/components/TransfersPage'))
const ReportsPage = lazy(() => import('@/features/reports/components/ReportsPage'))
const ShiftsPage = lazy(() => import('@/features/shifts/components/ShiftsPage'))
const AuditPage = lazy(() => import('@/features/audit/components/AuditPage'))
const UsersPage = lazy(() => import('@/features/admin/components/UsersPage'))
const StoresPage = lazy(() => import('@/features/admin/components/StoresPage'))

function Page({ min, children }: { min: Role; children: ReactNode }) {
  return (
    <RequireRole min={min}>
      <Suspense fallback={<Spinner />}>{children}</Suspense>
    </RequireRole>
  )
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/till" replace />} />
        <Route path="/till" element={<TillPage shiftPanel={<ShiftPanel />} />} />
        <Route path="/returns" element={<Page min="cashier"><ReturnsPage /></Page>} />
        <Route path="/products" element={<Page min="manager"><ProductsPage /></Page>} />
        <Route path="/stock" element={<Page min="manager"><StockPage /></Page>} />
        <Route path="/transfers" element={<Page min="manager"><TransfersPage /></Page>} />
        <Route path="/reports" element={<Page min="manager"><ReportsPage /></Page>} />
        <Route path="/shifts" element={<Page min="manager"><ShiftsPage /></Page>} />
        <Route path="/audit" element={<Page min="admin"><AuditPage /></Page>} />
        <Route path="/users" element={<Page min="admin"><UsersPage /></Page>} />
        <Route path="/stores" element={<Page min="admin"><StoresPage /></Page>} />
        <Route path="*" element={<Navigate to="/till" replace />} />
      </Route>
    </Routes>
  )
}
