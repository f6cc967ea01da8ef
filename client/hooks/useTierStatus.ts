import type { TierStatus } from '@contract/tiers'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'
import { toastError } from './useSubmit'

/** The card's tier panel and the unseen rules notice; dismissing the notice hides it at once. */
export function useTierStatus() {
  const query = useCloudQuery<TierStatus>(() => callCloud('tiers', 'status', {}))

  async function dismissNotice(): Promise<void> {
    const status = query.data
    if (!status?.notice) return
    query.setData({ ...status, notice: null })
    try {
      await callCloud('tiers', 'dismissNotice', { version: status.notice.version })
    } catch (error) {
      toastError(error)
    }
  }

  return { ...query, dismissNotice }
}
