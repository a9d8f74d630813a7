import { PageHeader } from '@/components/ui'

export default function ProductsPage() {
  return <PageHeader title="ProductsPage">Coming soon.</PageHeader>
}
