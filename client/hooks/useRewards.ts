import type { RedeemResult, Redemption, Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useCloudQuery } from './useCloudQuery'
import { useSubmit } from './useSubmit'

/** The member's side of rewards: the catalogue, their redemptions, and redeeming one. */
export function useRewards() {
  const catalogue = useCloudQuery<Reward[]>(() => callCloud('rewards', 'list', {}))
  const redemptions = useCloudQuery<Redemption[]>(() => callCloud('rewards', 'myRedemptions', {}))
  const attempt = useAttemptId()
  const submit = useSubmit()

  async function redeem(reward: Reward): Promise<RedeemResult | undefined> {
    const result = await submit.run(() => callCloud('rewards', 'redeem', { rewardId: reward.id, requestId: attempt.idFor(reward.id) }))
    if (result) {
      attempt.settle()
      void catalogue.reload()
      void redemptions.reload()
    }
    return result
  }

  return { catalogue, redemptions, redeem, redeeming: submit.busy }
}
