import { View } from '@tarojs/components'
import type { MyDataFile } from '@contract/archive'

/** The member's data file in a browser (the local H5 build): the temporary link itself, downloading the file. */
export function DataFileActions({ file }: { file: MyDataFile }) {
  return (
    <View className='account-file__actions'>
      <a className='account-file__link' href={file.url} download={file.fileName} target='_blank' rel='noreferrer' data-testid='my-data-download'>
        下载文件
      </a>
    </View>
  )
}
