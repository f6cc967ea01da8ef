import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatCardNo, formatPoints } from '@contract/format'
import type { MemberCard } from '@contract/member'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { useCloudQuery } from '../../../hooks/useCloudQuery'
import { useMember } from '../../../hooks/useMember'
import { useSubmit } from '../../../hooks/useSubmit'
import { callCloud } from '../../../services/cloud'
import '../../components/account.scss'

export default function ErasePage() {
  const member = useMember()
  if (member.status === 'loading') return <LoadingView />
  if (member.status === 'error') return <ErrorView message={member.error.message} onRetry={member.reload} />
  if (!member.member) return <EmptyView title='您还不是会员' description='没有需要注销的会员资料' />
  return <EraseForm card={member.member} />
}

/**
 * 注销会员: what erasing takes away, said with the member's own figures; a checkbox that they have
 * read it, then a second confirmation. Afterwards the card tab asks them to join again.
 */
export function EraseForm({ card }: { card: MemberCard }) {
  const wallet = useCloudQuery(() => callCloud('coupons', 'wallet', { status: 'available' }))
  const [understood, setUnderstood] = useState(false)
  const submit = useSubmit()
  const coupons = wallet.data?.counts.available

  async function erase() {
    if (!understood) return
    const lost = [`${formatPoints(card.pointsBalance)} 积分`, coupons ? `${coupons} 张优惠券` : null].filter(Boolean).join('和 ')
    const { confirm } = await Taro.showModal({
      title: '确认注销会员？',
      content: `注销后您的个人信息将被删除，${lost}将作废，且无法恢复。`,
      confirmText: '确认注销',
      confirmColor: '#e5484d',
    })
    if (!confirm) return
    const erased = await submit.run(() => callCloud('member', 'erase', { confirm: true }))
    if (!erased) return
    // A toast shown before switching tabs is dismissed by the switch; show it on arrival.
    void Taro.switchTab({ url: '/pages/card/index', success: () => void Taro.showToast({ title: '会员已注销', icon: 'success' }) })
  }

  return (
    <View className='account-page' data-testid='erase'>
      <View className='account-card'>
        <Text className='account-card__title'>注销后将会</Text>
        <View className='account-facts' data-testid='erase-consequences'>
          <Fact>姓名、手机号、生日、头像和标签等个人信息被删除（匿名化），员工也无法再查看</Fact>
          <Fact>
            当前{' '}
            <Text className='account-fact__figure' data-testid='erase-points'>
              {formatPoints(card.pointsBalance)}
            </Text>{' '}
            积分全部作废，不可兑换或抵扣
          </Fact>
          <Fact>
            {coupons === undefined ? (
              '未使用的优惠券全部作废'
            ) : coupons > 0 ? (
              <>
                未使用的 <Text className='account-fact__figure'>{coupons}</Text> 张优惠券全部作废
              </>
            ) : (
              '您目前没有未使用的优惠券'
            )}
          </Fact>
          <Fact>已报名的活动全部取消报名</Fact>
          <Fact>会员卡 {formatCardNo(card.cardNo)} 作废且无法恢复；之后再次加入将是一张新的会员卡，积分与等级从头开始</Fact>
        </View>
        <Text className='account-card__text'>为依法对账，积分流水与消费记录会保留，但不再与您的身份关联。</Text>
      </View>
      <View className='account-check' onClick={() => setUnderstood(!understood)} data-testid='erase-understood'>
        <Text className={`account-check__box ${understood ? 'account-check__box--on' : ''}`}>{understood ? '✓' : ''}</Text>
        <Text>我已阅读并了解以上后果</Text>
      </View>
      <Button type='danger' block loading={submit.busy} disabled={!understood || submit.busy} onClick={() => void erase()} data-testid='erase-submit'>
        注销会员
      </Button>
      <Text className='account-note'>如只是不想收到消息，可在「我的 › 消息订阅」中关闭，无需注销。</Text>
    </View>
  )
}

function Fact({ children }: { children: ReactNode }) {
  return (
    <View className='account-fact'>
      <Text className='account-fact__mark'>•</Text>
      <Text>{children}</Text>
    </View>
  )
}
