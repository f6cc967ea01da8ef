import Taro from '@tarojs/taro'

/**
 * Avatars in the mini-program: `<Button openType='chooseAvatar'>` hands over a temporary file,
 * which goes to cloud storage; the member keeps its `cloud://` file ID.
 */

/** In WeChat the avatar button's own event brings the file, so a plain tap picks nothing. */
export async function pickAvatarOnTap(): Promise<string | null> {
  return null
}

export function uploadAvatar(tempFilePath: string): Promise<string> {
  return uploadImage(tempFilePath, 'avatars')
}

export interface PickedImage {
  /** A temporary path the phone can show before the upload. */
  path: string
  bytes: number
}

/** A picture from the album or the camera (a reward's), or null when the person cancels. */
export async function pickImage(): Promise<PickedImage | null> {
  try {
    const { tempFiles } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    const [file] = tempFiles
    return file ? { path: file.path, bytes: file.size } : null
  } catch {
    return null
  }
}

/** Stores a picked picture under `folder/` in cloud storage and answers its `cloud://` file ID. */
export async function uploadImage(tempFilePath: string, folder: string): Promise<string> {
  const extension = /\.(png|jpe?g|gif|webp)$/i.exec(tempFilePath)?.[1]?.toLowerCase() ?? 'jpg'
  const cloudPath = `${folder}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${extension}`
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })
  return fileID
}
