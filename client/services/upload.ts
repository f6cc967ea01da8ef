import Taro from '@tarojs/taro'

/**
 * Avatars in the mini-program: `<Button openType='chooseAvatar'>` hands over a temporary file,
 * which goes to cloud storage; the member keeps its `cloud://` file ID.
 */

/** In WeChat the avatar button's own event brings the file, so a plain tap picks nothing. */
export async function pickAvatarOnTap(): Promise<string | null> {
  return null
}

export async function uploadAvatar(tempFilePath: string): Promise<string> {
  const extension = /\.(png|jpe?g|gif|webp)$/i.exec(tempFilePath)?.[1]?.toLowerCase() ?? 'jpg'
  const cloudPath = `avatars/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${extension}`
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })
  return fileID
}
