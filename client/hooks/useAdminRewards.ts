import { useState } from 'react'
import type { Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { uploadImage } from '../services/upload'
import { useCloudQuery } from './useCloudQuery'
import { useSubmit } from './useSubmit'

export interface RewardDraft {
  name: string
  description: string
  pointsCost: number
  stock: number
  /** null: no picture. */
  imageFileId: string | null
}

/** Owner/admin: the whole catalogue (retired included), and creating, editing, retiring and relisting rewards. */
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

  async function changeStatus(action: 'retire' | 'relist', reward: Reward): Promise<Reward | undefined> {
    const changed = await submit.run(() => callCloud('rewards', action, { rewardId: reward.id }))
    if (changed) void list.reload()
    return changed
  }

  return {
    list,
    save,
    retire: (reward: Reward) => changeStatus('retire', reward),
    relist: (reward: Reward) => changeStatus('relist', reward),
    /** The picture goes to cloud storage first; the reward keeps its file ID, which the server checks. */
    uploadPicture: (path: string) => uploadImage(path, 'rewards'),
    busy: submit.busy,
    fieldErrors: submit.fieldErrors,
    clearFieldErrors: submit.clearFieldErrors,
    lastSaved,
  }
}
