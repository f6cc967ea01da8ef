// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Store } from '@contract/staff'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { StoreCard } from '../../components/staff/StoreCard'
import { StoreForm } from '../../components/staff/StoreForm'
import { StoreJoinCode } from '../../components/staff/StoreJoinCode'
import { useStores, type StoreDraft } from '../../hooks/useStores'
import { confirmDialog } from '../../validation'

type Screen = { kind: 'list' } | { kind: 'edit'; store: Store | null } | { kind: 'joinCode'; store: Store }

export default function StoresPage() {
  return <RoleGate area='stores'>{() => <StoresAdmin />}</RoleGate>
}

export function StoresAdmin() {
  const stores = useStores()
  const [screen, setScreen] = useState<Screen>({ kind: 'list' })
  usePullDownRefresh(async () => {
    await stores.list.reload()
    Taro.stopPullDownRefresh()
  })

  function edit(store: Store | null) {
    stores.clearFieldErrors()
    setScreen({ kind: 'edit', store })
  }

  async function save(store: Store | null, draft: StoreDraft) {
    if (await stores.save(store?.id ?? null, draft)) {
      Taro.showToast({ title: '已保存', icon: 'success' })
      setScreen({ kind: 'list' })
    }
  }

  async function close(store: Store) {
    const staffWord = store.staffCount > 0 ? `该店还有 ${store.staffCount} 名员工，可在员工管理中调整其门店。` : ''
    if (!(await confirmDialog('关闭门店', `关闭后「${store.name}」的入会二维码不再接待新会员，收银台也不能再记入该店；历史记录保留，可随时重新营业。${staffWord}`, '关闭门店'))) return
    if (await stores.close(store)) Taro.showToast({ title: '已关闭', icon: 'success' })
  }

  async function reopen(store: Store) {
    if (!(await confirmDialog('重新营业', `「${store.name}」将重新营业，入会二维码恢复接待新会员`, '重新营业'))) return
    if (await stores.reopen(store)) Taro.showToast({ title: '已重新营业', icon: 'success' })
  }

  if (screen.kind === 'edit')
    return (
      <StoreForm
        key={screen.store?.id ?? 'new'}
        store={screen.store}
        fieldErrors={stores.fieldErrors}
        busy={stores.busy}
        onSave={(draft) => save(screen.store, draft)}
        onCancel={() => setScreen({ kind: 'list' })}
      />
    )
  if (screen.kind === 'joinCode') return <StoreJoinCode store={screen.store} onBack={() => setScreen({ kind: 'list' })} />
  const { list } = stores
  if (list.status === 'loading') return <LoadingView />
  if (list.status === 'error') return <ErrorView message={list.error.message} onRetry={list.reload} />
  return (
    <View className='admin-list' data-testid='stores-admin'>
      <View className='admin-actions'>
        <Button type='primary' block onClick={() => edit(null)} data-testid='store-new'>
          新增门店
        </Button>
      </View>
      {list.data.length === 0 && <EmptyView title='还没有门店' description='新增门店后，可生成该店的入会二维码' />}
      {list.data.map((store) => (
        <StoreCard key={store.id} store={store}>
          <Button size='small' fill='outline' onClick={() => edit(store)} data-testid='store-edit'>
            编辑
          </Button>
          {store.closed ? (
            <Button size='small' fill='outline' disabled={stores.busy} onClick={() => reopen(store)} data-testid='store-reopen'>
              重新营业
            </Button>
          ) : (
            <>
              <Button size='small' type='primary' onClick={() => setScreen({ kind: 'joinCode', store })} data-testid='store-join-code-open'>
                入会二维码
              </Button>
              <Button size='small' fill='none' className='ws-danger' disabled={stores.busy} onClick={() => close(store)} data-testid='store-close'>
                关闭门店
              </Button>
            </>
          )}
        </StoreCard>
      ))}
    </View>
  )
}
