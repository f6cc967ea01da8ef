import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_LABELS, type Role } from '@contract/roles'
import type { StaffEntry, Store } from '@contract/staff'
import { ROLE_CACHE_SECONDS } from '@contract/workspaceFields'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import type { QueryState } from '../../../hooks/useCloudQuery'
// The service desk's bottom sheet and chips: one look for every staff sheet.
import { ChoiceChips } from '../ticket/ChoiceChips'
import { Sheet } from '../ticket/Sheet'
import './staff.scss'

const TAKES_EFFECT = `保存后 ${ROLE_CACHE_SECONDS} 秒内在该员工的所有设备上生效。`

interface PickSheetProps<K extends string> {
  title: string
  options: { key: K; label: string }[]
  current: K | null
  busy: boolean
  onSave: (key: K) => Promise<unknown>
  onClose: () => void
  testId: string
}

function PickSheet<K extends string>({ title, options, current, busy, onSave, onClose, testId }: PickSheetProps<K>) {
  const [picked, setPicked] = useState<K | null>(current)
  return (
    <Sheet title={title} text={TAKES_EFFECT} busy={busy} onClose={onClose} testId={testId}>
      <ChoiceChips options={options} value={picked} onChange={setPicked} testId={`${testId}-option`} />
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy || picked === null || picked === current} onClick={() => picked && void onSave(picked)} data-testid={`${testId}-save`}>
          保存
        </Button>
      </View>
    </Sheet>
  )
}

/** 调整岗位: only the roles the caller may hand out (grantableRoles). */
export function RoleSheet({ entry, roles, busy, onSave, onClose }: { entry: StaffEntry; roles: readonly Role[]; busy: boolean; onSave: (role: Role) => Promise<unknown>; onClose: () => void }) {
  return (
    <PickSheet
      title={`调整「${entry.name}」的岗位`}
      options={roles.map((role) => ({ key: role, label: ROLE_LABELS[role] }))}
      current={entry.role}
      busy={busy}
      onSave={onSave}
      onClose={onClose}
      testId='role-sheet'
    />
  )
}

/** 调整门店: the open stores. */
export function StoreSheet({
  entry,
  stores,
  busy,
  onSave,
  onClose,
}: {
  entry: StaffEntry
  stores: QueryState<Store[]> & { reload: () => void }
  busy: boolean
  onSave: (storeId: string) => Promise<unknown>
  onClose: () => void
}) {
  if (stores.status !== 'ready')
    return (
      <Sheet title={`调整「${entry.name}」的门店`} busy={false} onClose={onClose} testId='store-sheet'>
        {stores.status === 'loading' ? <LoadingView /> : <ErrorView message={stores.error?.message ?? ''} onRetry={stores.reload} />}
      </Sheet>
    )
  const options = stores.data.map((store) => ({ key: store.id, label: store.name }))
  return <PickSheet title={`调整「${entry.name}」的门店`} options={options} current={entry.storeId} busy={busy} onSave={onSave} onClose={onClose} testId='store-sheet' />
}

/**
 * The second confirmation of a transfer: the owner types the colleague's name, which the server
 * checks again (confirmName), so a slip of the finger on the wrong row cannot hand the shop away.
 */
export function TransferSheet({
  entry,
  busy,
  serverError,
  onConfirm,
  onClose,
}: {
  entry: StaffEntry
  busy: boolean
  serverError?: string
  onConfirm: (typedName: string) => void
  onClose: () => void
}) {
  const [typed, setTyped] = useState('')
  const matches = typed.trim() === entry.name
  return (
    <Sheet title='再次确认转让店主' text={`请输入「${entry.name}」以确认。转让后对方成为店主，你将成为管理员；此操作不能由你撤回。`} busy={busy} onClose={onClose} testId='transfer-sheet'>
      <Input className='ws-name-input' placeholder={entry.name} value={typed} onInput={(event) => setTyped(event.detail.value)} data-testid='transfer-name' />
      {typed.trim() !== '' && !matches && <Text className='ws-error'>输入的姓名与「{entry.name}」不一致</Text>}
      {serverError && <Text className='ws-error'>{serverError}</Text>}
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy || !matches} onClick={() => onConfirm(typed.trim())} data-testid='transfer-confirm'>
          确认转让
        </Button>
      </View>
    </Sheet>
  )
}
