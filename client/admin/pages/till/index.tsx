// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract/roles'
import type { WhoAmI } from '@contract/staff'
import { Button } from '@nutui/nutui-react-taro'
import { FilterTabs, type TabOption } from '../../../components/FilterTabs'
import { useTill, type Till } from '../../../hooks/useTill'
import { MemberPanel } from '../../components/MemberPanel'
import { RoleGate } from '../../components/RoleGate'
import { CheckoutForm } from '../../components/till/CheckoutForm'
import { CodeRedeemForm } from '../../components/till/CodeRedeemForm'
import { RedeemForMember } from '../../components/till/RedeemForMember'
import { RefundForm } from '../../components/till/RefundForm'
import { TillCoupons } from '../../components/till/TillCoupons'
import '../../components/till/till.scss'

type TillMode = 'checkout' | 'reward' | 'code' | 'refund'
const MODES: TabOption<TillMode>[] = [
  { key: 'checkout', label: '结账' },
  { key: 'reward', label: '礼品兑换' },
  { key: 'code', label: '核销' },
  { key: 'refund', label: '退款' },
]

export default function TillPage() {
  return <RoleGate area='till'>{(role, staff) => <TillScreen role={role} staff={staff} />}</RoleGate>
}

function TillScreen({ role, staff }: { role: Role; staff: WhoAmI }) {
  const till = useTill(staff.storeId)
  const [mode, setMode] = useState<TillMode>('checkout')
  function choose(next: TillMode) {
    setMode(next)
    // Each tab starts at its top: the page keeps one scroll position for all of them.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }
  return (
    <View className='till' data-testid='till'>
      <View className='till-store' data-testid='till-store'>
        <Text className='till-store__name'>{staff.storeName ?? '未分配门店'}</Text>
        <Text className='till-store__who'>{staff.storeId ? `${ROLE_LABELS[role]} ${staff.name ?? ''}` : '订单记入默认门店，请店主或管理员分配门店'}</Text>
      </View>
      <FilterTabs options={MODES} value={mode} onChange={choose} sticky />
      {/* 结账 and 礼品兑换 act for the member in front of the cashier, and so need their live code. */}
      {mode === 'checkout' && <ForMember till={till}>{till.member && <CheckoutForm key={till.member.cardNo} till={till} />}</ForMember>}
      {mode === 'reward' && <ForMember till={till}>{till.member && <RedeemForMember till={till} />}</ForMember>}
      {mode === 'code' && <CodeRedeemForm />}
      {mode === 'refund' && <RefundForm storeId={till.storeId} />}
    </View>
  )
}

function ForMember({ till, children }: { till: Till; children: ReactNode }) {
  if (!till.member)
    return (
      <View className='admin-actions admin-actions--column'>
        <Text className='admin-hint'>请让会员出示会员卡上的二维码</Text>
        <Button type='primary' block loading={till.scanning} disabled={till.scanning} onClick={till.scan} data-testid='till-scan'>
          扫描会员码
        </Button>
      </View>
    )
  return (
    <>
      <MemberPanel member={till.member} coupons={<TillCoupons memberCode={till.memberCode} after={till.member.pointsBalance} />}>
        <Button size='small' fill='outline' loading={till.scanning} onClick={till.scan} data-testid='till-rescan'>
          重新扫码
        </Button>
        <Button size='small' fill='outline' onClick={till.clear} data-testid='till-next'>
          下一位
        </Button>
      </MemberPanel>
      {children}
    </>
  )
}
