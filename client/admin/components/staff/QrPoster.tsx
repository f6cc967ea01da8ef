import { useState, type ReactNode } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { SAVE_IMAGE_LABEL, saveImageToAlbum } from '../../../services/album'
import './staff.scss'

interface QrPosterProps {
  title: string
  /** What the code does, under the title. */
  subtitle?: ReactNode
  imageDataUrl: string
  /** The saved file's name (without extension). */
  fileName: string
  children?: ReactNode
  testId: string
}

/** A QR code shown large enough to scan off the screen, with its words and a way to keep it. */
export function QrPoster({ title, subtitle, imageDataUrl, fileName, children, testId }: QrPosterProps) {
  const [saving, setSaving] = useState(false)
  async function save() {
    setSaving(true)
    try {
      await saveImageToAlbum(imageDataUrl, fileName)
    } finally {
      setSaving(false)
    }
  }
  return (
    <View className='ws-poster' data-testid={testId}>
      <Text className='ws-poster__title'>{title}</Text>
      {subtitle && <Text className='ws-poster__subtitle'>{subtitle}</Text>}
      <Image className='ws-poster__qr' src={imageDataUrl} mode='scaleToFill' showMenuByLongpress data-testid={`${testId}-image`} />
      {children}
      <Button type='primary' block loading={saving} disabled={saving} onClick={save} data-testid={`${testId}-save`}>
        {SAVE_IMAGE_LABEL}
      </Button>
    </View>
  )
}
