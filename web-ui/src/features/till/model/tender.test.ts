import { describe, expect, it } from 'vitest'
import { tenderStatus, toPaymentInputs } from './tender'

describe('tender', () => {
  it('split cash + M-Pesa covering the total with change from cash', () => {
    const s = tenderStatus(150000, [
      { method: 'mpesa', amountCents: 100000, reference: 'QJK4XY12AB' },
      { method: 'cash', amountCents: 60000 },
    ])
    expect(s).toMatchObject({ paidCents: 160000, remainingCents: 0, changeCents: 10000, canComplete: true })
  })

  it('says in plain words when the payment is short', () => {
    const s = tenderStatus(150000, [{ method: 'cash', amountCents: 100000 }])
    expect(s.canComplete).toBe(false)
    expect(s.problems.join(' ')).toContain('short by KES 500.00')
  })

  it('needs an M-Pesa code and refuses card/M-Pesa above the total', () => {
    expect(tenderStatus(1000, [{ method: 'mpesa', amountCents: 1000, reference: ' ' }]).canComplete).toBe(false)
    const over = tenderStatus(1000, [{ method: 'card', amountCents: 2000 }])
    expect(over.canComplete).toBe(false)
    expect(over.changeCents).toBe(0)
  })

  it('serialises amounts as decimal strings and drops empty references', () => {
    expect(toPaymentInputs([{ method: 'cash', amountCents: 12345, reference: '' }, { method: 'mpesa', amountCents: 5, reference: ' ABC ' }])).toEqual([
      { method: 'cash', amount: '123.45' },
      { method: 'mpesa', amount: '0.05', reference: 'ABC' },
    ])
  })
})
