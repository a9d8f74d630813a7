#!/usr/bin/env node
// A small in-memory stand-in for the Duka API, for working on the SPA before
// (or without) the real API: `npm run build && node e2e/mock-api.mjs` serves
// dist/ and /api/v1 on http://127.0.0.1:8177. It follows the contract's shapes
// and main rules roughly; it is NOT the API and proves nothing about it.
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const PORT = Number(process.env.MOCK_PORT ?? 8177)
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const c = (s) => Math.round(Number(s) * 100)
const d = (n) => (n / 100).toFixed(2)
const rhaz = (n, dd) => Math.sign(n) * Math.floor((2 * Math.abs(n) + dd) / (2 * dd))

const stores = [
  { id: randomUUID(), code: 'NBO', name: 'Duka Nairobi CBD', location: 'Moi Avenue, Nairobi', kra_pin: 'P051234567A', phone: '0711000001' },
  { id: randomUUID(), code: 'WST', name: 'Duka Westlands', location: 'Westlands, Nairobi', kra_pin: 'P051234567B', phone: '0711000002' },
  { id: randomUUID(), code: 'MSA', name: 'Duka Mombasa', location: 'Nyali, Mombasa', kra_pin: 'P051234567C', phone: '0711000003' },
]
const users = [{ id: randomUUID(), username: 'admin', full_name: 'Admin', role: 'admin', store_id: null, phone: null, commission_rate: '0.00', active: true, pw: 'Admin#2026' }]
for (const s of stores)
  for (const [u, role] of [['manager', 'manager'], ['cashier1', 'cashier'], ['cashier2', 'cashier']])
    users.push({ id: randomUUID(), username: `${s.code.toLowerCase()}.${u}`, full_name: `${s.code} ${u}`, role, store_id: s.id, phone: null, commission_rate: role === 'cashier' ? '2.00' : '0.00', active: true, pw: 'Demo#2026' })
const names = ['Sugar 2kg', 'Maize flour 2kg', 'Milk 500ml', 'Bread 400g', 'Cooking oil 1L', 'Rice 1kg', 'Tea leaves 250g', 'Soap bar', 'Eggs tray', 'Salt 1kg']
const classes = ['standard', 'zero_rated', 'exempt']
const products = Array.from({ length: 60 }, (_, i) => ({
  id: randomUUID(), sku: `SKU-${String(i + 1).padStart(5, '0')}`, barcode: `600${String(1000000000 + i).padStart(10, '0')}`,
  name: `${names[i % names.length]} #${i + 1}`, category: 'Groceries', price: d(5000 + i * 1234), cost: d(3000 + i * 800),
  tax_class: classes[i % 3], vat_rate: i % 3 === 0 ? '16.00' : '0.00', reorder_level: 10, active: true, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
}))
const stock = new Map(stores.flatMap((s) => products.map((p, i) => [`${s.id}:${p.id}`, i % 7 === 0 ? 3 : 50])))
const sales = []
const returns = []
const transfers = []
const audits = []
const sessions = new Map() // access -> user id
const refreshes = new Map() // refresh -> user id
const counters = new Map()
const shifts = []
let zCounter = 0

const problem = (res, status, title, detail, errors) => send(res, status, { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }, 'application/problem+json')
function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type })
  res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body))
}
const pageOf = (items, q) => {
  const page = Number(q.get('page') ?? 1), per = Math.min(200, Number(q.get('per_page') ?? 50))
  return { items: items.slice((page - 1) * per, page * per), page, per_page: per, total: items.length }
}
const pub = ({ pw: _pw, ...u }) => u
const tokens = (u) => {
  const access = randomUUID(), refresh = randomUUID()
  sessions.set(access, u.id)
  refreshes.set(refresh, u.id)
  return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: 900, user: pub(u) }
}
const csv = (rows) => rows.map((r) => r.join(',')).join('\n') + '\n'

async function body(req) {
  let s = ''
  for await (const ch of req) s += ch
  return s ? JSON.parse(s) : null
}

