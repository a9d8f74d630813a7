#!/usr/bin/env node
// End-to-end test of the SPA against a running server (API + built SPA), in
// Debian's Chromium driven by playwright-core. Usage:
//   E2E_BASE_URL=http://127.0.0.1:8080 npm run e2e
// Prints "e2e: N passed, M failed" and exits non-zero on any failure.
// Screenshots land in web-ui/e2e-artifacts/ (git-ignored).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BASE = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const API = `${BASE}/api/v1`
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const HEADED = process.env.E2E_HEADED === '1'
const ART = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts')
const CASHIER = { username: process.env.E2E_CASHIER ?? 'nbo.cashier1', password: process.env.E2E_PASSWORD ?? 'Demo#2026' }
const MANAGER = { username: process.env.E2E_MANAGER ?? 'nbo.manager', password: process.env.E2E_PASSWORD ?? 'Demo#2026' }
const ADMIN = { username: process.env.E2E_ADMIN ?? 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'Admin#2026' }
const T = 15_000

mkdirSync(ART, { recursive: true })
for (const f of readdirSync(ART)) rmSync(join(ART, f), { force: true }) // only this run's files

// ---------- tiny harness ----------
const results = []
const ctx = {}
async function step(name, fn, { needs = [] } = {}) {
  const missing = needs.filter((k) => ctx[k] === undefined)
  if (missing.length) {
    results.push({ name, ok: false, why: `skipped: needs ${missing.join(', ')} from an earlier step` })
    console.log(`✗ ${name} (skipped: earlier step failed)`)
    return
  }
  const t0 = Date.now()
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    results.push({ name, ok: false, why: e?.message ?? String(e) })
    console.log(`✗ ${name}\n    ${String(e?.message ?? e).split('\n').slice(0, 6).join('\n    ')}`)
    if (ctx.page) await ctx.page.screenshot({ path: join(ART, `failure-${results.length}.png`), fullPage: true }).catch(() => {})
  }
}
const assert = (cond, msg) => {
  if (!cond) throw new Error(msg)
}
const cents = (s) => {
  const m = /^(-?)([\d,]+)(?:\.(\d{1,2}))?$/.exec(String(s).trim())
  if (!m) throw new Error(`not money: ${s}`)
  const v = Number(m[2].replace(/,/g, '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -v : v
}
const dec = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`

// ---------- API helpers (setup only: the flows under test go through the UI) ----------
async function apiCall(method, path, token, body) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`)
  return json
}
const apiLogin = async (u) => (await apiCall('POST', '/auth/login', null, u)).access_token

