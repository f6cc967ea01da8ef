import { View, Text, Input } from '@tarojs/components'
import type { Gender } from '@contract/enums'
import { MEMBER_NAME } from '@contract/fields'
import { GenderChips } from '../../components/GenderChips'
import { AvatarPicker } from './AvatarPicker'

interface MemberFieldsProps {
  avatarPreview: string | null
  onAvatar: (fileId: string, preview: string) => void
  name: string
  onName: (name: string) => void
  nameError?: string | null
  nameTestId: string
  gender: Gender | ''
  onGender: (gender: Gender) => void
}

/** What a member fills in on joining and edits on the profile page: avatar, name, gender. */
export function MemberFields({ avatarPreview, onAvatar, name, onName, nameError, nameTestId, gender, onGender }: MemberFieldsProps) {
  return (
    <>
      <View className='join-form__row'>
        <Text className='join-form__label'>头像</Text>
        <AvatarPicker preview={avatarPreview} onUploaded={onAvatar} />
      </View>
      <View className='join-form__row'>
        <Text className='join-form__label'>姓名</Text>
        {/* WeChat fills a nickname on blur without an input event, so both are listened to. */}
        <Input
          className='join-form__input'
          type='nickname'
          placeholder='请输入姓名或昵称'
          maxlength={MEMBER_NAME.max}
          value={name}
          onInput={(e) => onName(e.detail.value)}
          onBlur={(e) => onName(e.detail.value)}
          data-testid={nameTestId}
        />
      </View>
      {nameError && <Text className='join-form__error'>{nameError}</Text>}
      <View className='join-form__row'>
        <Text className='join-form__label'>性别</Text>
        <GenderChips value={gender} onChange={onGender} />
      </View>
    </>
  )
}
