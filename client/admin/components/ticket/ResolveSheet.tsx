import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { COMPENSATION_POINTS, RESOLUTION_SUMMARY } from '@contract/ticketFields'
import { typedRange } from '@contract/fields'
import { FormField } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { confirmDialog } from '../../validation'
import { ChoiceChips } from './ChoiceChips'
import { CouponFields } from './CouponFields'
import { readResolveForm, resolveConfirmation, type CompensationChoice, type ResolveForm, type ResolvePayload } from './resolveForm'
import { Sheet } from './Sheet'
import './ticket.scss'

const CHOICES: { key: CompensationChoice; label: string }[] = [
  { key: 'none', label: '不补偿' },
  { key: 'points', label: '补偿积分' },
  { key: 'coupon', label: '补偿优惠券' },
]

interface ResolveSheetProps {
  /** Kept by the page, so closing the sheet by mistake loses nothing typed. */
  form: ResolveForm
  onChange: (form: ResolveForm) => void
  memberName: string
  busy: boolean
  serverErrorAt: (path: string) => string | undefined
  onSubmit: (payload: ResolvePayload) => Promise<boolean>
  onClose: () => void
}

/** 提交处理结果: what was done, and points or a coupon if the shop makes it good; confirmed before anything is issued. */
export function ResolveSheet({ form, onChange, memberName, busy, serverErrorAt, onSubmit, onClose }: ResolveSheetProps) {
  const [attempted, setAttempted] = useState(false)
  const { payload, errors } = readResolveForm(form)
  const errorAt = (path: string) => (attempted ? errors[path] : undefined) ?? serverErrorAt(path)
  const summaryLength = form.summary.trim().length
  const summaryError = ((attempted || summaryLength > RESOLUTION_SUMMARY.max) && errors.summary) || serverErrorAt('summary')

  async function submit() {
    setAttempted(true)
    if (!payload) return
    // WeChat takes at most 4 characters on a modal's button (Taro H5 refuses more).
    if (!(await confirmDialog('提交处理结果', resolveConfirmation(payload, memberName), payload.compensation ? '确认发放' : '确认提交'))) return
    await onSubmit(payload)
  }

  return (
    <Sheet title='提交处理结果' text='会员会看到处理结果，可确认解决或在 7 天内重新打开。' busy={busy} onClose={onClose} testId='resolve-sheet'>
      <FormField label='处理结果' error={summaryError} stacked>
        <Textarea
          className='admin-textarea'
          placeholder={`必填，${RESOLUTION_SUMMARY.min}–${RESOLUTION_SUMMARY.max} 字，如：已向当班店员核实并致歉，加强服务培训`}
          maxlength={-1}
          value={form.summary}
          onInput={(event) => onChange({ ...form, summary: event.detail.value })}
          data-testid='resolve-summary'
        />
        <Text className={`ticket-counter ${summaryLength > RESOLUTION_SUMMARY.max ? 'ticket-counter--over' : ''}`}>
          {summaryLength}/{RESOLUTION_SUMMARY.max}
        </Text>
      </FormField>
      <FormField label='补偿' error={serverErrorAt('compensation')} stacked>
        <ChoiceChips options={CHOICES} value={form.choice} onChange={(choice) => onChange({ ...form, choice })} testId='resolve-comp' />
      </FormField>
      {form.choice === 'points' && (
        <NumberField
          label='补偿积分'
          rule={COMPENSATION_POINTS}
          placeholder={`${typedRange(COMPENSATION_POINTS)}，如 200`}
          value={form.points}
          onChange={(points) => onChange({ ...form, points })}
          serverError={serverErrorAt('compensation.points')}
          attempted={attempted}
          testId='resolve-points'
        />
      )}
      {form.choice === 'coupon' && <CouponFields coupon={form.coupon} onChange={(patch) => onChange({ ...form, coupon: { ...form.coupon, ...patch } })} errorAt={errorAt} attempted={attempted} />}
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          返回
        </Button>
        <Button type='primary' loading={busy} disabled={busy} onClick={() => void submit()} data-testid='resolve-submit'>
          提交
        </Button>
      </View>
    </Sheet>
  )
}
