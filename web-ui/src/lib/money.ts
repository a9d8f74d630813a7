/**
 * Money helpers. The API sends money as decimal strings ("1160.00"); the SPA
 * only does arithmetic on integer cents (for the cart's live preview) and
 * shows the server's strings wherever they are authoritative.
 */

/** Parses "1160.00", "1160.5", "-3", "1,160.00" into integer cents; null if not money. */
export function toCents(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const s = String(value).trim().replace(/,/g, '')
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return null
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -cents : cents
}

/** Integer cents -> "1160.00" (the API's wire format). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Integer cents -> "1,160.00" for display. */
export function formatCents(cents: number): string {
  const [whole, frac] = centsToDecimal(Math.abs(cents)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${cents < 0 ? '-' : ''}${grouped}.${frac}`
}

/** A decimal string from the API -> "1,160.00"; passes through what it cannot parse. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined) return ''
  const c = toCents(value)
  return c === null ? value : formatCents(c)
}

/** Integer division rounding half away from zero. */
export function divRoundHalfAway(n: number, d: number): number {
  const q = Math.floor((2 * Math.abs(n) + Math.abs(d)) / (2 * Math.abs(d)))
  return Math.sign(n) * Math.sign(d) < 0 ? -q : q
}

/** VAT contained in a VAT-inclusive amount at `ratePercent` (e.g. 16), half away from zero. */
export function inclusiveVat(amountCents: number, ratePercent: number): number {
  // Work in hundredths of a percent so a rate like "16.00" or "8.50" stays an integer.
  const bp = Math.round(ratePercent * 100)
  if (bp === 0) return 0
  return divRoundHalfAway(amountCents * bp, 10_000 + bp)
}