async function api(req, res, path, q) {
  const m = req.method
  if (m === 'POST' && path === '/auth/login') {
    const b = await body(req)
    const u = users.find((x) => x.username === b.username && x.pw === b.password && x.active)
    return u ? send(res, 200, tokens(u)) : problem(res, 401, 'Unauthorized', 'Invalid username or password')
  }
  if (m === 'POST' && path === '/auth/refresh') {
    const b = await body(req)
    const id = refreshes.get(b.refresh_token)
    if (!id) return problem(res, 401, 'Unauthorized', 'Invalid refresh token')
    refreshes.delete(b.refresh_token)
    return send(res, 200, tokens(users.find((u) => u.id === id)))
  }
  const me = users.find((u) => u.id === sessions.get((req.headers.authorization ?? '').replace('Bearer ', '')))
  if (!me) return problem(res, 401, 'Unauthorized', 'Missing or invalid token')
  const scope = (storeId) => me.role === 'admin' || me.store_id === storeId
  let mm
  if (m === 'POST' && path === '/auth/logout') return send(res, 204)
  if (m === 'GET' && path === '/auth/me') return send(res, 200, pub(me))
  if (m === 'GET' && path === '/stores') return send(res, 200, pageOf(stores.filter((s) => scope(s.id)), q))
  if (m === 'GET' && (mm = /^\/stores\/([^/]+)$/.exec(path))) return send(res, 200, stores.find((s) => s.id === mm[1]))
  if (m === 'GET' && path === '/users') return send(res, 200, pageOf(users.map(pub), q))
  if (m === 'GET' && path === '/products') {
    let list = products
    if (q.get('barcode')) list = list.filter((p) => p.barcode === q.get('barcode'))
    if (q.get('sku')) list = list.filter((p) => p.sku === q.get('sku'))
    if (q.get('q')) list = list.filter((p) => `${p.name} ${p.sku}`.toLowerCase().includes(q.get('q').toLowerCase()))
    if (q.get('active')) list = list.filter((p) => String(p.active) === q.get('active'))
    return send(res, 200, pageOf(list, q))
  }
  if (m === 'PATCH' && (mm = /^\/products\/([^/]+)$/.exec(path))) {
    const p = products.find((x) => x.id === mm[1])
    const b = await body(req)
    if (b.price && b.price !== p.price) audits.unshift({ id: randomUUID(), at: new Date().toISOString(), user_id: me.id, action: 'product.price_change', entity: 'product', entity_id: p.id, ip: '127.0.0.1', details: { from: p.price, to: b.price } })
    Object.assign(p, b, { updated_at: new Date().toISOString() })
    return send(res, 200, p)
  }
  if (m === 'POST' && (mm = /^\/stores\/([^/]+)\/inventory\/adjustments$/.exec(path))) {
    const b = await body(req)
    const k = `${mm[1]}:${b.product_id}`
    if (stock.get(k) + b.delta < 0) return problem(res, 409, 'Conflict', 'Stock cannot go below zero')
    stock.set(k, stock.get(k) + b.delta)
    return send(res, 201, { ...b, quantity_after: stock.get(k) })
  }
  if (m === 'GET' && (mm = /^\/stores\/([^/]+)\/inventory$/.exec(path))) {
    let items = products.map((p) => ({ product_id: p.id, sku: p.sku, name: p.name, quantity: stock.get(`${mm[1]}:${p.id}`), reorder_level: p.reorder_level }))
      .map((i) => ({ ...i, low_stock: i.quantity <= i.reorder_level }))
    if (q.get('low_stock') === 'true') items = items.filter((i) => i.low_stock)
    if (q.get('q')) items = items.filter((i) => `${i.name} ${i.sku}`.toLowerCase().includes(q.get('q').toLowerCase()))
    return send(res, 200, pageOf(items, q))
  }
  if (m === 'POST' && path === '/sales') {
    const b = await body(req)
    if (!req.headers['idempotency-key']) return problem(res, 400, 'Bad Request', 'Idempotency-Key header is required')
    const prior = sales.find((s) => s.key === `${me.id}:${req.headers['idempotency-key']}`)
    if (prior) return send(res, 201, prior.sale)
    const items = b.items.map((it) => {
      const p = products.find((x) => x.id === it.product_id)
      const rate = p.tax_class === 'standard' ? 16 : 0
      const lt = c(p.price) * it.quantity - c(it.discount ?? '0')
      return { product_id: p.id, sku: p.sku, name: p.name, quantity: it.quantity, unit_price: p.price, discount: d(c(it.discount ?? '0')), line_total: d(lt), tax_class: p.tax_class, vat_rate: d(rate * 100), vat_amount: d(rhaz(lt * rate, 100 + rate)), returned_quantity: 0 }
    })
    for (const it of items) if (stock.get(`${b.store_id}:${it.product_id}`) < it.quantity) return problem(res, 409, 'Conflict', `Insufficient stock for ${it.name}`)
    const total = items.reduce((s, i) => s + c(i.line_total), 0), vat = items.reduce((s, i) => s + c(i.vat_amount), 0)
    const paid = b.payments.reduce((s, p) => s + c(p.amount), 0)
    if (paid < total) return problem(res, 422, 'Unprocessable Entity', 'Payments do not cover the total', [{ field: 'payments', message: 'must cover the total' }])
    for (const it of items) stock.set(`${b.store_id}:${it.product_id}`, stock.get(`${b.store_id}:${it.product_id}`) - it.quantity)
    const store = stores.find((s) => s.id === b.store_id)
    const n = (counters.get(store.id) ?? 0) + 1
    counters.set(store.id, n)
    const sale = { id: randomUUID(), receipt_number: `${store.code}-${String(n).padStart(6, '0')}`, store_id: store.id, cashier_id: me.id, customer_phone: b.customer_phone ?? null, items,
      discount_total: d(items.reduce((s, i) => s + c(i.discount), 0)), vat_total: d(vat), net_total: d(total - vat), total: d(total), amount_paid: d(paid), change_due: d(paid - total),
      commission: d(rhaz((total - vat) * 2, 100)), payments: b.payments.map((p) => ({ method: p.method, amount: d(c(p.amount)), reference: p.reference ?? null })), created_at: new Date().toISOString() }
    sales.push({ key: `${me.id}:${req.headers['idempotency-key']}`, sale })
    audits.push({ id: randomUUID(), at: sale.created_at, user_id: me.id, action: 'sale.create', entity: 'sale', entity_id: sale.id, ip: '127.0.0.1', details: { total: sale.total } })
    return send(res, 201, sale)
  }
  if (m === 'GET' && path === '/sales') {
    const list = sales.map((s) => s.sale).filter((s) => scope(s.store_id) && (!q.get('receipt_number') || s.receipt_number === q.get('receipt_number')))
    return send(res, 200, pageOf(list, q))
  }
  if (m === 'POST' && (mm = /^\/sales\/([^/]+)\/returns$/.exec(path))) {
    const b = await body(req)
    const sale = sales.map((s) => s.sale).find((s) => s.id === mm[1])
    let refund = 0, vat = 0
    for (const it of b.items) {
      const line = sale.items.find((l) => l.product_id === it.product_id)
      if (it.quantity > line.quantity - line.returned_quantity) return problem(res, 409, 'Conflict', `${line.name}: only ${line.quantity - line.returned_quantity} left to return`)
      line.returned_quantity += it.quantity
      refund += rhaz(c(line.line_total) * it.quantity, line.quantity)
      vat += rhaz(c(line.vat_amount) * it.quantity, line.quantity)
      stock.set(`${sale.store_id}:${it.product_id}`, stock.get(`${sale.store_id}:${it.product_id}`) + it.quantity)
    }
    const r = { id: randomUUID(), sale_id: sale.id, items: b.items.map((i) => ({ ...i, refund_amount: '0.00' })), refund_total: d(refund), vat_reversed: d(vat), commission_reversed: '0.00', created_at: new Date().toISOString() }
    returns.push(r)
    return send(res, 201, r)
  }
  if (m === 'POST' && path === '/transfers') {
    const b = await body(req)
    const t = { id: randomUUID(), ...b, note: b.note ?? '', items: b.items.map((i) => ({ ...i, name: products.find((p) => p.id === i.product_id)?.name })), status: 'pending', requested_by: me.id, decided_by: null, reject_reason: null, requested_at: new Date().toISOString() }
    transfers.unshift(t)
    return send(res, 201, t)
  }
  if (m === 'GET' && path === '/transfers') return send(res, 200, pageOf(transfers.filter((t) => !q.get('status') || t.status === q.get('status')), q))
  if (m === 'POST' && (mm = /^\/transfers\/([^/]+)\/(approve|reject)$/.exec(path))) {
    const t = transfers.find((x) => x.id === mm[1])
    if (t.status !== 'pending') return problem(res, 409, 'Conflict', 'Transfer is no longer pending')
    if (mm[2] === 'approve' && !(me.role === 'admin' || (me.role === 'manager' && me.store_id === t.from_store_id && t.requested_by !== me.id))) return problem(res, 403, 'Forbidden', 'Not allowed')
    t.status = mm[2] === 'approve' ? 'approved' : 'rejected'
    return send(res, 200, t)
  }
  if (m === 'GET' && path.startsWith('/reports/')) {
    const mine = sales.map((s) => s.sale).filter((s) => (q.get('store_id') ? s.store_id === q.get('store_id') : scope(s.store_id)))
    const sum = (f) => d(mine.reduce((s, x) => s + c(f(x)), 0))
    const wantsCsv = q.get('format') === 'csv' || (req.headers.accept ?? '').includes('text/csv')
    if (path === '/reports/sales-summary') {
      const byDay = [...new Set(mine.map((s) => s.created_at.slice(0, 10)))].map((date) => ({ date, sales_count: mine.filter((s) => s.created_at.startsWith(date)).length, gross_total: d(mine.filter((s) => s.created_at.startsWith(date)).reduce((a, s) => a + c(s.total), 0)), vat_total: '0.00' }))
      const methods = ['cash', 'mpesa', 'card'].map((method) => ({ method, amount: d(mine.flatMap((s) => s.payments).filter((p) => p.method === method).reduce((a, p) => a + c(p.amount), 0)) })).filter((x) => x.amount !== '0.00')
      if (wantsCsv) return send(res, 200, csv([['date', 'sales_count', 'gross_total', 'vat_total'], ...byDay.map((r) => [r.date, r.sales_count, r.gross_total, r.vat_total])]), 'text/csv')
      return send(res, 200, { sales_count: mine.length, gross_total: sum((s) => s.total), discount_total: sum((s) => s.discount_total), vat_total: sum((s) => s.vat_total), net_total: sum((s) => s.net_total), returns_total: d(returns.reduce((a, r) => a + c(r.refund_total), 0)), by_day: byDay, by_payment_method: methods, by_cashier: [] })
    }
    if (path === '/reports/vat') return send(res, 200, { lines: [], total_taxable: '0.00', total_vat: sum((s) => s.vat_total) })
    if (path === '/reports/commission') return send(res, 200, { items: [], total_payable: '0.00' })
    if (path === '/reports/low-stock') return send(res, 200, pageOf([], q))
  }
  if (m === 'GET' && path === '/shifts/current') {
    const s = shifts.find((x) => x.cashier_id === me.id && x.status === 'open')
    return s ? send(res, 200, s) : problem(res, 404, 'Not Found', 'No open shift')
  }
  if (m === 'POST' && path === '/shifts') {
    const b = await body(req)
    const s = { id: randomUUID(), store_id: b.store_id, cashier_id: me.id, till: b.till, status: 'open', opening_float: d(c(b.opening_float)), opened_at: new Date().toISOString(), closed_at: null, z_number: null, expected_cash: null, counted_cash: null, expected_mpesa: null, counted_mpesa: null, expected_card: null, counted_card: null }
    shifts.unshift(s)
    return send(res, 201, s)
  }
  if (m === 'GET' && path === '/shifts') return send(res, 200, pageOf(shifts.filter((s) => !q.get('status') || s.status === q.get('status')), q))
  if ((mm = /^\/shifts\/([^/]+)\/(report|close)$/.exec(path))) {
    const s = shifts.find((x) => x.id === mm[1])
    if (mm[2] === 'close') {
      const b = await body(req)
      Object.assign(s, { status: 'closed', closed_at: new Date().toISOString(), z_number: ++zCounter, expected_cash: s.opening_float, counted_cash: b.counted_cash, expected_mpesa: '0.00', counted_mpesa: b.counted_mpesa, expected_card: '0.00', counted_card: b.counted_card })
    }
    const t = (cash, mpesa, card) => ({ cash, mpesa, card })
    const closed = s.status === 'closed'
    return send(res, 200, { kind: closed ? 'Z' : 'X', shift: s, sales_count: 0, gross_total: '0.00', discount_total: '0.00', vat_total: '0.00', returns_count: 0, returns_total: '0.00', vat_by_class: [],
      sales_by_tender: t('0.00', '0.00', '0.00'), refunds_by_tender: t('0.00', '0.00', '0.00'), cash_in: '0.00', cash_out: '0.00', cash_movements: [], expected: t(s.opening_float, '0.00', '0.00'),
      counted: closed ? t(s.counted_cash, s.counted_mpesa, s.counted_card) : null, variance: closed ? t(d(c(s.counted_cash) - c(s.opening_float)), s.counted_mpesa, s.counted_card) : null })
  }
  if (m === 'GET' && path === '/audit-logs') return send(res, 200, pageOf(audits, q))
  return problem(res, 404, 'Not Found', `${m} ${path} is not in the mock`)
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png' }
createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  try {
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' })
    if (url.pathname.startsWith('/api/v1/')) return await api(req, res, url.pathname.slice(7), url.searchParams)
    const file = join(DIST, url.pathname)
    const target = file.startsWith(DIST) && existsSync(file) && statSync(file).isFile() ? file : join(DIST, 'index.html')
    res.writeHead(200, {
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      // As strict as an API would send: proves the SPA needs no inline script/style or CDN.
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    })
    createReadStream(target).pipe(res)
  } catch (e) {
    problem(res, 500, 'Mock error', String(e))
  }
}).listen(PORT, '127.0.0.1', () => console.log(`mock API + SPA on http://127.0.0.1:${PORT}`))
