import type { JoinCode } from '@contract/member'
import type { Store } from '@contract/staff'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'

export interface StoreDraft {
  name: string
  address: string
  phone: string
}

/** 门店管理: every store, closed ones too, and the owner's changes to them. */
export function useStores() {
  const list = useCloudQuery<Store[]>(() => callCloud('staff', 'stores', { includeClosed: true }))
  const submit = useSubmit()

  async function save(storeId: string | null, draft: StoreDraft): Promise<Store | undefined> {
    const saved = await submit.run(() => callCloud('staff', 'saveStore', storeId ? { id: storeId, ...draft } : draft))
    if (saved) void list.reload()
    return saved
  }

  async function setClosed(store: Store, closed: boolean): Promise<Store | undefined> {
    const changed = await submit.run(() => callCloud('staff', closed ? 'closeStore' : 'reopenStore', { id: store.id }))
    if (changed && list.data) list.setData(list.data.map((each) => (each.id === changed.id ? changed : each)))
    return changed
  }

  return {
    list,
    save,
    close: (store: Store) => setClosed(store, true),
    reopen: (store: Store) => setClosed(store, false),
    busy: submit.busy,
    fieldErrors: submit.fieldErrors,
    clearFieldErrors: submit.clearFieldErrors,
  }
}

/** The stores a colleague or an invitation can be given: closed ones take nobody new. */
export function useOpenStores() {
  return useCloudQuery<Store[]>(() => callCloud('staff', 'stores', {}))
}

/** A store's join code (member.joinCode): new members who scan it are recorded as this store's. */
export function useStoreJoinCode(storeId: string) {
  return useCloudQuery<JoinCode>(() => callCloud('member', 'joinCode', { storeId }))
}
