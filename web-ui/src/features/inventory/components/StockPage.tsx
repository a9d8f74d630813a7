import { PageHeader } from '@/components/ui'

export default function StockPage() {
  return <PageHeader title="StockPage">Coming soon.</PageHeader>
}
