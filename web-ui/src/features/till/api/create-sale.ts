import { useMutation } from '@tanstack/react-query'
import { useRef } from 'react'
import type { Sale, SaleInput } from '@/api/types'
import { api, ApiError, unwrap } from '@/lib/api-client'

/**
 * The idempotency key of a checkout attempt: the same cart and payments keep
 * their key across retries (double clicks, a network error, a 409 "in
 * flight"), so the server never records the sale twice; a changed body gets a
 * new key.
 */
export class CheckoutKeys {
  private body: string | null = null
  private key: string | null = null
  private readonly makeKey: () => string
  constructor(makeKey: () => string = () => crypto.randomUUID()) {
    this.makeKey = makeKey
  }

  keyFor(input: SaleInput): string {
    const body = JSON.stringify(input)
    if (body !== this.body || !this.key) {
      this.body = body
      this.key = this.makeKey()
    }
    return this.key
  }

  /** Forget the key once the sale is recorded (the next cart is a new sale). */
  reset() {
    this.body = null
    this.key = null
  }
}

const isInFlight = (e: unknown) =>
  e instanceof ApiError && e.status === 409 && /idempoten|in flight|in progress|already being/i.test(`${e.title} ${e.detail ?? ''}`)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function postSale(input: SaleInput, key: string): Promise<Sale> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await unwrap(api.POST('/api/v1/sales', { body: input, params: { header: { 'Idempotency-Key': key } } }))
    } catch (e) {
      // Same key still being processed, or the network dropped: retry with the same key.
      const retriable = isInFlight(e) || (e instanceof ApiError && (e.status === 0 || e.status === 503))
      if (!retriable || attempt >= 3) throw e
      await sleep(500 * (attempt + 1))
    }
  }
}

export function useCreateSale() {
  const keys = useRef(new CheckoutKeys())
  const mutation = useMutation({
    mutationFn: (input: SaleInput) => postSale(input, keys.current.keyFor(input)),
    onSuccess: () => keys.current.reset(),
  })
  return mutation
}
