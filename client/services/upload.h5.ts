import Taro from '@tarojs/taro'
import { ensurePrivacyAuthorized } from './privacy'
import type { PickedImage } from './upload'

/**
 * Local H5 build only: there is no chooseAvatar button or cloud storage in a browser, so a tap
 * opens the file picker and the image goes to the dev server, which answers a `cloud://` file ID.
 */
export async function pickAvatarOnTap(): Promise<string | null> {
  // As WeChat's chooseAvatar does, the privacy agreement comes first; declining keeps the default avatar.
  if (!(await ensurePrivacyAuthorized())) return null
  try {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] })
    return tempFilePaths[0] ?? null
  } catch {
    return null
  }
}

export function uploadAvatar(tempFilePath: string): Promise<string> {
  return uploadImage(tempFilePath, 'avatars')
}

/** The browser's file picker, as in the mini-program's album. */
export async function pickImage(): Promise<PickedImage | null> {
  try {
    const { tempFiles } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] })
    const [file] = tempFiles
    return file ? { path: file.path, bytes: file.size } : null
  } catch {
    return null
  }
}

/** The dev server names the file inside `folder`, as `cloudPath` does in the mini-program. */
export async function uploadImage(tempFilePath: string, folder: string): Promise<string> {
  const blob = await (await fetch(tempFilePath)).blob()
  const extension = blob.type.replace(/^image\//, '').replace('jpeg', 'jpg') || 'png'
  const response = await fetch(`/api/dev/upload?ext=${encodeURIComponent(extension)}&folder=${encodeURIComponent(folder)}`, { method: 'POST', body: blob })
  if (!response.ok) throw new Error(`upload failed: ${response.status}`)
  return ((await response.json()) as { fileID: string }).fileID
}
