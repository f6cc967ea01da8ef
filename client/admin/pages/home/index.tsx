// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { openPage } from '../../../services/navigate'
import { View, Text } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '@contract/roles'
import { RoleGate } from '../../components/RoleGate'
import { allows, type StaffArea } from '../../access'

/** Each entry's area names the action its page needs (access.ts); `id` is the entry's test handle. */
const ENTRIES: { area: StaffArea; id?: string; name: string; text: string; url: string }[] = [
  { area: 'till', name: '收银', text: '扫码结账（折扣、优惠券、积分）、兑换、核销、退款', url: '/admin/pages/till/index' },
  { area: 'search', name: '会员查询', text: '按卡号、手机号、尾号或姓名查找，查看会员档案', url: '/admin/pages/member/index' },
  { area: 'rewards', name: '礼品管理', text: '新增、编辑、下架积分礼品', url: '/admin/pages/rewards/index' },
  { area: 'adjust', name: '积分调整', text: '为会员增减积分，须填写原因', url: '/admin/pages/adjust/index' },
  { area: 'rules', id: 'rules', name: '等级规则', text: '等级门槛、权益与积分规则，预览后发布', url: '/admin/pages/rules/index' },
  { area: 'activities', name: '活动管理', text: '策划、发布、报名名单与效果评估', url: '/admin/pages/activities/index' },
  { area: 'checkIn', name: '活动签到', text: '扫描会员码为报名会员签到', url: '/admin/pages/checkin/index' },
  { area: 'tickets', name: '工单队列', text: '会员投诉与反馈：受理、回复、处理结果与回访', url: '/admin/pages/tickets/index' },
  { area: 'ticketStats', name: '服务统计', text: '响应与解决时长、超时率、满意度', url: '/admin/pages/ticketStats/index' },
  { area: 'sla', name: '服务时限', text: '各类问题的响应与解决时限、营业时间', url: '/admin/pages/sla/index' },
  { area: 'categories', name: '商品分类', text: '收银时为商品明细选择的分类，数据看板按分类统计', url: '/admin/pages/categories/index' },
  { area: 'marketing', name: '营销中心', text: '会员分类与分群、营销消息（含对照组效果）', url: '/marketing/pages/home/index' },
  { area: 'insight', name: '数据分析', text: '会员、消费、流失预警与活动服务的经营数据', url: '/insight/pages/overview/index' },
  { area: 'staffList', name: '员工管理', text: '岗位、所属门店、移除员工与转让店主', url: '/admin/pages/staff/index' },
  { area: 'invite', name: '邀请员工', text: '一次性邀请二维码，24 小时内有效', url: '/admin/pages/invite/index' },
  { area: 'stores', name: '门店管理', text: '门店信息、关闭与重新营业、入会二维码', url: '/admin/pages/stores/index' },
  { area: 'audit', name: '操作日志', text: '谁在何时做了什么：按员工、操作、会员和日期查询', url: '/admin/pages/audit/index' },
  { area: 'export', name: '数据导出', text: '会员资料、积分流水、消费记录导出为 CSV', url: '/admin/pages/export/index' },
]

export default function StaffConsolePage() {
  return <RoleGate area='any'>{(role, staff) => <Console role={role} storeName={staff.storeName} />}</RoleGate>
}

function Console({ role, storeName }: { role: Role; storeName: string | null }) {
  const entries = ENTRIES.filter((entry) => allows(role, entry.area))
  return (
    <View className='console' data-testid='staff-console'>
      <View className='console__head'>
        <Text className='console__title'>员工后台</Text>
        <Text className='console__role' data-testid='console-role'>
          当前身份：{ROLE_LABELS[role]}
          {storeName ? ` · ${storeName}` : ''}
        </Text>
      </View>
      {entries.length === 0 && <Text className='admin-hint'>当前岗位暂无可用功能</Text>}
      <View className='console__grid'>
        {entries.map((entry) => (
          <View key={entry.url} className='console__entry' data-testid={`console-${entry.id ?? entry.area}`} onClick={() => void openPage(entry.url)}>
            <Text className='console__entry-name'>{entry.name}</Text>
            <Text className='console__entry-text'>{entry.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
