import { useState } from 'react'
import { View, Text, Textarea, Picker } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EARLIEST_DATE, textProblem } from '@contract/fields'
import { formatDate } from '@contract/format'
import { BIRTHDAY_REASON } from '@contract/workspaceFields'
import { FormField } from '../../../components/FormField'
import { localDate } from '../../../format'
import { Sheet } from '../ticket/Sheet'
import './archive.scss'

interface BirthdaySheetProps {
  current: string | null
  busy: boolean
  serverErrorAt: (path: string) => string | undefined
  onSubmit: (birthday: string, reason: string) => Promise<boolean>
  onClose: () => void
}

/** 修改生日: members cannot change it themselves (the birthday perk), so staff correct it, saying why. */
export function BirthdaySheet({ current, busy, serverErrorAt, onSubmit, onClose }: BirthdaySheetProps) {
  const [birthday, setBirthday] = useState('')
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const reasonProblem = textProblem(reason, BIRTHDAY_REASON)
  const birthdayProblem = !birthday ? '请选择新的生日' : birthday === current ? '与当前生日相同' : null

  async function submit() {
    setAttempted(true)
    if (!birthdayProblem && !reasonProblem && (await onSubmit(birthday, reason.trim()))) onClose()
  }

  return (
    <Sheet
      title='修改生日'
      text={`当前生日：${current ? formatDate(current) : '未设置'}。生日用于发放生日礼遇，修改及原因会记入操作日志。`}
      busy={busy}
      onClose={onClose}
      testId='archive-birthday-sheet'
    >
      <FormField label='新生日' error={(attempted && birthdayProblem) || serverErrorAt('birthday') || null}>
        <Picker mode='date' value={birthday || current || '1995-01-01'} start={EARLIEST_DATE} end={localDate(new Date())} onChange={(event) => setBirthday(String(event.detail.value))}>
          <Text className={`archive-picker ${birthday ? '' : 'archive-picker--empty'}`} data-testid='archive-birthday-picker'>
            {birthday ? formatDate(birthday) : '请选择'}
          </Text>
        </Picker>
      </FormField>
      <FormField label='修改原因' error={((attempted || reason.trim().length > BIRTHDAY_REASON.max) && reasonProblem) || serverErrorAt('reason') || null} stacked>
        <Textarea
          className='admin-textarea'
          placeholder='必填，如：入会时填错，会员出示身份证核对'
          maxlength={-1}
          value={reason}
          onInput={(event) => setReason(event.detail.value)}
          data-testid='archive-birthday-reason'
        />
      </FormField>
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          返回
        </Button>
        <Button type='primary' loading={busy} disabled={busy} onClick={() => void submit()} data-testid='archive-birthday-submit'>
          确认修改
        </Button>
      </View>
    </Sheet>
  )
}
