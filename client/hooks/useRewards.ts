import type { RedeemResult, Redemption, Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useCloudQuery } from './useCloudQuery'
import { useSubmit } from './useSubmit'

const loadCatalogue = () => callCloud('rewards', 'list', {})

/** Redeeming one reward; a retried tap carries the same request id, so it is never spent twice. */
function useRedeem(onRedeemed: () => void) {
  const attempt = useAttemptId()
  const submit = useSubmit()

  async function redeem(reward: Reward): Promise<RedeemResult | undefined> {
    const result = await submit.run(() => callCloud('rewards', 'redeem', { rewardId: reward.id, requestId: attempt.idFor(reward.id) }))
    if (result) {
      attempt.settle()
      onRedeemed()
    }
    return result
  }

  return { redeem, redeeming: submit.busy }
}

/** The member's side of rewards: the catalogue, their redemptions, and redeeming one. */
export function useRewards() {
  const catalogue = useCloudQuery<Reward[]>(loadCatalogue)
  const redemptions = useCloudQuery<Redemption[]>(() => callCloud('rewards', 'myRedemptions', {}))
  const { redeem, redeeming } = useRedeem(() => {
    void catalogue.reload()
    void redemptions.reload()
  })
  return { catalogue, redemptions, redeem, redeeming }
}

/** One reward's page: the reward as the catalogue has it now (null once it has left the catalogue), and redeeming it. */
export function useReward(rewardId: string) {
  const catalogue = useCloudQuery<Reward[]>(loadCatalogue)
  const { redeem, redeeming } = useRedeem(() => void catalogue.reload())
  const reward = catalogue.status === 'ready' ? (catalogue.data.find((item) => item.id === rewardId) ?? null) : undefined
  return { catalogue, reward, redeem, redeeming }
}
