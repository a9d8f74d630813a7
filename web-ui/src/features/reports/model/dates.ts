/** Today's date (YYYY-MM-DD) in the stores' time zone, Africa/Nairobi. */
export function todayInNairobi(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** YYYY-MM-DD shifted by `days` (calendar arithmetic, no time zone drift). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return t.toISOString().slice(0, 10)
}

export const PRESETS = [
  { label: 'Today', range: (t: string) => [t, t] },
  { label: 'Last 7 days', range: (t: string) => [addDays(t, -6), t] },
  { label: 'Last 30 days', range: (t: string) => [addDays(t, -29), t] },
  { label: 'This month', range: (t: string) => [`${t.slice(0, 8)}01`, t] },
] as const
