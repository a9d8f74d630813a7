import { PageHeader } from '@/components/ui'

export default function TransfersPage() {
  return <PageHeader title="TransfersPage">Coming soon.</PageHeader>
}
