import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { SalesSummary } from '@/api/types'
import { formatMoney } from '@/lib/money'

const COLORS: Record<string, string> = { cash: '#0b7a53', mpesa: '#35a853', card: '#1f5fa8' }
const LABEL: Record<string, string> = { cash: 'Cash', mpesa: 'M-Pesa', card: 'Card' }

// Charts plot numbers; every figure shown as text stays the server's decimal string.
const n = (s: string) => Number(s)

export function SalesByDayChart({ data }: { data: SalesSummary['by_day'] }) {
  const rows = data.map((d) => ({ date: d.date.slice(5), gross: n(d.gross_total), vat: n(d.vat_total), label: d.gross_total }))
  return (
    <div className="chart" data-testid="chart-by-day">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" fontSize={12} />
          <YAxis fontSize={12} width={70} tickFormatter={(v: number) => v.toLocaleString('en-KE')} />
          <Tooltip formatter={(v) => formatMoney(Number(v).toFixed(2))} />
          <Legend />
          <Bar dataKey="gross" name="Gross sales" fill="#0b7a53" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="vat" name="VAT" fill="#9fd3bd" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

export function PaymentMethodChart({ data }: { data: SalesSummary['by_payment_method'] }) {
  const rows = data.map((d) => ({ name: LABEL[d.method] ?? d.method, value: n(d.amount), method: d.method }))
  return (
    <div className="chart" data-testid="chart-by-method">
      <ResponsiveContainer width="100%" height={260}>
        <PieChart margin={{ top: 16, bottom: 8 }}>
          <Pie data={rows} dataKey="value" nameKey="name" innerRadius={50} outerRadius={82} isAnimationActive={false} label={(e) => String(e.name ?? '')}>
            {rows.map((r) => (
              <Cell key={r.method} fill={COLORS[r.method] ?? '#8a99a8'} />
            ))}
          </Pie>
          <Tooltip formatter={(v) => formatMoney(Number(v).toFixed(2))} />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </div>
  )
}
