import { View, Text } from '@tarojs/components'

/** A finished export in a browser (the local H5 build): the temporary link itself, downloading the CSV. */
export function ExportDownload({ url, fileName }: { url: string; fileName: string }) {
  return (
    <View className='ws-download'>
      <a className='ws-download__link' href={url} download={fileName} target='_blank' rel='noreferrer' data-testid='export-download'>
        下载
      </a>
      <Text className='ws-download__hint'>{fileName}</Text>
    </View>
  )
}
