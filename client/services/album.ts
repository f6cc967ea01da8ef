import Taro from '@tarojs/taro'

/**
 * A QR code (a join code, an invitation) saved to the phone's album so it can be printed or sent
 * on. The server hands it over as a PNG data URL; the album takes only a file, so it is written to
 * the mini-program's own folder first.
 */
export const SAVE_IMAGE_LABEL = '保存到相册'

export async function saveImageToAlbum(dataUrl: string, name: string): Promise<boolean> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${name.replace(/[^\w-]+/g, '_')}.png`
  try {
    await writeBase64(filePath, dataUrl.replace(/^data:image\/\w+;base64,/, ''))
  } catch {
    void Taro.showToast({ title: '图片保存失败，请重试', icon: 'none' })
    return false
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    return true
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? ''
    if (/cancel/.test(message)) return false
    // Declining the privacy agreement (the page's dialog asked) fails with "privacy ... not authorized": no setting helps.
    if (/privacy/i.test(message)) void Taro.showToast({ title: '同意隐私保护指引后才能保存图片', icon: 'none' })
    else if (/auth|deny|denied|authorize/.test(message)) await askForAlbum()
    else void Taro.showToast({ title: '保存失败，请重试', icon: 'none' })
    return false
  }
}

/**
 * Once refused, WeChat never asks again: only its settings page can grant the album. openSetting
 * must follow a tap, and the modal's 去设置 is one (a toast is not).
 */
async function askForAlbum(): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '无法保存到相册', content: '请在设置中允许「保存到相册」，再点一次保存', confirmText: '去设置', confirmColor: '#c8963e' })
  if (confirm) await Taro.openSetting().catch(() => undefined)
  else void Taro.showToast({ title: '未获得相册权限，图片未保存', icon: 'none' })
}

function writeBase64(filePath: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data, encoding: 'base64', success: () => resolve(), fail: reject })
  })
}
