import { ACCESS } from '../../../cloudfunctions/shared/contract/access'
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../../cloudfunctions/shared/contract/auditLabels'
import { actorNameOf, auditText, type AuditNames } from '../../../cloudfunctions/shared/domain/auditText'
import { nextStoreId } from '../../../cloudfunctions/shared/domain/storeIds'

const NAMES: AuditNames = {
  staff: (openid) => ({ 'staff-li': '小李', 'staff-zhao': '赵经理' })[openid] ?? null,
  store: (id) => ({ 'store-001': '会员通示范店', 'store-002': '会员通滨江店' })[id] ?? null,
  activity: (id) => (id === 'act-1' ? '手冲咖啡品鉴会' : null),
  campaign: (id) => (id === 'cmp-1' ? '沉睡会员唤醒' : null),
}
const line = (fn: string, action: string, payload: unknown, memberName: string | null = null) => auditText({ fn, action, payload, actorName: '王店长', memberName }, NAMES)

describe('an audit entry as a sentence', () => {
  it.each([
    ['points.adjust up', line('points', 'adjust', { cardNo: '1', delta: 200, reason: '生日补录', requestId: 'r' }, '林晓雨'), '王店长 调整积分 林晓雨 +200 原因：生日补录'],
    ['points.adjust down', line('points', 'adjust', { delta: -50, reason: '误操作更正' }, '林晓雨'), '王店长 调整积分 林晓雨 -50 原因：误操作更正'],
    ['points.accrue', line('points', 'accrue', { orderNo: 'A-1', amount: 30000 }, '林晓雨'), '王店长 消费积分 林晓雨 订单 A-1 ¥300.00'],
    ['points.refund', line('points', 'refund', { orderNo: 'A-1', amount: 5000 }, '林晓雨'), '王店长 退款 林晓雨 订单 A-1 退款 ¥50.00'],
    ['member.setBirthday', line('member', 'setBirthday', { cardNo: '1', reason: '身份证核对' }, '林晓雨'), '王店长 修改生日 林晓雨 原因：身份证核对'],
    ['member.removeMember', line('member', 'removeMember', { cardNo: '1', reason: '会员本人要求' }, '已注销会员'), '王店长 注销会员 已注销会员 原因：会员本人要求'],
    ['staff.updateStaff', line('staff', 'updateStaff', { staffOpenid: 'staff-li', role: 'marketing', storeId: 'store-002' }), '王店长 修改员工 小李 角色改为营销，门店改为会员通滨江店'],
    ['staff.revokeStaff of someone gone', line('staff', 'revokeStaff', { staffOpenid: 'staff-gone' }), '王店长 移除员工 已移除的员工'],
    ['staff.transferOwnership', line('staff', 'transferOwnership', { staffOpenid: 'staff-zhao', confirmName: '赵经理' }), '王店长 转让店铺 给 赵经理'],
    ['staff.invite', line('staff', 'invite', { role: 'cashier', storeId: 'store-001', requestId: 'r' }), '王店长 邀请员工 收银员（会员通示范店）'],
    ['staff.saveStore new', line('staff', 'saveStore', { name: '滨江店', address: '', phone: '' }), '王店长 保存门店 新建 滨江店'],
    ['staff.closeStore', line('staff', 'closeStore', { id: 'store-002' }), '王店长 停业门店 会员通滨江店'],
    [
      'staff.startExport',
      line('staff', 'startExport', { kind: 'members', from: '2026-01-01', to: '2026-06-30', fullPhone: true }),
      '王店长 导出数据 会员资料 2026-01-01 至 2026-06-30（含完整手机号）',
    ],
    ['ticket.escalate', line('ticket', 'escalate', { ticketId: 't', reason: '多次投诉' }, '陈一鸣'), '王店长 升级工单 陈一鸣 原因：多次投诉'],
    ['ticket.assign', line('ticket', 'assign', { ticketId: 't', to: 'staff-li' }, '陈一鸣'), '王店长 受理工单 陈一鸣 指派给 小李'],
    ['tiers.publish', line('tiers', 'publish', { draft: {}, explanation: '金卡门槛下调' }), '王店长 发布等级规则 说明：金卡门槛下调'],
    ['activity.cancel', line('activity', 'cancel', { activityId: 'act-1', reason: '天气原因' }), '王店长 取消活动 「手冲咖啡品鉴会」 原因：天气原因'],
    ['marketing.startCampaign', line('marketing', 'startCampaign', { id: 'cmp-1' }), '王店长 启动营销活动 「沉睡会员唤醒」'],
    ['an action without details', line('staff', 'revokeInvitation', { token: 'x' }), '王店长 撤销邀请'],
    ['an action no longer known', line('old', 'thing', null), '王店长 old.thing'],
  ])('%s', (_label, text, expected) => {
    expect(text).toBe(expected)
  })

  it.each([
    ['a timer or the console', { actor: null, role: null }, null, null, '系统'],
    ['a member on their own', { actor: 'm-1', role: null }, null, null, '会员本人'],
    ['a staff member by their current name', { actor: 's-1', role: 'admin' as const }, '赵经理', '赵主管', '赵经理'],
    ['a removed staff member by the name they had', { actor: 's-1', role: 'admin' as const }, null, '赵主管', '赵主管'],
    ['a removed staff member with no recorded name', { actor: 's-1', role: 'admin' as const }, null, null, '已移除的员工'],
  ])('names %s', (_label, entry, current, recorded, expected) => {
    expect(actorNameOf(entry, current, recorded)).toBe(expected)
  })
})

describe('the action labels', () => {
  it('name every staff and server action of the access map', () => {
    const unlabelled = Object.entries(ACCESS).flatMap(([fn, actions]) =>
      Object.entries(actions)
        .filter(([, access]) => access !== 'member')
        .map(([action]) => `${fn}.${action}`)
        .filter((key) => !(key in AUDIT_ACTION_LABELS)),
    )
    expect(unlabelled).toEqual([])
  })

  it('name only actions the access map has, each in Chinese', () => {
    for (const [key, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      const [fn, action] = key.split('.')
      expect((ACCESS as Record<string, Record<string, unknown>>)[fn]?.[action]).toBeDefined()
      expect(label).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(auditActionLabel('points.adjust')).toBe('调整积分')
  })
})

describe('a new store’s id', () => {
  it.each([
    [[], 'store-001'],
    [['store-001'], 'store-002'],
    [['store-001', 'store-007', 'flagship'], 'store-008'],
    [['store-999'], 'store-1000'],
  ])('after %j is %s', (taken, expected) => {
    expect(nextStoreId(new Set(taken))).toBe(expected)
    expect(expected).toMatch(/^[a-z0-9-]{1,24}$/)
  })
})
