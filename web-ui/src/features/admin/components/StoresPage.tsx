import { PageHeader } from '@/components/ui'

export default function StoresPage() {
  return <PageHeader title="StoresPage">Coming soon.</PageHeader>
}
