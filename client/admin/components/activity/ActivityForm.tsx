import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Input, Textarea, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivityDraft } from '@contract/activity'
import {
  ACTIVITY_CAPACITY,
  ACTIVITY_COVER,
  ACTIVITY_DESCRIPTION,
  ACTIVITY_PLACE,
  ACTIVITY_POINTS_COST,
  ACTIVITY_TITLE,
  ACTIVITY_TYPES,
  ACTIVITY_TYPE_LABELS,
  ATTENDANCE_POINTS,
  PRIORITY_HOURS,
  SHOP_DATE_TIME,
} from '@contract/activityFields'
import { DEFAULT_TIER_NAMES, TIER_IDS } from '@contract/enums'
import { FormField, Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { pickImage } from '../../../services/upload'
import { toast } from '../../validation'
import { Chips } from '../Chips'
import { draftOf, TIME_FIELDS, type ActivityForm as Form } from './activityForm'
import '../RewardForm.scss'
import './activity.scss'

const TYPES = ACTIVITY_TYPES.map((type) => ({ key: type, label: ACTIVITY_TYPE_LABELS[type] }))
const TIERS = TIER_IDS.map((tier) => ({ key: tier, label: DEFAULT_TIER_NAMES[tier] }))
const WAITLIST = [
  { key: true, label: '开启' },
  { key: false, label: '关闭' },
]
/** Typed text is never cut short: what is too long stays on screen and says so. */
const NO_CUT = -1

interface ActivityFormProps {
  initial: Form
  /** The server's word on each field, from the envelope's `fields`. */
  serverErrors: Record<string, string>
  onEdit: () => void
  busy: boolean
  submitLabel: string
  /** Cancelled and ended activities are shown, not edited. */
  readOnly?: boolean
  onSave: (draft: ActivityDraft) => void
  upload: (path: string) => Promise<string>
}

/** Create or edit an activity: every check is the contract's, shown beside its field as it is typed. */
export function ActivityForm({ initial, serverErrors, onEdit, busy, submitLabel, readOnly = false, onSave, upload }: ActivityFormProps) {
  const [form, setForm] = useState(initial)
  const [attempted, setAttempted] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [coverError, setCoverError] = useState<string | null>(null)
  const [refusals, setRefusals] = useState(0)
  const checked = draftOf(form)
  // Before a save, only what has been typed is judged (an empty form is not all red); after one, everything.
  const errorAt = (field: keyof ActivityDraft) => {
    const value = form[field as keyof Form]
    const typed = typeof value === 'string' && value.trim() !== ''
    return ((attempted || typed) && checked.errors[field]) || serverErrors[field] || null
  }
  useEffect(() => {
    if (refusals > 0) Taro.pageScrollTo({ selector: '.activity-form .form-field--invalid', offsetTop: -120, duration: 300 }).catch(() => undefined)
  }, [refusals])
  useEffect(() => {
    if (Object.keys(serverErrors).length > 0) setRefusals((count) => count + 1)
  }, [serverErrors])

  function update(patch: Partial<Form>) {
    onEdit()
    setForm((current) => ({ ...current, ...patch }))
  }

  async function chooseCover() {
    const picked = await pickImage()
    if (!picked) return
    // The server reads the stored file and has the last word; a picture plainly too big is not sent at all.
    if (picked.bytes > ACTIVITY_COVER.maxBytes) return setCoverError(ACTIVITY_COVER.tooLarge)
    setUploading(true)
    try {
      update({ cover: { fileId: await upload(picked.path), url: picked.path } })
      setCoverError(null)
    } catch {
      setCoverError('图片上传失败，请重试')
    } finally {
      setUploading(false)
    }
  }

  function save() {
    setAttempted(true)
    if (!checked.draft) {
      setRefusals((count) => count + 1)
      return toast(Object.values(checked.errors)[0] ?? '请检查输入')
    }
    onSave(checked.draft)
  }

  const text = (field: 'title' | 'place', label: string, placeholder: string) => (
    <FormField label={label} error={errorAt(field)}>
      <Input
        className='admin-input'
        placeholder={placeholder}
        maxlength={NO_CUT}
        value={form[field]}
        disabled={readOnly}
        onInput={(event) => update({ [field]: event.detail.value })}
        data-testid={`activity-${field}`}
      />
    </FormField>
  )
  const number = (field: 'capacity' | 'priorityHours' | 'attendancePoints' | 'pointsCost', label: string, rule: typeof ACTIVITY_CAPACITY, placeholder?: string) => (
    <NumberField
      label={label}
      rule={rule}
      value={form[field]}
      onChange={(value) => update({ [field]: value })}
      attempted={attempted}
      serverError={serverErrors[field]}
      placeholder={placeholder}
      disabled={readOnly}
      testId={`activity-${field}`}
    />
  )

  return (
    <View className='activity-form' data-testid='activity-form'>
      {readOnly && <Text className='admin-hint admin-hint--left activity-form__closed'>活动已取消或已结束，以下内容仅供查看</Text>}
      <Panel title='基本信息'>
        {text('title', '名称', `最多 ${ACTIVITY_TITLE.max} 个字`)}
        <FormField label='类型' error={errorAt('type')} stacked>
          <Chips options={TYPES} value={form.type} onChange={(type) => !readOnly && update({ type })} testId='activity-type' />
        </FormField>
        <FormField label='封面' error={coverError ?? serverErrors.coverFileId} stacked>
          <View className='reward-picture'>
            {form.cover.url ? (
              <Image className='reward-picture__preview activity-cover' src={form.cover.url} mode='aspectFill' />
            ) : (
              <View className='reward-picture__empty activity-cover'>暂无封面</View>
            )}
            {!readOnly && (
              <View className='reward-picture__actions'>
                <Button size='small' fill='outline' loading={uploading} disabled={uploading} onClick={chooseCover} data-testid='activity-cover'>
                  {form.cover.fileId ? '更换封面' : '选择封面'}
                </Button>
                {form.cover.fileId && (
                  <Button size='small' fill='none' disabled={uploading} onClick={() => update({ cover: { fileId: null, url: null } })}>
                    移除
                  </Button>
                )}
                <Text className='reward-picture__hint'>{ACTIVITY_COVER.hint}</Text>
              </View>
            )}
          </View>
        </FormField>
        <FormField label='活动介绍' error={errorAt('description')} stacked>
          <Textarea
            className='admin-textarea'
            placeholder={readOnly ? '' : '选填：活动内容、流程、注意事项'}
            maxlength={NO_CUT}
            value={form.description}
            disabled={readOnly}
            onInput={(event) => update({ description: event.detail.value })}
            data-testid='activity-description'
          />
          <Text className={`activity-form__counter ${form.description.trim().length > ACTIVITY_DESCRIPTION.max ? 'activity-form__counter--over' : ''}`}>
            {form.description.trim().length}/{ACTIVITY_DESCRIPTION.max}
          </Text>
        </FormField>
        {text('place', '地点', `最多 ${ACTIVITY_PLACE.max} 个字，如 门店二楼`)}
      </Panel>
      <Panel title='时间（北京时间）'>
        <Text className='admin-note'>格式 YYYY-MM-DD HH:mm，如 2026-12-24 19:30。签到从开始前 1 小时开放至结束。</Text>
        {TIME_FIELDS.map(({ key, label }) => (
          <FormField key={key} label={label} error={errorAt(key)}>
            <Input
              className='admin-input activity-form__time'
              placeholder='YYYY-MM-DD HH:mm'
              maxlength={SHOP_DATE_TIME.maxLength + 2}
              value={form[key]}
              disabled={readOnly}
              onInput={(event) => update({ [key]: event.detail.value })}
              data-testid={`activity-${key}`}
            />
          </FormField>
        ))}
      </Panel>
      <Panel title='报名'>
        {number('capacity', '名额', ACTIVITY_CAPACITY, '如 30')}
        <FormField label='候补'>
          <Chips options={WAITLIST} value={form.waitlist} onChange={(waitlist) => !readOnly && update({ waitlist })} testId='activity-waitlist' />
        </FormField>
        <FormField label='最低等级' error={errorAt('minTier')} stacked>
          <Chips options={TIERS} value={form.minTier} onChange={(minTier) => !readOnly && update({ minTier })} testId='activity-minTier' />
        </FormField>
        {number('priorityHours', '优先报名', PRIORITY_HOURS, '提前小时数，0 为不设')}
        {number('pointsCost', '报名积分', ACTIVITY_POINTS_COST, '报名扣除的积分，0 为免费')}
        {number('attendancePoints', '签到积分', ATTENDANCE_POINTS, '签到后赠送的积分')}
        <Text className='admin-note'>优先报名：享有优先报名权益的等级比其他会员提前的小时数，0 为不设。报名积分在报名时扣除，取消报名退回；签到积分在签到时赠送。</Text>
      </Panel>
      {!readOnly && (
        <View className='admin-actions'>
          <Button type='primary' block loading={busy} disabled={busy || uploading} onClick={save} data-testid='activity-save'>
            {submitLabel}
          </Button>
        </View>
      )}
    </View>
  )
}
