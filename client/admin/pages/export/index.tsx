// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { toShopDateTime } from '@contract/activityFields'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { ExportForm } from '../../components/staff/ExportForm'
import { ExportJobCard } from '../../components/staff/ExportJobCard'
import { useExports } from '../../hooks/useExports'

export default function ExportPage() {
  return <RoleGate area='export'>{() => <DataExport />}</RoleGate>
}

export function DataExport() {
  const exports = useExports()
  const today = toShopDateTime(new Date()).slice(0, 10)
  usePullDownRefresh(async () => {
    await exports.recent.reload()
    Taro.stopPullDownRefresh()
  })
  const { job, recent } = exports
  const others = (recent.data ?? []).filter((each) => each.id !== job?.id)

  return (
    <View className='ws-screen' data-testid='data-export'>
      {job ? (
        <View className='admin-list'>
          <ExportJobCard job={job} testId='export-current'>
            {job.status !== 'running' && (
              <Button size='small' fill='outline' onClick={exports.dismiss} data-testid='export-again'>
                {job.status === 'failed' ? '重新导出' : '再导出一份'}
              </Button>
            )}
          </ExportJobCard>
          {job.status === 'running' && (
            <Text className='ws-note'>{exports.pollProblem ? `暂时无法获取进度（${exports.pollProblem}），正在重试…` : '导出在服务器上进行，离开本页不会中断，可稍后回来下载。'}</Text>
          )}
        </View>
      ) : (
        <ExportForm today={today} busy={exports.starting} fieldErrors={exports.fieldErrors} onStart={(request) => void exports.start(request)} />
      )}
      <Text className='ws-section'>最近的导出</Text>
      {recent.status === 'loading' && <LoadingView />}
      {recent.status === 'error' && <ErrorView message={recent.error.message} onRetry={recent.reload} />}
      {recent.status === 'ready' && others.length === 0 && <Text className='ws-note'>还没有其他导出；导出的文件会在这里保留下载链接。</Text>}
      {others.map((each) => (
        <ExportJobCard key={each.id} job={each} testId='export-row'>
          {each.status === 'running' && (
            <Button size='small' fill='outline' onClick={() => exports.follow(each)} data-testid='export-follow'>
              查看进度
            </Button>
          )}
        </ExportJobCard>
      ))}
    </View>
  )
}
