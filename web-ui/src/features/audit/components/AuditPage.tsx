import { PageHeader } from '@/components/ui'

export default function AuditPage() {
  return <PageHeader title="AuditPage">Coming soon.</PageHeader>
}
