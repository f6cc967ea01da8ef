import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Picker } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Gender } from '@contract/enums'
import { EARLIEST_DATE, GENDER_REQUIRED, MEMBER_NAME, textProblem } from '@contract/fields'
import { CONSENT_MOMENTS } from '@contract/templates'
import { askConsent, reportConsent, type Consent } from '../../services/subscribe'
import type { FieldIssue } from '@contract/errors'
import { CloudError } from '../../services/cloud'
import { askPrivacyOnOpen } from '../../services/privacy'
import { usePrivacyAnswer } from '../../services/privacyPrompt'
import { PrivacyDialog } from '../../components/PrivacyDialog'
import { useMemberActions } from '../../hooks/useMember'
import { localDate } from '../../format'
import { MemberFields } from './MemberFields'
import { PhoneField } from './PhoneField'
import { useJoinScene } from './useJoinScene'
import './index.scss'

export default function JoinPage() {
  const { join, bindPhone } = useMemberActions()
  const { scene, info } = useJoinScene()
  const activityId = activityOf(useRouter().params.activity)
  const [name, setName] = useState('')
  const [gender, setGender] = useState<Gender | ''>('')
  const [birthday, setBirthday] = useState('')
  const [avatar, setAvatar] = useState<{ fileId: string; preview: string } | null>(null)
  const [phoneCode, setPhoneCode] = useState<string | null>(null)
  const privacyDeclined = usePrivacyAnswer() === 'disagree'
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  // Each tap's answers, kept until there is a member to report them for (a refused join is tapped again).
  const unreported = useRef<Consent[]>([])

  // The agreement is asked as the page opens, before the avatar, nickname and phone fields can want
  // it; in an effect, which runs after the dialog's own (a child's) has made it this page's host.
  useEffect(() => void askPrivacyOnOpen(), [])

  const missing = textProblem(name, MEMBER_NAME) ?? (!gender ? GENDER_REQUIRED : !birthday ? '请选择生日' : null)

  async function submit() {
    if (missing) return void Taro.showToast({ title: missing, icon: 'none' })
    // Consent can only be asked inside the tap; the join goes ahead whatever the answer.
    const consent = await askConsent(CONSENT_MOMENTS.join)
    setSubmitting(true)
    try {
      // This tap's answers ride with the join, so a birthday perk issued by the join can already be told.
      const answers = Object.keys(consent.answers).length ? { consent: consent.answers } : {}
      await join({
        name: name.trim(),
        gender: gender as Gender,
        birthday,
        ...(avatar ? { avatarFileId: avatar.fileId } : {}),
        ...(scene ? { scene } : {}),
        ...(activityId ? { activityId } : {}),
        ...answers,
      })
      // Answers from earlier taps whose join was refused are the new member's too (a failed report is never shown).
      void reportAll(unreported.current.splice(0))
      // The phone code is exchanged once the member exists; a failure here never undoes the join.
      if (phoneCode) await bindPhone(phoneCode).catch(() => Taro.showToast({ title: '手机号绑定失败，可在资料页重新绑定', icon: 'none' }))
      // A visitor from an activity's share link goes back to it, now a member who can sign up.
      if (activityId) Taro.redirectTo({ url: `/activity/pages/detail/index?id=${activityId}`, success: () => void Taro.showToast({ title: '欢迎加入', icon: 'success' }) })
      // A toast shown before switching tabs is dismissed by the switch; show it on arrival.
      else Taro.switchTab({ url: '/pages/card/index', success: () => void Taro.showToast({ title: '欢迎加入', icon: 'success' }) })
    } catch (error) {
      unreported.current.push(consent)
      const cloudError = error as CloudError
      setFieldErrors(byField(cloudError.fields))
      Taro.showToast({ title: cloudError.message, icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='join-page'>
      {info?.storeName ? (
        <Text className='join-page__scene' data-testid='join-scene'>
          扫码来自 {info.storeName}
          {info.referred ? ' · 好友推荐' : ''}
        </Text>
      ) : null}
      <Text className='join-page__intro'>填写资料，立即领取会员卡</Text>
      {privacyDeclined && (
        <Text className='join-page__privacy' data-testid='join-privacy-declined'>
          未同意隐私保护指引也可以领取会员卡：将使用默认头像、不绑定手机号，之后可在「个人资料」中补充
        </Text>
      )}
      <View className='join-form'>
        <MemberFields
          avatarPreview={avatar?.preview ?? null}
          onAvatar={(fileId, preview) => setAvatar({ fileId, preview })}
          name={name}
          onName={setName}
          nameError={fieldErrors.name}
          nameTestId='join-name'
          gender={gender}
          onGender={setGender}
        />
        <View className='join-form__row'>
          <Text className='join-form__label'>生日</Text>
          <Picker mode='date' value={birthday || '1995-01-01'} start={EARLIEST_DATE} end={localDate(new Date())} onChange={(e) => setBirthday(String(e.detail.value))}>
            <View className={`join-form__picker ${birthday ? '' : 'join-form__picker--empty'}`} data-testid='join-birthday'>
              {birthday || '请选择生日'}
            </View>
          </Picker>
        </View>
        {fieldErrors.birthday && <Text className='join-form__error'>{fieldErrors.birthday}</Text>}
        <View className='join-form__row'>
          <Text className='join-form__label'>手机</Text>
          {phoneCode ? <Text className='join-form__value'>已授权，加入后绑定</Text> : <PhoneField bound={false} onCode={setPhoneCode} />}
        </View>
        {fieldErrors.scene && <Text className='join-form__error'>{fieldErrors.scene}</Text>}
        <Text className='join-form__note'>生日设置后不可自行修改，用于发放生日礼遇；手机号选填</Text>
      </View>
      <View className='join-page__submit'>
        <Button type='primary' block loading={submitting} disabled={submitting} onClick={submit} data-testid='join-submit'>
          领取会员卡
        </Button>
      </View>
      <PrivacyDialog />
    </View>
  )
}

async function reportAll(consents: Consent[]) {
  for (const consent of consents) await reportConsent(consent)
}

/** An activity's share link sends a visitor here with `?activity=`; an id the contract would refuse is dropped rather than failing the join. */
function activityOf(param: string | undefined): string | undefined {
  return param && /^[A-Za-z0-9_-]{1,40}$/.test(param) ? param : undefined
}

function byField(fields: FieldIssue[] | undefined): Record<string, string> {
  return Object.fromEntries((fields ?? []).map((field) => [field.path, field.message]))
}
