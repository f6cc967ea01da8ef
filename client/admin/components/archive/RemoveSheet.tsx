import { useState, type ReactNode } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberArchive } from '@contract/archive'
import { textProblem } from '@contract/fields'
import { formatPoints } from '@contract/format'
import { ERASE_REASON } from '@contract/workspaceFields'
import { FormField } from '../../../components/FormField'
import { confirmDialog } from '../../validation'
import { Sheet } from '../ticket/Sheet'
import './archive.scss'

interface RemoveSheetProps {
  archive: MemberArchive
  busy: boolean
  serverError?: string
  onSubmit: (reason: string) => Promise<boolean>
  onClose: () => void
}

/** 注销会员 (the owner): what erasing does to this member, said in their figures, a reason, and a last confirmation. */
export function RemoveSheet({ archive, busy, serverError, onSubmit, onClose }: RemoveSheetProps) {
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const problem = textProblem(reason, ERASE_REASON)
  const openCoupons = archive.coupons.filter((coupon) => coupon.status === 'available').length
  // Signups for activities still to come: past ones stay as the record of who came.
  const openSignups = archive.activities.filter((signup) => (signup.status === 'confirmed' || signup.status === 'waitlisted') && Date.parse(signup.startAt) > Date.now()).length

  async function submit() {
    setAttempted(true)
    if (problem) return
    if (!(await confirmDialog('确认注销该会员？', `${archive.name}（${archive.cardNo}）的个人信息将被匿名化，此操作不可撤销。`, '确认注销'))) return
    if (await onSubmit(reason.trim())) onClose()
  }

  return (
    <Sheet title='注销会员' busy={busy} onClose={onClose} testId='archive-remove-sheet'>
      <View className='archive-sheet-facts' data-testid='archive-remove-facts'>
        <Fact>姓名、手机号、生日、头像、标签、备注和工单内容将被匿名化</Fact>
        <Fact>积分余额 {formatPoints(archive.pointsBalance)} 作废（积分流水为对账保留）</Fact>
        <Fact>{openCoupons} 张未使用的优惠券作废</Fact>
        <Fact>{openSignups} 个未开始活动的报名取消</Fact>
        <Fact>注销后不可撤销；会员可再次加入，但将是新的会员卡</Fact>
      </View>
      <FormField label='注销原因' error={((attempted || reason.trim().length > ERASE_REASON.max) && problem) || serverError || null} stacked>
        <Textarea
          className='admin-textarea'
          placeholder='必填，如：会员本人到店申请注销'
          maxlength={-1}
          value={reason}
          onInput={(event) => setReason(event.detail.value)}
          data-testid='archive-remove-reason'
        />
      </FormField>
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          返回
        </Button>
        <Button type='danger' loading={busy} disabled={busy} onClick={() => void submit()} data-testid='archive-remove-submit'>
          注销会员
        </Button>
      </View>
    </Sheet>
  )
}

function Fact({ children }: { children: ReactNode }) {
  return (
    <View className='archive-sheet-fact'>
      <Text>•</Text>
      <Text>{children}</Text>
    </View>
  )
}
