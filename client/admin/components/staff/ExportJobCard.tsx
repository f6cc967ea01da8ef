import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { formatDate, formatDateTime, formatPercent, groupDigits } from '@contract/format'
import type { ExportJob } from '@contract/staff'
import type { ExportStatus } from '@contract/workspaceFields'
import { ExportDownload } from './ExportDownload'
import './staff.scss'

const TAG: Record<ExportStatus, string> = { running: 'ws-tag--blue', done: 'ws-tag--green', failed: 'ws-tag--red' }

/** One export: what it covers, how far it has got (a bar while running), and its file once done. */
export function ExportJobCard({ job, testId, children }: { job: ExportJob; testId: string; children?: ReactNode }) {
  return (
    <View className='ws-card' data-testid={testId}>
      <View className='ws-card__head'>
        <Text className='ws-card__title'>{job.kindLabel}</Text>
        <Text className={`ws-tag ${TAG[job.status]}`} data-testid={`${testId}-status`}>
          {job.statusLabel}
        </Text>
      </View>
      <Text className='ws-card__line'>
        {formatDate(job.from)} 至 {formatDate(job.to)} · {job.fullPhone ? '完整手机号' : '手机号已隐藏'}
      </Text>
      {job.status === 'running' && (
        <>
          <View className='ws-progress'>
            <View className='ws-progress__bar' style={{ width: `${Math.round(Math.min(1, Math.max(0, job.progress)) * 100)}%` }} data-testid={`${testId}-bar`} />
          </View>
          <Text className='ws-card__meta' data-testid={`${testId}-progress`}>
            已导出 {groupDigits(job.rows)} / {groupDigits(job.total)} 行（{formatPercent(job.progress)}）
          </Text>
        </>
      )}
      {job.status === 'done' && (
        <Text className='ws-card__meta'>
          共 {groupDigits(job.rows)} 行 · {job.finishedAt ? `${formatDateTime(job.finishedAt)} 完成` : ''}
        </Text>
      )}
      {job.status === 'done' && job.url && <ExportDownload url={job.url} fileName={job.fileName} />}
      {job.status === 'done' && !job.url && <Text className='ws-card__meta'>下载链接已过期，请重新导出</Text>}
      {job.status === 'failed' && <Text className='ws-error'>{job.error ?? '导出失败，请重试'}</Text>}
      {job.status !== 'running' && <Text className='ws-card__meta'>{formatDateTime(job.createdAt)} 发起</Text>}
      {children && <View className='ws-card__actions'>{children}</View>}
    </View>
  )
}
