/**
 * Aliases for the API shapes used by the SPA, derived from the generated
 * `schema.gen.ts` by *path* (the contract fixes paths; schema names may change).
 * Never hand-write an API shape: add an alias here instead.
 */
import type { paths } from './schema.gen'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never
type Body<Op> = Op extends { requestBody?: infer RB }
  ? NonNullable<RB> extends { content: { 'application/json': infer B } }
    ? B
    : never
  : never
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

export type LoginResponse = Ok<paths['/api/v1/auth/login']['post']>
export type AuthUser = LoginResponse['user']
export type Role = AuthUser['role']

export type Store = Ok<paths['/api/v1/stores/{id}']['get']>
export type StoreInput = Body<paths['/api/v1/stores']['post']>
export type StorePatch = Body<paths['/api/v1/stores/{id}']['patch']>

export type User = Ok<paths['/api/v1/users/{id}']['get']>
export type UserInput = Body<paths['/api/v1/users']['post']>
export type UserPatch = Body<paths['/api/v1/users/{id}']['patch']>

export type Product = Ok<paths['/api/v1/products/{id}']['get']>
export type ProductPage = Ok<paths['/api/v1/products']['get']>
export type ProductQuery = Query<paths['/api/v1/products']['get']>
export type ProductInput = Body<paths['/api/v1/products']['post']>
export type ProductPatch = Body<paths['/api/v1/products/{id}']['patch']>
export type TaxClass = Product['tax_class']

export type InventoryPage = Ok<paths['/api/v1/stores/{store_id}/inventory']['get']>
export type InventoryItem = InventoryPage['items'][number]
export type AdjustmentInput = Body<paths['/api/v1/stores/{store_id}/inventory/adjustments']['post']>
/** The reasons the stock page offers; the API takes any short text. */
export type AdjustmentReason = 'count' | 'damage' | 'theft' | 'received'

export type SaleInput = Body<paths['/api/v1/sales']['post']>
export type PaymentInput = SaleInput['payments'][number]
export type PaymentMethod = PaymentInput['method']
export type Sale = Ok<paths['/api/v1/sales']['post']>
export type SaleLine = Sale['items'][number]
export type SalePage = Ok<paths['/api/v1/sales']['get']>

export type ReturnInput = Body<paths['/api/v1/sales/{sale_id}/returns']['post']>
export type SaleReturn = Ok<paths['/api/v1/sales/{sale_id}/returns']['post']>

export type Transfer = Ok<paths['/api/v1/transfers/{id}']['get']>
export type TransferPage = Ok<paths['/api/v1/transfers']['get']>
export type TransferInput = Body<paths['/api/v1/transfers']['post']>
export type TransferStatus = Transfer['status']

export type SalesSummary = Ok<paths['/api/v1/reports/sales-summary']['get']>
export type VatReport = Ok<paths['/api/v1/reports/vat']['get']>
export type CommissionReport = Ok<paths['/api/v1/reports/commission']['get']>
export type LowStockReport = Ok<paths['/api/v1/reports/low-stock']['get']>

export type AuditPage = Ok<paths['/api/v1/audit-logs']['get']>
export type AuditEntry = AuditPage['items'][number]

export type Shift = Ok<paths['/api/v1/shifts/{id}']['get']>
export type ShiftPage = Ok<paths['/api/v1/shifts']['get']>
export type ShiftQuery = Query<paths['/api/v1/shifts']['get']>
export type OpenShiftInput = Body<paths['/api/v1/shifts']['post']>
export type CloseShiftInput = Body<paths['/api/v1/shifts/{id}/close']['post']>
export type CashMovementInput = Body<paths['/api/v1/shifts/{id}/cash-movements']['post']>
export type ShiftReport = Ok<paths['/api/v1/shifts/{id}/report']['get']>
