import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TicketImage } from '@contract/ticket'

/** The ticket's pictures; a tap opens them full screen. A picture whose link could not be made says so. */
export function TicketPictures({ images }: { images: readonly TicketImage[] }) {
  const urls = images.flatMap((image) => (image.url ? [image.url] : []))
  if (images.length === 0) return null
  return (
    <View className='ticket-pictures' data-testid='ticket-pictures'>
      {images.map((image) =>
        image.url ? (
          <Image
            key={image.fileId}
            className='ticket-pictures__item'
            src={image.url}
            mode='aspectFill'
            onClick={() => void Taro.previewImage({ urls, current: image.url as string })}
            data-testid='ticket-picture'
          />
        ) : (
          <View key={image.fileId} className='ticket-pictures__item ticket-pictures__item--gone'>
            <Text>图片已失效</Text>
          </View>
        ),
      )}
    </View>
  )
}

interface PickedProps {
  paths: readonly string[]
  max: number
  errorAt: (index: number) => string | null
  onAdd: () => void
  onRemove: (index: number) => void
}

/** The pictures being attached, each with ×, and the tile that adds one while there is room. */
export function PickedPictures({ paths, max, errorAt, onAdd, onRemove }: PickedProps) {
  return (
    <View className='ticket-pictures'>
      {paths.map((path, index) => (
        <View key={path} className={`ticket-pictures__item ${errorAt(index) ? 'ticket-pictures__item--invalid' : ''}`} data-testid='ticket-image'>
          <Image className='ticket-pictures__image' src={path} mode='aspectFill' />
          <View className='ticket-pictures__remove' onClick={() => onRemove(index)} data-testid='ticket-image-remove'>
            ×
          </View>
        </View>
      ))}
      {paths.length < max && (
        <View className='ticket-pictures__item ticket-pictures__add' onClick={onAdd} data-testid='ticket-add-image'>
          <Text className='ticket-pictures__plus'>+</Text>
          <Text className='ticket-pictures__hint'>{`${paths.length}/${max}`}</Text>
        </View>
      )}
    </View>
  )
}
