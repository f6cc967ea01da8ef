import { useState } from 'react'
import type { Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'
import { useSubmit } from './useSubmit'

export interface RewardDraft {
  name: string
  description: string
  pointsCost: number
  stock: number
}

/** Owner/admin: the whole catalogue (retired included), and creating, editing and retiring rewards. */
export function useAdminRewards() {
  const list = useCloudQuery<Reward[]>(() => callCloud('rewards', 'adminList', { includeRetired: true }))
  const submit = useSubmit()
  const [lastSaved, setLastSaved] = useState<Reward | null>(null)

  async function save(rewardId: string | null, draft: RewardDraft): Promise<Reward | undefined> {
    const saved = await submit.run(() => (rewardId ? callCloud('rewards', 'update', { rewardId, ...draft }) : callCloud('rewards', 'create', draft)))
    if (saved) {
      setLastSaved(saved)
      void list.reload()
    }
    return saved
  }

  async function retire(reward: Reward): Promise<Reward | undefined> {
    const retired = await submit.run(() => callCloud('rewards', 'retire', { rewardId: reward.id }))
    if (retired) void list.reload()
    return retired
  }

  return { list, save, retire, busy: submit.busy, fieldErrors: submit.fieldErrors, clearFieldErrors: submit.clearFieldErrors, lastSaved }
}
