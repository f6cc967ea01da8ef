// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Reward } from '@contract/rewards'
import { RewardCard } from '../../../components/RewardCard'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useAdminRewards, type RewardDraft } from '../../../hooks/useAdminRewards'
import { RewardForm } from '../../components/RewardForm'
import { RoleGate } from '../../components/RoleGate'
import { confirmDialog } from '../../validation'
import { formatPoints } from '@contract/format'

export default function RewardsAdminPage() {
  return <RoleGate area='rewards'>{() => <RewardsAdmin />}</RoleGate>
}

function RewardsAdmin() {
  const rewards = useAdminRewards()
  const [editing, setEditing] = useState<Reward | 'new' | null>(null)
  usePullDownRefresh(async () => {
    await rewards.list.reload()
    Taro.stopPullDownRefresh()
  })

  function open(target: Reward | 'new' | null) {
    rewards.clearFieldErrors()
    setEditing(target)
  }

  async function save(draft: RewardDraft) {
    const saved = await rewards.save(editing === 'new' || editing === null ? null : editing.id, draft)
    if (saved) {
      Taro.showToast({ title: '已保存', icon: 'success' })
      setEditing(null)
    }
  }

  async function retire(reward: Reward) {
    if (!(await confirmDialog('下架礼品', `下架「${reward.name}」后会员将无法兑换，已兑换的不受影响`, '下架'))) return
    if (await rewards.retire(reward)) Taro.showToast({ title: '已下架', icon: 'success' })
  }

  async function relist(reward: Reward) {
    if (!(await confirmDialog('重新上架', `「${reward.name}」将以 ${formatPoints(reward.pointsCost)} 积分、库存 ${reward.stock} 重新上架，会员即可兑换`, '上架'))) return
    if (await rewards.relist(reward)) Taro.showToast({ title: '已上架', icon: 'success' })
  }

  if (editing) {
    return (
      <RewardForm
        key={editing === 'new' ? 'new' : editing.id}
        reward={editing === 'new' ? null : editing}
        fieldErrors={rewards.fieldErrors}
        busy={rewards.busy}
        onSave={save}
        onCancel={() => open(null)}
        upload={rewards.uploadPicture}
      />
    )
  }
  const { list } = rewards
  if (list.status === 'loading') return <LoadingView />
  if (list.status === 'error') return <ErrorView message={list.error.message} onRetry={list.reload} />
  return (
    <View data-testid='rewards-admin'>
      <View className='admin-actions'>
        <Button type='primary' block onClick={() => open('new')} data-testid='reward-new'>
          新增礼品
        </Button>
      </View>
      {list.data.length === 0 && <EmptyView title='还没有礼品' description='新增礼品后，会员即可用积分兑换' />}
      {list.data.map((reward) => (
        <RewardCard key={reward.id} reward={reward}>
          {reward.status === 'active' ? (
            <>
              <Button size='small' fill='outline' onClick={() => open(reward)}>
                编辑
              </Button>
              <Button size='small' fill='none' disabled={rewards.busy} onClick={() => retire(reward)}>
                下架
              </Button>
            </>
          ) : (
            <Button size='small' fill='outline' disabled={rewards.busy} onClick={() => relist(reward)} data-testid='reward-relist'>
              重新上架
            </Button>
          )}
        </RewardCard>
      ))}
      <View style={{ height: '40px' }} />
    </View>
  )
}
