import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UserInput, UserPatch } from '@/api/types'
import { api, unwrap } from '@/lib/api-client'

export { useUsers } from '@/hooks/use-users'

export function useSaveUser() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: UserInput | UserPatch }) =>
      id
        ? unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: body as UserPatch }))
        : unwrap(api.POST('/api/v1/users', { body: body as UserInput })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  })
}
