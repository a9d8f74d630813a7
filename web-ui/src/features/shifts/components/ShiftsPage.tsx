import { PageHeader } from '@/components/ui'

export default function ShiftsPage() {
  return <PageHeader title="ShiftsPage">Coming soon.</PageHeader>
}
