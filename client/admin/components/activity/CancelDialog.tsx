import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CANCEL_REASON } from '@contract/activityFields'
import { textProblem } from '@contract/fields'
import { FormField } from '../../../components/FormField'
import './activity.scss'

interface CancelDialogProps {
  title: string
  busy: boolean
  /** The server's word on the reason, from the envelope's `fields`. */
  serverError?: string
  onConfirm: (reason: string) => void
  onClose: () => void
}

/** 取消活动 asks why: members who signed up are told, so the reason is required (the contract's CANCEL_REASON). */
export function CancelDialog({ title, busy, serverError, onConfirm, onClose }: CancelDialogProps) {
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const problem = textProblem(reason, CANCEL_REASON)
  const shown = ((attempted || reason.trim()) && problem) || serverError || null

  function confirm() {
    setAttempted(true)
    if (!problem) onConfirm(reason.trim())
  }

  return (
    <View className='activity-dialog' data-testid='cancel-dialog'>
      <View className='activity-dialog__sheet'>
        <Text className='activity-dialog__title'>取消活动</Text>
        <Text className='activity-dialog__text'>取消「{title}」后不可恢复：报名的会员会收到通知并看到取消原因，已扣的报名积分退回。</Text>
        <FormField label='取消原因' error={shown} stacked>
          <Textarea
            className='admin-textarea'
            placeholder={`必填，${CANCEL_REASON.min}–${CANCEL_REASON.max} 字，如：场地临时维修`}
            maxlength={-1}
            value={reason}
            onInput={(event) => setReason(event.detail.value)}
            data-testid='cancel-reason'
          />
        </FormField>
        <View className='admin-actions activity-dialog__actions'>
          <Button fill='outline' disabled={busy} onClick={onClose}>
            返回
          </Button>
          <Button type='danger' loading={busy} disabled={busy} onClick={confirm} data-testid='cancel-confirm'>
            确认取消活动
          </Button>
        </View>
      </View>
    </View>
  )
}
