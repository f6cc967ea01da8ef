// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { useTill } from '../../../hooks/useTill'
import { MemberPanel } from '../../components/MemberPanel'
import { RoleGate } from '../../components/RoleGate'
import { AccrueForm } from '../../components/till/AccrueForm'
import { ConfirmCodeForm } from '../../components/till/ConfirmCodeForm'
import { CouponRedeemForm } from '../../components/till/CouponRedeemForm'
import { PayWithPointsForm } from '../../components/till/PayWithPointsForm'
import { RedeemForMember } from '../../components/till/RedeemForMember'
import { RefundForm } from '../../components/till/RefundForm'

type TillMode = 'accrue' | 'cash' | 'redeem' | 'confirm' | 'coupon' | 'refund'
const MODES: TabOption<TillMode>[] = [
  { key: 'accrue', label: '消费积分' },
  { key: 'cash', label: '积分抵扣' },
  { key: 'redeem', label: '礼品兑换' },
  { key: 'confirm', label: '核销' },
  { key: 'coupon', label: '优惠券' },
  { key: 'refund', label: '退款' },
]
/** Modes that act for the member in front of the cashier, and so need their live code. */
const NEEDS_MEMBER: readonly TillMode[] = ['accrue', 'cash', 'redeem']

export default function TillPage() {
  return <RoleGate area='till'>{() => <Till />}</RoleGate>
}

function Till() {
  const till = useTill()
  const [mode, setMode] = useState<TillMode>('accrue')
  const needsMember = NEEDS_MEMBER.includes(mode)

  return (
    <View className='till' data-testid='till'>
      <FilterTabs options={MODES} value={mode} onChange={setMode} sticky />
      {needsMember && till.member && (
        <MemberPanel member={till.member}>
          <Button size='small' fill='outline' loading={till.scanning} onClick={till.scan} data-testid='till-rescan'>
            重新扫码
          </Button>
          <Button size='small' fill='outline' onClick={till.clear}>
            下一位
          </Button>
        </MemberPanel>
      )}
      {needsMember && !till.member && (
        <View className='admin-actions admin-actions--column'>
          <Text className='admin-hint'>请让会员出示会员卡上的二维码</Text>
          <Button type='primary' block loading={till.scanning} disabled={till.scanning} onClick={till.scan} data-testid='till-scan'>
            扫描会员码
          </Button>
        </View>
      )}
      {till.member && mode === 'accrue' && <AccrueForm till={till} />}
      {till.member && mode === 'cash' && <PayWithPointsForm till={till} member={till.member} />}
      {till.member && mode === 'redeem' && <RedeemForMember till={till} />}
      {mode === 'confirm' && <ConfirmCodeForm till={till} />}
      {mode === 'coupon' && <CouponRedeemForm />}
      {mode === 'refund' && <RefundForm till={till} />}
    </View>
  )
}
