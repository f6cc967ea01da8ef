import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints } from '@contract/format'
import type { RedeemResult, Reward } from '@contract/rewards'
import { RewardCard } from '../../../components/RewardCard'
import { ErrorView, LoadingView, EmptyView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Till } from '../../../hooks/useTill'
import { callCloud } from '../../../services/cloud'
import { confirmDialog } from '../../validation'
import { ActionResult, ResultLine } from '../ActionForm'

/** 礼品兑换 at the till: the member in front of the cashier gets a reward now, confirmed at once. */
export function RedeemForMember({ till }: { till: Till }) {
  const catalogue = useCloudQuery<Reward[]>(() => callCloud('rewards', 'list', {}))
  const submit = useSubmit()
  const [result, setResult] = useState<RedeemResult | null>(null)
  const balance = till.member?.pointsBalance ?? 0

  async function redeem(reward: Reward) {
    if (!(await confirmDialog('确认兑换', `为 ${till.member?.name} 兑换「${reward.name}」\n扣除 ${formatPoints(reward.pointsCost)} 积分`))) return
    const redeemed = await submit.run(() => till.redeemAtTill(reward))
    if (redeemed) {
      setResult(redeemed)
      void catalogue.reload()
    }
  }

  if (catalogue.status === 'loading') return <LoadingView />
  if (catalogue.status === 'error') return <ErrorView message={catalogue.error.message} onRetry={catalogue.reload} />
  return (
    <View>
      {result && (
        <ActionResult testId='till-redeem-result' warn={result.duplicate && '该兑换已处理，以下为原结果'} title={`已兑换「${result.rewardName}」`}>
          <ResultLine>
            扣除 {formatPoints(result.pointsSpent)} 积分 · 余额 {formatPoints(result.pointsBalance)}
          </ResultLine>
          <ResultLine>
            兑换码 {result.code}（{result.status === 'confirmed' ? '已核销' : '待核销'}）
          </ResultLine>
        </ActionResult>
      )}
      {catalogue.data.length === 0 && <EmptyView title='暂无可兑换礼品' />}
      {catalogue.data.map((reward) => (
        <RewardCard key={reward.id} reward={reward}>
          <Button type='primary' size='small' disabled={submit.busy || reward.stock <= 0 || reward.pointsCost > balance} onClick={() => redeem(reward)}>
            {reward.stock <= 0 ? '已兑完' : reward.pointsCost > balance ? '积分不足' : '兑换'}
          </Button>
        </RewardCard>
      ))}
    </View>
  )
}
