import { PageHeader } from '@/components/ui'

export default function ReturnsPage() {
  return <PageHeader title="ReturnsPage">Coming soon.</PageHeader>
}
