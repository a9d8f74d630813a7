/** Everything the SPA keeps in sessionStorage (per tab; gone when the tab closes). */
export const SESSION_KEYS = {
  refreshToken: 'duka.refresh_token',
  cart: 'duka.cart',
  storeId: 'duka.store_id',
} as const
