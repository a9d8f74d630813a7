import { useMutation } from '@tanstack/react-query'
import { useRef } from 'react'
import type { Sale, SaleInput } from '@/api/types'
import { api, ApiError, unwrap } from '@/lib/api-client'

/**
 * The idempotency key of a checkout attempt. Retries of the same cart keep
 * their key (double clicks, a 409 "in flight"), so the server never records
 * the sale twice. After an *indeterminate* failure (network error, 5xx: the
 * sale may have been recorded) the key is kept even if the cashier edits the
 * payments, so the server can recognise the sale; after a definite refusal
 * (4xx) or a success the next attempt gets a fresh key.
 */
export class CheckoutKeys {
  private body: string | null = null
  private key: string | null = null
  private indeterminate = false
  private readonly makeKey: () => string
  constructor(makeKey: () => string = () => crypto.randomUUID()) {
    this.makeKey = makeKey
  }

  keyFor(input: SaleInput): string {
    const body = JSON.stringify(input)
    if (!this.key || (body !== this.body && !this.indeterminate)) this.key = this.makeKey()
    this.body = body
    return this.key
  }

  /** Record how an attempt ended. */
  settle(outcome: 'recorded' | 'refused' | 'unknown') {
    if (outcome === 'unknown') {
      this.indeterminate = true
      return
    }
    this.indeterminate = false
    this.body = null
    this.key = null
  }

  /** True while an earlier attempt may have been recorded. */
  get uncertain(): boolean {
    return this.indeterminate
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

/** Whether a failed attempt may still have been recorded by the server. */
export const isIndeterminate = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500

export function useCreateSale() {
  const keys = useRef(new CheckoutKeys())
  return useMutation({
    mutationFn: (input: SaleInput) => postSale(input, keys.current.keyFor(input)),
    onSuccess: () => keys.current.settle('recorded'),
    onError: (e) => keys.current.settle(isIndeterminate(e) ? 'unknown' : 'refused'),
  })
}
