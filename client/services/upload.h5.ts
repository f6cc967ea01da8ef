import Taro from '@tarojs/taro'

/**
 * Local H5 build only: there is no chooseAvatar button or cloud storage in a browser, so a tap
 * opens the file picker and the image goes to the dev server, which answers a `cloud://` file ID.
 */
export async function pickAvatarOnTap(): Promise<string | null> {
  try {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] })
    return tempFilePaths[0] ?? null
  } catch {
    return null
  }
}

export async function uploadAvatar(tempFilePath: string): Promise<string> {
  const blob = await (await fetch(tempFilePath)).blob()
  const extension = blob.type.replace(/^image\//, '').replace('jpeg', 'jpg') || 'png'
  const response = await fetch(`/api/dev/upload?ext=${encodeURIComponent(extension)}`, { method: 'POST', body: blob })
  if (!response.ok) throw new Error(`upload failed: ${response.status}`)
  return ((await response.json()) as { fileID: string }).fileID
}
