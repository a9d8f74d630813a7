/** Display helpers for tax classes (the API names them; unknown ones still render). */
const LABEL: Record<string, string> = { standard: 'VAT 16%', zero_rated: 'Zero-rated', exempt: 'Exempt' }
const MARK: Record<string, string> = { standard: 'A', zero_rated: 'Z', exempt: 'E' }
const ORDER = ['standard', 'zero_rated', 'exempt']

export const taxLabel = (c: string) => LABEL[c] ?? c
export const taxMark = (c: string) => MARK[c] ?? c.slice(0, 1).toUpperCase()
export const taxOrder = (a: string, b: string) => (ORDER.indexOf(a) + 99 * +!ORDER.includes(a)) - (ORDER.indexOf(b) + 99 * +!ORDER.includes(b))
