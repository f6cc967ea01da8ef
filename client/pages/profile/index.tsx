import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Gender } from '@contract/enums'
import { MEMBER_NAME, textProblem } from '@contract/fields'
import type { MemberCard } from '@contract/member'
import type { CloudError } from '../../services/cloud'
import { PrivacyDialog } from '../../components/PrivacyDialog'
import { ErrorView, LoadingView } from '../../components/StatusView'
import { useMember } from '../../hooks/useMember'
import { formatCardNo, formatDate } from '@contract/format'
import { MemberFields } from '../join/MemberFields'
import { PhoneField } from '../join/PhoneField'
import '../join/index.scss'
import './index.scss'

export default function ProfilePage() {
  const { status, member, error, reload, updateProfile, bindPhone } = useMember()
  if (status === 'loading') return <LoadingView />
  if (status === 'error') return <ErrorView message={error.message} onRetry={reload} />
  if (!member) return <ErrorView message='您还不是会员，请先加入' onRetry={() => Taro.redirectTo({ url: '/pages/join/index' })} />
  return <ProfileForm member={member} updateProfile={updateProfile} bindPhone={bindPhone} />
}

type MemberActions = Pick<ReturnType<typeof useMember>, 'updateProfile' | 'bindPhone'>

function ProfileForm({ member, updateProfile, bindPhone }: { member: MemberCard } & MemberActions) {
  const [name, setName] = useState(member.name)
  const [gender, setGender] = useState<Gender>(member.gender)
  const [avatar, setAvatar] = useState<{ fileId: string; preview: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const [binding, setBinding] = useState(false)

  const changed = name.trim() !== member.name || gender !== member.gender || avatar !== null
  const nameError = textProblem(name, MEMBER_NAME)

  async function run(action: () => Promise<unknown>, done: string, setBusy: (busy: boolean) => void) {
    setBusy(true)
    try {
      await action()
      Taro.showToast({ title: done, icon: 'success' })
    } catch (failure) {
      Taro.showToast({ title: (failure as CloudError).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const save = () =>
    run(
      async () => {
        await updateProfile({ name: name.trim(), gender, ...(avatar ? { avatarFileId: avatar.fileId } : {}) })
        setAvatar(null)
      },
      '已保存',
      setSaving,
    )

  return (
    <View className='profile-page'>
      <View className='join-form'>
        <MemberFields
          avatarPreview={avatar?.preview ?? member.avatarUrl}
          onAvatar={(fileId, preview) => setAvatar({ fileId, preview })}
          name={name}
          onName={setName}
          nameError={nameError}
          nameTestId='profile-name'
          gender={gender}
          onGender={setGender}
        />
        <View className='join-form__row'>
          <Text className='join-form__label'>生日</Text>
          <Text className='join-form__value' data-testid='profile-birthday'>
            {member.birthday ? formatDate(member.birthday) : '未设置'}
          </Text>
        </View>
        <View className='join-form__row'>
          <Text className='join-form__label'>手机</Text>
          <PhoneField bound={member.phoneBound} busy={binding} onCode={(code) => void run(() => bindPhone(code), '手机号已绑定', setBinding)} />
        </View>
        <View className='join-form__row'>
          <Text className='join-form__label'>卡号</Text>
          <Text className='join-form__value'>{formatCardNo(member.cardNo)}</Text>
        </View>
        <Text className='join-form__note'>生日设置后不可自行修改，如需更正请联系门店</Text>
      </View>
      <View className='join-page__submit'>
        <Button type='primary' block loading={saving} disabled={saving || !changed || nameError !== null} onClick={save} data-testid='profile-save'>
          保存
        </Button>
      </View>
      {/* The avatar, nickname and phone fields ask for the privacy agreement when tapped. */}
      <PrivacyDialog />
    </View>
  )
}
