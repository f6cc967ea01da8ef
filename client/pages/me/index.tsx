import { View, Text } from '@tarojs/components'
import { GENDER_LABELS } from '@contract/enums'
import { ROLE_LABELS } from '@contract/roles'
import { ErrorView, LoadingView } from '../../components/StatusView'
import { useMember } from '../../hooks/useMember'
import { useOnReturn } from '../../hooks/useOnReturn'
import { useStaffRole } from '../../hooks/useStaffRole'
import { formatCardNo, formatDate, formatPoints } from '@contract/format'
import { openPage } from '../../services/navigate'
import './index.scss'

const MEMBER_LINKS = [
  { label: '积分明细', url: '/points/pages/history/index', testId: 'me-history' },
  { label: '积分商城', url: '/points/pages/rewards/index', testId: 'me-rewards' },
  { label: '我的券包', url: '/points/pages/wallet/index', testId: 'me-wallet' },
  { label: '我的活动', url: '/activity/pages/mine/index', testId: 'me-activities' },
  { label: '投诉与反馈', url: '/tickets/pages/list/index', testId: 'me-tickets' },
  { label: '个人资料', url: '/pages/profile/index', testId: 'me-profile' },
  { label: '消息订阅', url: '/messages/pages/subscriptions/index', testId: 'me-subscriptions' },
]

export default function MePage() {
  const member = useMember()
  const staff = useStaffRole()
  useOnReturn(() => Promise.all([member.reload(), staff.reload()]))

  if (member.status === 'loading') return <LoadingView />
  if (member.status === 'error') return <ErrorView message={member.error.message} onRetry={member.reload} />
  const card = member.member
  const role = staff.data?.role ?? null
  return (
    <View className='me-page'>
      <View className='me-page__header'>
        <Text className='me-page__name'>{card ? card.name : '访客'}</Text>
        <Text className='me-page__sub'>{card ? `${card.tierName}会员 · ${formatCardNo(card.cardNo)}` : '尚未加入会员'}</Text>
      </View>
      {card && (
        <View className='me-page__list'>
          {MEMBER_LINKS.map((link) => (
            <LinkRow key={link.url} label={link.label} url={link.url} testId={link.testId} />
          ))}
        </View>
      )}
      {card && (
        <View className='me-page__list'>
          <Row label='性别' value={GENDER_LABELS[card.gender]} />
          <Row label='生日' value={card.birthday ? formatDate(card.birthday) : '未设置'} />
          <Row label='入会时间' value={formatDate(card.joinedAt)} />
          <Row label='累计积分' value={formatPoints(card.lifetimePoints)} />
        </View>
      )}
      <View className='me-page__list'>
        <LinkRow label='隐私与数据' url='/account/pages/privacy/index' testId='me-privacy' />
      </View>
      {role && (
        <View className='me-page__list'>
          <Row label='员工身份' value={ROLE_LABELS[role]} />
          <LinkRow label='员工后台' url='/admin/pages/home/index' testId='me-staff' />
        </View>
      )}
    </View>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='me-page__row'>
      <Text className='me-page__label'>{label}</Text>
      <Text className='me-page__value'>{value}</Text>
    </View>
  )
}

function LinkRow({ label, url, testId }: { label: string; url: string; testId: string }) {
  return (
    <View className='me-page__link' data-testid={testId} onClick={() => void openPage(url)}>
      <Text className='me-page__link-label'>{label}</Text>
      <Text className='me-page__chevron'>›</Text>
    </View>
  )
}
