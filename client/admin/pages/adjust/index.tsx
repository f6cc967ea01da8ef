// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Textarea } from '@tarojs/components'
import { readNumber, textProblem } from '@contract/fields'
import { ADJUST_POINTS, ADJUST_REASON } from '@contract/staffFields'
import { formatPoints, formatSignedPoints } from '@contract/format'
import type { AdjustResult } from '@contract/points'
import { FormField } from '../../../components/FormField'
import { useAttemptId } from '../../../hooks/useAttemptId'
import { useMemberLookup } from '../../../hooks/useMemberLookup'
import { callCloud } from '../../../services/cloud'
import { ActionForm, ActionResult, ResultLine, TextField, useAction } from '../../components/ActionForm'
import { MemberSearch } from '../../components/MemberSearch'
import { RoleGate } from '../../components/RoleGate'
import { shownError, toast } from '../../validation'

export default function AdjustPage() {
  return <RoleGate area='adjust'>{() => <Adjust />}</RoleGate>
}

function Adjust() {
  const lookup = useMemberLookup()
  const [direction, setDirection] = useState<1 | -1>(1)
  const [pointsText, setPointsText] = useState('')
  const [reason, setReason] = useState('')
  const attempt = useAttemptId()
  const action = useAction<AdjustResult>()
  const member = lookup.member
  const points = readNumber(pointsText, ADJUST_POINTS)
  const reasonError = textProblem(reason, ADJUST_REASON)

  async function adjust() {
    const problem = points.error ?? reasonError
    if (!member || problem !== null || points.value === null) return toast(problem ?? '请先查询会员')
    const delta = direction * points.value
    const content = `${member.name}：${formatSignedPoints(delta)} 积分\n原因：${reason.trim()}`
    const adjusted = await action.run({ title: '确认调整积分', content }, () =>
      callCloud('points', 'adjust', { cardNo: member.cardNo, delta, reason: reason.trim(), requestId: attempt.idFor(`${member.cardNo}:${delta}:${reason.trim()}`) }),
    )
    if (adjusted) {
      attempt.settle()
      lookup.setBalance(adjusted.pointsBalance)
      setPointsText('')
      setReason('')
      Taro.showToast({ title: '已调整', icon: 'success' })
    }
  }

  const { result } = action
  return (
    <View data-testid='adjust'>
      <MemberSearch lookup={lookup} cardTestId='adjust-card' submitTestId='adjust-lookup' empty={{ title: '选择会员', description: '输入会员卡号或扫描会员码后调整积分' }}>
        {() => (
          <>
            <ActionForm submitLabel='确认调整' onSubmit={adjust} busy={action.busy} testId='adjust-submit'>
              <FormField label='方向'>
                <View className='admin-chips'>
                  <View className={`admin-chip ${direction === 1 ? 'admin-chip--on' : ''}`} onClick={() => setDirection(1)}>
                    增加
                  </View>
                  <View className={`admin-chip ${direction === -1 ? 'admin-chip--on' : ''}`} onClick={() => setDirection(-1)}>
                    扣减
                  </View>
                </View>
              </FormField>
              <TextField
                label='积分'
                type='number'
                placeholder={`正整数，单次最多 ${formatPoints(ADJUST_POINTS.max)}`}
                value={pointsText}
                onChange={setPointsText}
                error={points.error}
                serverError={action.fieldErrors.delta}
                testId='adjust-points'
              />
              <FormField label='调整原因' error={shownError(reason, reasonError) ?? action.fieldErrors.reason} stacked>
                <Textarea
                  className='admin-textarea'
                  placeholder='必填，如：系统故障补录、顾客投诉补偿（记入审计日志）'
                  maxlength={ADJUST_REASON.max}
                  value={reason}
                  onInput={(event) => setReason(event.detail.value)}
                  data-testid='adjust-reason'
                />
              </FormField>
            </ActionForm>
            {result && (
              <ActionResult testId='adjust-result' warn={result.duplicate && '该调整已处理，以下为原结果'} figure={`${formatSignedPoints(result.delta)} 积分`}>
                <ResultLine>调整后余额 {formatPoints(result.pointsBalance)} 积分</ResultLine>
              </ActionResult>
            )}
          </>
        )}
      </MemberSearch>
    </View>
  )
}
