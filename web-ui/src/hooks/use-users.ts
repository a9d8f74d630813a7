import { useQuery } from '@tanstack/react-query'
import type { User } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

/** Users the caller may see (admin: all; manager: their store's). */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { per_page: 200 } } })),
    select: (p) => p.items as User[],
  })
}