async function ensureChromium() {
  if (existsSync(CHROMIUM)) return
  if (process.getuid?.() === 0) {
    console.log('chromium missing: installing it with apt-get (Debian package)…')
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium`)
}

// ---------- UI helpers ----------
async function uiLogin(page, u) {
  await page.goto(`${BASE}/login`)
  // Still signed in (an earlier step stopped half-way)? Sign out first.
  await Promise.race([page.getByTestId('login-form').waitFor(), page.getByTestId('logout').waitFor()])
  if (await page.getByTestId('logout').isVisible()) await uiLogout(page)
  await page.getByTestId('login-username').fill(u.username)
  await page.getByTestId('login-password').fill(u.password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('main-nav').waitFor({ timeout: T })
}
async function uiLogout(page) {
  await page.getByTestId('logout').click()
  await page.getByTestId('login-form').waitFor({ timeout: T })
}

async function main() {
  await ensureChromium()
  const health = await fetch(`${BASE}/health`).catch((e) => ({ ok: false, status: e.message }))
  if (!health.ok) throw new Error(`server not reachable at ${BASE}/health (${health.status}); start it first (scripts/run)`)

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !HEADED,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(HEADED ? [] : ['--headless'])],
  })
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, acceptDownloads: true, timezoneId: 'Africa/Nairobi' })
  context.setDefaultTimeout(T)
  const page = await context.newPage()
  ctx.page = page
  const consoleErrors = []
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  // CSP violations and failed asset loads show up as console errors.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|script-src|style-src|Refused to|Failed to load resource: net::ERR_(?!ABORTED)/.test(m.text())) consoleErrors.push(m.text())
  })

  await step('setup: find two stocked products with barcodes in the cashier\'s store (API)', async () => {
    const token = await apiLogin(CASHIER)
    const me = await apiCall('GET', '/auth/me', token)
    assert(me.store_id, 'cashier has no store')
    ctx.storeId = me.store_id
    const inv = await apiCall('GET', `/stores/${me.store_id}/inventory?per_page=200`, token)
    const picked = []
    for (const item of inv.items.filter((i) => i.quantity >= 5)) {
      const page = await apiCall('GET', `/products?sku=${encodeURIComponent(item.sku)}&per_page=1`, token)
      const p = page.items[0]
      if (p?.barcode && p.active) picked.push(p)
      if (picked.length === 2) break
    }
    assert(picked.length === 2, `found ${picked.length} stocked products with barcodes`)
    ctx.products = picked
  })

  await step('cashier signs in and sees only the till and returns', async () => {
    await uiLogin(page, CASHIER)
    await page.getByTestId('till').waitFor()
    const nav = await page.getByTestId('main-nav').locator('a').allInnerTexts()
    const labels = nav.map((t) => t.split('\n')[0].trim())
    assert(JSON.stringify(labels) === JSON.stringify(['Till', 'Returns']), `cashier nav: ${labels.join(', ')}`)
    ctx.signedIn = true
  }, { needs: ['storeId'] })

  await step('cashier opens a cash-drawer shift with a float (F10)', async () => {
    const status = page.getByTestId('shift-status')
    await status.waitFor()
    if (/No open shift/.test(await status.innerText())) {
      await page.keyboard.press('F10')
      await page.getByTestId('shift-open').waitFor()
      await page.keyboard.type('5000')
      await page.keyboard.press('Enter')
      await page.getByTestId('shift-open').waitFor({ state: 'hidden' })
    }
    await status.filter({ hasText: 'Shift open' }).waitFor()
    ctx.shiftOpen = true
  }, { needs: ['signedIn'] })

  await step('scans two products into the focused scan field', async () => {
    // A scanner types into whatever has focus: no click first.
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    assert(focused === 'scan-input', `focus is on ${focused}, not the scan field`)
    for (const p of ctx.products) {
      await page.keyboard.type(p.barcode, { delay: 5 })
      await page.keyboard.press('Enter')
      await page.getByTestId('cart-line').filter({ hasText: p.name }).waitFor()
    }
    const lines = await page.getByTestId('cart-line').count()
    assert(lines === 2, `cart has ${lines} lines`)
    const expected = ctx.products.reduce((s, p) => s + cents(p.price), 0)
    const shown = cents(await page.getByTestId('total-due').innerText())
    assert(shown === expected, `total shows ${dec(shown)}, expected ${dec(expected)}`)
    ctx.totalCents = expected
    await page.screenshot({ path: join(ART, 'till.png') })
  }, { needs: ['shiftOpen'] })

  await step('a page reload mid-sale keeps the cashier signed in and the cart intact', async () => {
    await page.reload()
    await page.getByTestId('till').waitFor()
    const lines = await page.getByTestId('cart-line').count()
    assert(lines === 2, `cart has ${lines} lines after reload`)
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    assert(focused === 'scan-input', `focus after reload is on ${focused}`)
  }, { needs: ['totalCents'] })

  await step('split-pays with M-Pesa (with code) and cash, with change', async () => {
    await page.keyboard.press('F9')
    await page.getByTestId('tender').waitFor()
    const mpesa = Math.max(1, Math.floor(ctx.totalCents / 2))
    await page.keyboard.press('Alt+M')
    await page.getByTestId('amount-mpesa').fill(dec(mpesa))
    await page.getByTestId('reference-mpesa').fill('QJK4XY12AB')
    await page.keyboard.press('Alt+C')
    const cash = ctx.totalCents - mpesa + 5000
    await page.getByTestId('amount-cash').fill(dec(cash))
    const change = cents(await page.getByTestId('tender-change').innerText())
    assert(change === 5000, `change preview ${dec(change)}`)
    await page.keyboard.press('F9')
    await page.getByTestId('receipt').waitFor()
    ctx.receiptNumber = (await page.getByTestId('receipt-number').innerText()).trim()
    assert(/^[A-Z]+-\d+$/.test(ctx.receiptNumber), `receipt number ${ctx.receiptNumber}`)
    assert(cents(await page.getByTestId('receipt-change').innerText()) === 5000, 'receipt change is not 50.00')
    assert(cents(await page.getByTestId('receipt-total').innerText()) === ctx.totalCents, 'receipt total differs from the cart')
    assert((await page.getByTestId('receipt-line').count()) === 2, 'receipt lines')
    const text = await page.getByTestId('receipt').innerText()
    assert(/KRA PIN/.test(text), 'receipt lacks the KRA PIN')
    assert(/M-Pesa QJK4XY12AB/.test(text), 'receipt lacks the M-Pesa payment')
    await page.getByTestId('receipt').screenshot({ path: join(ART, 'receipt.png') })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: join(ART, 'receipt-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
  }, { needs: ['totalCents'] })

  await step('returns one line of that sale by receipt number', async () => {
    await page.keyboard.press('Enter') // new sale
    await page.getByTestId('cart-empty').waitFor()
    await page.keyboard.press('Alt+2')
    await page.getByTestId('return-receipt').fill(ctx.receiptNumber)
    await page.keyboard.press('Enter')
    await page.getByTestId('return-line').first().waitFor()
    await page.getByTestId('return-qty-0').fill('1')
    await page.getByTestId('return-reason').fill('Customer changed mind')
    await page.getByTestId('return-submit').click()
    const done = await page.getByTestId('return-done').innerText()
    assert(/Refunded KES/.test(done), done)
    ctx.returned = true
  }, { needs: ['receiptNumber'] })

  await step('overselling is refused in plain words where the cashier looks, then the sale is voided', async () => {
    await page.keyboard.press('Alt+1')
    await page.getByTestId('till').waitFor()
    const p = ctx.products[1]
    await page.keyboard.type(`9999*${p.barcode}`)
    await page.keyboard.press('Enter')
    await page.getByTestId('cart-line').filter({ hasText: p.name }).waitFor()
    await page.keyboard.press('F9')
    await page.getByTestId('tender').waitFor()
    await page.keyboard.press('Alt+C')
    await page.keyboard.press('F9')
    const msg = await page.getByTestId('sale-error').innerText()
    assert(msg.includes(p.name) || /stock/i.test(msg), `error shown: ${msg}`)
    await page.keyboard.press('Escape')
    await page.getByTestId('tender').waitFor({ state: 'hidden' })
    await page.keyboard.press('F8')
    await page.keyboard.type('YES')
    await page.keyboard.press('Enter')
    await page.getByTestId('cart-empty').waitFor()
  }, { needs: ['returned'] })

  await step('cashier closes the shift with counted amounts and gets a Z report', async () => {
    await page.keyboard.press('F10')
    await page.getByTestId('shift-menu').waitFor()
    await page.keyboard.press('Alt+Z')
    await page.getByTestId('count-cash').fill('5100.00')
    await page.getByTestId('count-mpesa').fill(dec(Math.max(1, Math.floor(ctx.totalCents / 2))))
    await page.getByTestId('shift-close-submit').click()
    const z = page.getByTestId('shift-report-Z')
    await z.waitFor()
    const text = await z.innerText()
    assert(/Z REPORT No\. \d+/.test(text), `Z report header: ${text.slice(0, 120)}`)
    await z.screenshot({ path: join(ART, 'z-report.png') })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: join(ART, 'z-report-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.getByTestId('shift-done').click()
    await page.getByTestId('shift-status').filter({ hasText: 'No open shift' }).waitFor()
    ctx.shiftClosed = true
    await uiLogout(page)
  }, { needs: ['shiftOpen'] })

  await step('setup: another user requests a transfer out of the manager\'s store (API)', async () => {
    const token = await apiLogin(ADMIN)
    const stores = await apiCall('GET', '/stores', token)
    const list = stores.items ?? stores
    const other = list.find((s) => s.id !== ctx.storeId)
    assert(other, 'no second store')
    const t = await apiCall('POST', '/transfers', token, {
      from_store_id: ctx.storeId,
      to_store_id: other.id,
      items: [{ product_id: ctx.products[0].id, quantity: 1 }],
      note: 'e2e',
    })
    assert(t.status === 'pending', `new transfer is ${t.status}`)
    ctx.transferId = t.id
  }, { needs: ['products'] })

  await step('manager approves the transfer', async () => {
    await uiLogin(page, MANAGER)
    const nav = (await page.getByTestId('main-nav').innerText()).split('\n').join(' ')
    assert(/Transfers/.test(nav) && /Reports/.test(nav) && !/Audit log/.test(nav), `manager nav: ${nav}`)
    await page.getByTestId('nav-transfers').click()
    await page.getByTestId(`approve-${ctx.transferId}`).click()
    await page.getByTestId('transfer-approved').waitFor()
    await page.getByTestId('transfer-status').selectOption('approved')
    await page.getByTestId('transfers-table').locator(`[data-testid="approve-${ctx.transferId}"]`).waitFor({ state: 'detached' })
    ctx.managerIn = true
  }, { needs: ['transferId'] })

  await step('manager downloads a CSV report', async () => {
    await page.getByTestId('nav-reports').click()
    await page.getByTestId('report-summary').waitFor()
    const count = Number(await page.getByTestId('summary-count').innerText())
    assert(count >= 1, `sales summary shows ${count} sales today-ish`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()])
    const file = join(ART, download.suggestedFilename() || 'report.csv')
    await download.saveAs(file)
    const csv = readFileSync(file, 'utf8')
    const lines = csv.trim().split(/\r?\n/)
    assert(lines.length >= 1 && lines[0].includes(','), `CSV looks wrong: ${csv.slice(0, 120)}`)
    await page.screenshot({ path: join(ART, 'reports.png') })
  }, { needs: ['managerIn'] })

  await step('manager sees the closed shift on the shifts page with its Z report', async () => {
    await page.keyboard.press('Alt+7')
    const row = page.getByTestId('shifts-table').locator('tbody tr', { hasText: /Z \d+/ }).first()
    await row.waitFor()
    await row.getByRole('button', { name: /Z report/ }).click()
    await page.getByTestId('shift-report-Z').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('shift-report-modal').waitFor({ state: 'hidden' })
  }, { needs: ['managerIn', 'shiftClosed'] })

  await step('admin back office: edit a price, receive stock, request a transfer, read the audit log', async () => {
    await uiLogout(page)
    await uiLogin(page, ADMIN)
    const p = ctx.products[1]
    // Price edit through the product form.
    await page.keyboard.press('Alt+3')
    await page.getByTestId('products-search').fill(p.sku)
    await page.getByTestId(`edit-${p.sku}`).click()
    const newPrice = dec(cents(p.price) + 100)
    await page.getByTestId('product-price').fill(newPrice)
    await page.getByTestId('product-save').click()
    await page.getByTestId('product-form').waitFor({ state: 'hidden' })
    await page.getByTestId('products-table').getByText(newPrice.replace(/\B(?=(\d{3})+(?!\d))/g, ',')).waitFor()
    // Goods received at the admin's chosen store (the cashier's).
    await page.keyboard.press('Alt+4')
    await page.getByTestId('store-picker').selectOption(ctx.storeId)
    await page.getByTestId('stock-search').fill(p.sku)
    const before = Number(await page.getByTestId(`onhand-${p.sku}`).innerText())
    await page.getByTestId(`adjust-${p.sku}`).click()
    await page.keyboard.type('5')
    await page.getByTestId('adjust-save').click()
    await page.getByTestId(`onhand-${p.sku}`).filter({ hasText: String(before + 5) }).waitFor()
    // A transfer requested through the form.
    await page.keyboard.press('Alt+5')
    await page.getByTestId('new-transfer').click()
    const from = await page.getByTestId('transfer-from').locator('option').nth(1).getAttribute('value')
    await page.getByTestId('transfer-from').selectOption(from)
    const to = await page.getByTestId('transfer-to').locator('option').nth(2).getAttribute('value')
    await page.getByTestId('transfer-to').selectOption(to === from ? await page.getByTestId('transfer-to').locator('option').nth(1).getAttribute('value') : to)
    await page.getByTestId('product-picker').fill(p.sku)
    await page.getByTestId('product-picker-results').locator('li').first().click()
    await page.getByTestId('transfer-submit').click()
    await page.getByTestId('transfer-form').waitFor({ state: 'hidden' })
    // The audit log shows the price change.
    await page.keyboard.press('Alt+8')
    await page.getByTestId('audit-table').locator('tbody tr', { hasText: /product|price/i }).first().waitFor()
    await page.keyboard.press('Alt+9')
    await page.getByTestId('users-table').getByText('nbo.cashier1').waitFor()
    await page.keyboard.press('Alt+0')
    await page.getByTestId('stores-table').getByText('NBO').first().waitFor()
    await page.screenshot({ path: join(ART, 'stores.png') })
  }, { needs: ['managerIn'] })

  await step('no uncaught errors or CSP violations in the page', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'))
  })

  await browser.close()
}

const started = Date.now()
try {
  await main()
} catch (e) {
  results.push({ name: 'e2e run', ok: false, why: e?.message ?? String(e) })
  console.log(`✗ ${e?.message ?? e}`)
}
const passed = results.filter((r) => r.ok).length
const failed = results.length - passed
console.log(`screenshots: ${ART}`)
console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
process.exit(failed ? 1 : 0)
