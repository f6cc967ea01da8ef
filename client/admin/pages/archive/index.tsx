// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { roleMayCall } from '@contract/access'
import { formatPoints } from '@contract/format'
import type { Role } from '@contract/roles'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { openPage } from '../../../services/navigate'
import { allows } from '../../access'
import { ArchiveHeader } from '../../components/archive/ArchiveHeader'
import { BirthdaySheet } from '../../components/archive/BirthdaySheet'
import { NotesSection } from '../../components/archive/NotesSection'
import { ProfileSection } from '../../components/archive/ProfileSection'
import { CouponsSection, OrdersSection, PointsSection } from '../../components/archive/RecordSections'
import { RemoveSheet } from '../../components/archive/RemoveSheet'
import { ActivitiesSection, TicketsSection } from '../../components/archive/ServiceSections'
import { RoleGate } from '../../components/RoleGate'
import { useMemberArchive } from '../../hooks/useMemberArchive'
import '../../components/archive/archive.scss'

type ArchiveTab = 'profile' | 'points' | 'orders' | 'coupons' | 'activities' | 'tickets' | 'notes'
/** Two characters each, so seven fit across a phone. */
const TABS: TabOption<ArchiveTab>[] = [
  { key: 'profile', label: '资料' },
  { key: 'points', label: '积分' },
  { key: 'orders', label: '消费' },
  { key: 'coupons', label: '卡券' },
  { key: 'activities', label: '活动' },
  { key: 'tickets', label: '工单' },
  { key: 'notes', label: '备注' },
]

/** `?cardNo=`: one member whole, from 会员查询. */
export default function ArchivePage() {
  const cardNo = useRouter().params.cardNo ?? ''
  return <RoleGate area='archive'>{(role) => (cardNo ? <MemberArchiveView cardNo={cardNo} role={role} /> : <Text className='admin-hint'>请从会员查询打开会员档案</Text>)}</RoleGate>
}

export function MemberArchiveView({ cardNo, role }: { cardNo: string; role: Role }) {
  const member = useMemberArchive(cardNo)
  const [tab, setTab] = useState<ArchiveTab>('profile')
  const [sheet, setSheet] = useState<'birthday' | 'remove' | null>(null)
  usePullDownRefresh(async () => {
    await member.reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (tab === 'points') void member.ledger.loadMore()
    if (tab === 'orders') void member.orders.loadMore()
  })

  const { archive } = member
  if (member.status === 'loading') return <LoadingView />
  if (member.status === 'error' || !archive) return <ErrorView message={member.error?.message ?? ''} onRetry={member.reload} />
  const open = !archive.removed
  const mayEditBirthday = open && roleMayCall(role, 'member', 'setBirthday')
  const mayRemove = open && roleMayCall(role, 'member', 'removeMember')

  function choose(next: ArchiveTab) {
    setTab(next)
    // Each tab starts at its top: the page keeps one scroll position for all of them.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  async function remove(reason: string) {
    const erased = await member.remove(reason)
    if (!erased) return false
    const title = erased.already ? '该会员此前已注销' : `已注销，作废 ${formatPoints(erased.forfeitedPoints)} 积分`
    void Taro.showToast({ title, icon: erased.already ? 'none' : 'success' })
    // Up to the header and the notice that say the member is erased.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
    return true
  }

  return (
    <View className='archive-page' data-testid='member-archive'>
      <ArchiveHeader archive={archive} role={role} />
      <FilterTabs options={TABS} value={tab} onChange={choose} sticky />
      {tab === 'profile' && (
        <ProfileSection archive={archive} role={role} onBirthday={mayEditBirthday ? () => setSheet('birthday') : undefined} onRemove={mayRemove ? () => setSheet('remove') : undefined} />
      )}
      {tab === 'points' && <PointsSection archive={archive} ledger={member.ledger} />}
      {tab === 'orders' && <OrdersSection archive={archive} orders={member.orders} />}
      {tab === 'coupons' && <CouponsSection archive={archive} />}
      {tab === 'activities' && <ActivitiesSection signups={archive.activities} />}
      {tab === 'tickets' && <TicketsSection tickets={archive.tickets} onOpen={allows(role, 'tickets') ? (ticket) => void openPage(`/admin/pages/ticket/index?id=${ticket.id}`) : undefined} />}
      {tab === 'notes' && (
        <NotesSection
          notes={archive.notes}
          onAdd={open && roleMayCall(role, 'member', 'addNote') ? member.addNote : undefined}
          busy={member.busy === 'note'}
          locked={member.busy !== null}
          serverError={member.errorOf('note', 'text')}
        />
      )}
      <Text className='archive-audit'>会员资料仅用于服务会员，每次查看都会记入操作日志</Text>
      {sheet === 'birthday' && (
        <BirthdaySheet
          current={archive.birthday}
          busy={member.busy === 'birthday'}
          serverErrorAt={(path) => member.errorOf('birthday', path)}
          onSubmit={async (birthday, reason) => {
            const changed = await member.setBirthday(birthday, reason)
            if (changed) void Taro.showToast({ title: '生日已修改', icon: 'success' })
            return changed
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'remove' && <RemoveSheet archive={archive} busy={member.busy === 'remove'} serverError={member.errorOf('remove', 'reason')} onSubmit={remove} onClose={() => setSheet(null)} />}
    </View>
  )
}
