import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Input, Picker } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { GENDERS, GENDER_LABELS, type Gender } from '@contract/enums'
import type { FieldIssue } from '@contract/errors'
import { CloudError, callCloud } from '../../services/cloud'
import { localDate } from '../../format'
import './index.scss'


export default function JoinPage() {
  const [name, setName] = useState('')
  const [gender, setGender] = useState<Gender | ''>('')
  const [birthday, setBirthday] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)

  const missing = !name.trim() ? '请填写姓名' : !gender ? '请选择性别' : !birthday ? '请选择生日' : null

  async function submit() {
    if (missing) return void Taro.showToast({ title: missing, icon: 'none' })
    setSubmitting(true)
    try {
      await callCloud('member', 'join', { name: name.trim(), gender: gender as Gender, birthday })
      Taro.showToast({ title: '欢迎加入', icon: 'success' })
      Taro.switchTab({ url: '/pages/card/index' })
    } catch (error) {
      const cloudError = error as CloudError
      setFieldErrors(byField(cloudError.fields))
      Taro.showToast({ title: cloudError.message, icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='join-page'>
      <Text className='join-page__intro'>填写资料，立即领取会员卡</Text>
      <View className='join-form'>
        <View className='join-form__row'>
          <Text className='join-form__label'>姓名</Text>
          <Input className='join-form__input' type='nickname' placeholder='请输入姓名或昵称' maxlength={20} value={name} onInput={(e) => setName(e.detail.value)} data-testid='join-name' />
        </View>
        {fieldErrors.name && <Text className='join-form__error'>{fieldErrors.name}</Text>}
        <View className='join-form__row'>
          <Text className='join-form__label'>性别</Text>
          <View className='join-form__choices'>
            {GENDERS.map((option) => (
              <View key={option} className={`join-form__chip ${gender === option ? 'join-form__chip--on' : ''}`} onClick={() => setGender(option)}>
                {GENDER_LABELS[option]}
              </View>
            ))}
          </View>
        </View>
        <View className='join-form__row'>
          <Text className='join-form__label'>生日</Text>
          <Picker mode='date' value={birthday || '1995-01-01'} start='1900-01-01' end={localDate(new Date())} onChange={(e) => setBirthday(String(e.detail.value))}>
            <View className={`join-form__picker ${birthday ? '' : 'join-form__picker--empty'}`} data-testid='join-birthday'>
              {birthday || '请选择生日'}
            </View>
          </Picker>
        </View>
        {fieldErrors.birthday && <Text className='join-form__error'>{fieldErrors.birthday}</Text>}
        <Text className='join-form__note'>生日设置后不可自行修改，用于发放生日礼遇</Text>
      </View>
      <View className='join-page__submit'>
        <Button type='primary' block loading={submitting} disabled={submitting} onClick={submit} data-testid='join-submit'>
          领取会员卡
        </Button>
      </View>
    </View>
  )
}

function byField(fields: FieldIssue[] | undefined): Record<string, string> {
  return Object.fromEntries((fields ?? []).map((field) => [field.path, field.message]))
}
