import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image, Button } from '@tarojs/components'
import { pickAvatarOnTap, uploadAvatar } from '../../services/upload'

/**
 * The avatar: WeChat's chooseAvatar button (its event brings the file); in the local H5 build a tap
 * opens the file picker instead (services/upload.h5.ts). Answers the uploaded `cloud://` file ID.
 */
export function AvatarPicker({ preview, onUploaded }: { preview: string | null; onUploaded: (fileId: string, localPath: string) => void }) {
  const [uploading, setUploading] = useState(false)

  async function upload(path: string | null) {
    if (!path) return
    setUploading(true)
    try {
      onUploaded(await uploadAvatar(path), path)
    } catch {
      Taro.showToast({ title: '头像上传失败，请重试', icon: 'none' })
    } finally {
      setUploading(false)
    }
  }

  async function tap() {
    await upload(await pickAvatarOnTap())
  }

  return (
    <Button
      className='avatar-picker'
      openType='chooseAvatar'
      onChooseAvatar={(e) => void upload((e.detail as { avatarUrl?: string }).avatarUrl ?? null)}
      onClick={() => void tap()}
      data-testid='avatar-picker'
    >
      {preview ? <Image className='avatar-picker__image' src={preview} mode='aspectFill' /> : <View className='avatar-picker__empty'>+</View>}
      <Text className='avatar-picker__label'>{uploading ? '上传中…' : preview ? '更换头像' : '选择头像'}</Text>
    </Button>
  )
}
