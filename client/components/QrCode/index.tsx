import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import './index.scss'

/**
 * A QR code drawn on the phone: qrcode-generator computes the matrix and encodes it as a tiny GIF
 * data URL, which `<Image>` shows the same in WeChat and H5 (no canvas, a few KB of code).
 */
export function QrCode({ value, size = 400 /* design px (750 wide) */, className = '', onClick }: { value: string; size?: number; className?: string; onClick?: () => void }) {
  const src = useMemo(() => {
    const code = qrcode(0, 'M')
    code.addData(value, 'Byte')
    code.make()
    return code.createDataURL(8, 2)
  }, [value])
  return <Image className={`qr-code ${className}`} src={src} style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }} mode='aspectFit' onClick={onClick} data-testid='qr-code' />
}
