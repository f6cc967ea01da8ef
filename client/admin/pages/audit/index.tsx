// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { toShopDateTime } from '@contract/activityFields'
import { formatDateTime } from '@contract/format'
import { AUDIT_ACTION_LABELS } from '@contract/auditLabels'
import { ListFooter } from '../../../components/LedgerList'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { callCloud } from '../../../services/cloud'
import { RoleGate } from '../../components/RoleGate'
import { AuditFilters } from '../../components/staff/AuditFilters'
import { NO_AUDIT_FILTER, useAuditLog, type AuditFilter } from '../../hooks/useAuditLog'

const ACTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([key, label]) => ({ key, label }))

export default function AuditPage() {
  return <RoleGate area='audit'>{() => <AuditLog />}</RoleGate>
}

export function AuditLog() {
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER)
  const log = useAuditLog(filter)
  const staff = useCloudQuery(() => callCloud('staff', 'list', {}))
  const today = toShopDateTime(new Date()).slice(0, 10)
  usePullDownRefresh(async () => {
    await log.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void log.loadMore())
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_AUDIT_FILTER)

  return (
    <View className='ws-screen' data-testid='audit-log'>
      <AuditFilters filter={filter} onChange={setFilter} staff={staff.data ?? []} actions={ACTIONS} today={today} />
      {log.status === 'loading' && <LoadingView />}
      {log.status === 'error' && <ErrorView message={log.error?.message ?? ''} onRetry={log.retry} />}
      {log.status === 'ready' && log.items.length === 0 && (
        <EmptyView title={filtered ? '没有符合条件的记录' : '还没有操作记录'} description={filtered ? '换个筛选条件试试' : '员工的每一次操作都会记录在这里'} />
      )}
      {log.status === 'ready' && log.items.length > 0 && (
        <>
          <View className='ws-entries'>
            {log.items.map((entry) => (
              <View key={entry.id} className='ws-entry' data-testid='audit-entry'>
                <Text className='ws-entry__text'>{entry.text}</Text>
                <Text className='ws-entry__meta'>
                  {formatDateTime(entry.at)}
                  {entry.actorRole ? ` · ${entry.actorRole}` : ''}
                  {entry.memberCardNo ? ` · 卡号 ${entry.memberCardNo}` : ''}
                </Text>
              </View>
            ))}
          </View>
          <ListFooter loadingMore={log.loadingMore} hasMore={log.hasMore} />
        </>
      )}
    </View>
  )
}
