import Taro from '@tarojs/taro'

/** In a browser (the local H5 build) there is no album: the QR code downloads as a PNG file. */
export const SAVE_IMAGE_LABEL = '下载二维码'

export async function saveImageToAlbum(dataUrl: string, name: string): Promise<boolean> {
  const link = document.createElement('a')
  link.href = dataUrl
  link.download = `${name}.png`
  document.body.appendChild(link)
  link.click()
  link.remove()
  void Taro.showToast({ title: '已开始下载', icon: 'none' })
  return true
}
