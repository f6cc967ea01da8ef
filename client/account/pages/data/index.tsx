import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MyDataFile } from '@contract/archive'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import { DataFileActions } from '../../components/DataFileActions'
import '../../components/account.scss'

const CONTENTS = '个人资料、积分流水、消费记录、优惠券、活动报名和投诉反馈'

/** 我的数据: the member's own data as one file, made on request and handed over by a temporary link. */
export default function MyDataPage() {
  const submit = useSubmit()
  const [file, setFile] = useState<MyDataFile | null>(null)

  async function make() {
    const made = await submit.run(() => callCloud('member', 'myData', {}))
    if (made) setFile(made)
  }

  return (
    <View className='account-page' data-testid='my-data'>
      <View className='account-card'>
        <Text className='account-card__title'>下载我的数据</Text>
        <Text className='account-card__text'>文件包含您在本店的{CONTENTS}，为 JSON 格式，可用记事本或浏览器打开。下载链接为临时链接，过期后请重新生成。</Text>
        <Button type='primary' block loading={submit.busy} disabled={submit.busy} onClick={make} data-testid='my-data-make'>
          {file ? '重新生成' : '生成我的数据'}
        </Button>
      </View>
      {file && (
        <View className='account-card account-file' data-testid='my-data-file'>
          <Text className='account-file__name'>{file.fileName}</Text>
          <Text className='account-file__meta'>{sizeText(file.bytes)} · 链接临时有效</Text>
          <DataFileActions file={file} />
        </View>
      )}
    </View>
  )
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
