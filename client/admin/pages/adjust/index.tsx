// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AdjustResult } from '@contract/points'
import { FormField, Panel } from '../../../components/FormField'
import { signedPoints } from '../../../components/LedgerList'
import { EmptyView } from '../../../components/StatusView'
import { useAttemptId } from '../../../hooks/useAttemptId'
import { useMemberLookup } from '../../../hooks/useMemberLookup'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { MemberPanel } from '../../components/MemberPanel'
import { RoleGate } from '../../components/RoleGate'
import { confirmDialog, parsePoints, shownError, toast } from '../../validation'

export default function AdjustPage() {
  return <RoleGate area='adjust'>{() => <Adjust />}</RoleGate>
}

function Adjust() {
  const lookup = useMemberLookup()
  const [cardText, setCardText] = useState('')
  const [direction, setDirection] = useState<1 | -1>(1)
  const [pointsText, setPointsText] = useState('')
  const [reason, setReason] = useState('')
  const [result, setResult] = useState<AdjustResult | null>(null)
  const attempt = useAttemptId()
  const submit = useSubmit()
  const member = lookup.member
  const parsed = parsePoints(pointsText)
  const reasonError = reason.trim().length >= 2 ? null : '请填写调整原因（至少 2 个字）'

  async function adjust() {
    const problem = parsed.error ?? reasonError
    if (!member || problem || parsed.points === null) return toast(problem ?? '请先查询会员')
    const delta = direction * parsed.points
    if (!(await confirmDialog('确认调整积分', `${member.name}：${signedPoints(delta)} 积分\n原因：${reason.trim()}`))) return
    const requestId = attempt.idFor(`${member.cardNo}:${delta}:${reason.trim()}`)
    const adjusted = await submit.run(() => callCloud('points', 'adjust', { cardNo: member.cardNo, delta, reason: reason.trim(), requestId }))
    if (adjusted) {
      attempt.settle()
      setResult(adjusted)
      lookup.setBalance(adjusted.pointsBalance)
      setPointsText('')
      setReason('')
      Taro.showToast({ title: '已调整', icon: 'success' })
    }
  }

  return (
    <View data-testid='adjust'>
      <View className='admin-search'>
        <Input className='admin-input' type='number' placeholder='输入 10 位会员卡号' value={cardText} maxlength={13} onInput={(event) => setCardText(event.detail.value)} data-testid='adjust-card' />
        <Button size='small' type='primary' disabled={lookup.busy || !cardText.trim()} onClick={() => lookup.byCardNo(cardText)} data-testid='adjust-lookup'>
          查询
        </Button>
        <Button size='small' fill='outline' disabled={lookup.busy} onClick={lookup.byScan}>
          扫码
        </Button>
      </View>
      {!member && <EmptyView title='选择会员' description='输入会员卡号或扫描会员码后调整积分' />}
      {member && (
        <>
          <MemberPanel member={member} />
          <Panel>
            <FormField label='方向'>
              <View className='admin-chips'>
                <View className={`admin-chip ${direction === 1 ? 'admin-chip--on' : ''}`} onClick={() => setDirection(1)}>增加</View>
                <View className={`admin-chip ${direction === -1 ? 'admin-chip--on' : ''}`} onClick={() => setDirection(-1)}>扣减</View>
              </View>
            </FormField>
            <FormField label='积分' error={shownError(pointsText, parsed.error) ?? submit.fieldErrors.delta}>
              <Input className='admin-input' type='number' placeholder='正整数' value={pointsText} onInput={(event) => setPointsText(event.detail.value)} data-testid='adjust-points' />
            </FormField>
            <FormField label='调整原因' error={shownError(reason, reasonError) ?? submit.fieldErrors.reason} stacked>
              <Textarea className='admin-textarea' placeholder='必填，如：系统故障补录、顾客投诉补偿（记入审计日志）' maxlength={100} value={reason} onInput={(event) => setReason(event.detail.value)} data-testid='adjust-reason' />
            </FormField>
          </Panel>
          <View className='admin-actions'>
            <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={adjust} data-testid='adjust-submit'>
              确认调整
            </Button>
          </View>
          {result && (
            <View className='admin-result' data-testid='adjust-result'>
              {result.duplicate && <Text className='admin-result__warn'>该调整已处理，以下为原结果</Text>}
              <Text className='admin-result__big'>{signedPoints(result.delta)} 积分</Text>
              <Text className='admin-result__line'>调整后余额 {result.pointsBalance.toLocaleString('zh-CN')} 积分</Text>
            </View>
          )}
        </>
      )}
    </View>
  )
}
