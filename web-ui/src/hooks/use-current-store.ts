import { useEffect, useState } from 'react'
import { useUser } from '@/features/auth/hooks/auth-context'
import { SESSION_KEYS } from '@/lib/session-keys'
import { useStores } from './use-stores'

const KEY = SESSION_KEYS.storeId

/**
 * The store the user works in. Cashiers and managers are bound to theirs;
 * an admin (who may have none) picks one, remembered for the tab.
 */
export function useCurrentStore() {
  const user = useUser()
  const stores = useStores()
  const [picked, setPicked] = useState<string | null>(() => sessionStorage.getItem(KEY))
  const fixed = user.role !== 'admin' ? (user.store_id ?? null) : null
  const list = stores.data ?? []
  const fallback = user.store_id ?? list[0]?.id ?? null
  const storeId = fixed ?? (picked && (list.length === 0 || list.some((s) => s.id === picked)) ? picked : fallback)
  useEffect(() => {
    if (!fixed && storeId) sessionStorage.setItem(KEY, storeId)
  }, [fixed, storeId])
  return {
    storeId,
    store: list.find((s) => s.id === storeId) ?? null,
    stores: list,
    canChoose: !fixed,
    setStoreId: (id: string) => setPicked(id),
  }
}
