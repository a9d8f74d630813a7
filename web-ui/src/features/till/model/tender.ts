/**
 * Split-payment arithmetic for the tender screen, in integer cents. The
 * server re-checks everything; this only decides what the cashier sees and
 * whether "Complete sale" is enabled.
 */
import type { PaymentInput, PaymentMethod } from '@/api/types'
import { centsToDecimal, toCents } from '@/lib/money'

export interface TenderLine {
  method: PaymentMethod
  amountCents: number
  reference?: string
}

export const METHOD_LABEL: Record<PaymentMethod, string> = { cash: 'Cash', mpesa: 'M-Pesa', card: 'Card' }

export interface TenderStatus {
  paidCents: number
  remainingCents: number // still owed, >= 0
  changeCents: number // cash handed back, >= 0
  problems: string[] // plain-words reasons the sale cannot complete yet
  canComplete: boolean
}

export function tenderStatus(totalCents: number, payments: TenderLine[]): TenderStatus {
  const paidCents = payments.reduce((s, p) => s + p.amountCents, 0)
  const nonCash = payments.filter((p) => p.method !== 'cash').reduce((s, p) => s + p.amountCents, 0)
  const problems: string[] = []
  if (payments.length === 0) problems.push('Add a payment.')
  if (payments.some((p) => p.amountCents <= 0)) problems.push('Every payment needs an amount above zero.')
  payments.forEach((p) => {
    if (p.method === 'mpesa' && !p.reference?.trim()) problems.push('M-Pesa payments need the transaction code.')
  })
  if (nonCash > totalCents) problems.push('Only cash can be more than the total (M-Pesa and card must not exceed it).')
  const remainingCents = Math.max(0, totalCents - paidCents)
  if (remainingCents > 0) problems.push(`Payment short by KES ${centsToDecimal(remainingCents)}.`)
  const changeCents = nonCash <= totalCents ? Math.max(0, paidCents - totalCents) : 0
  return { paidCents, remainingCents, changeCents, problems: [...new Set(problems)], canComplete: problems.length === 0 && totalCents > 0 }
}

/** Payments in the API's wire shape. */
export function toPaymentInputs(payments: TenderLine[]): PaymentInput[] {
  return payments.map((p) => ({
    method: p.method,
    amount: centsToDecimal(p.amountCents),
    ...(p.reference?.trim() ? { reference: p.reference.trim() } : {}),
  }))
}

/** A payment as typed on the tender screen. */
export interface TenderDraft {
  method: PaymentMethod
  amount: string
  reference: string
}

export function toTenderLines(drafts: TenderDraft[]): TenderLine[] {
  return drafts.map((d) => ({ method: d.method, amountCents: toCents(d.amount) ?? 0, reference: d.reference }))
}
