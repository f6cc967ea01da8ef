import type { ReasonStep } from './ReasonSheet'

/** The steps that ask why, each saying first what it does and who hears of it. */
export const REASON_STEPS: Record<'escalate' | 'close' | 'reopen' | 'closeRevisit', ReasonStep & { done: string }> = {
  escalate: {
    title: '升级工单',
    text: '升级后工单标记为「已升级」，店主和管理员会在队列中优先看到。',
    placeholder: '必填，如：会员要求店长出面处理',
    submitLabel: '确认升级',
    testId: 'ticket-escalate',
    done: '已升级',
  },
  close: {
    title: '关闭工单',
    text: '关闭后工单结束处理，会员会收到通知；会员 7 天内仍可重新打开，员工随时可以重新打开。',
    placeholder: '必填，如：会员电话确认已解决',
    submitLabel: '确认关闭',
    danger: true,
    testId: 'ticket-close',
    done: '工单已关闭',
  },
  reopen: {
    title: '重新打开工单',
    text: '工单将回到处理中，解决时限重新计算，会员会收到通知。',
    placeholder: '必填，如：回访时会员反映问题仍未解决',
    submitLabel: '确认重新打开',
    testId: 'staff-reopen',
    done: '已重新打开',
  },
  closeRevisit: {
    title: '结束回访',
    text: '结束后该工单不再出现在回访列表中，原因会记入处理进度。',
    placeholder: '必填，如：已多次联系，会员表示不再需要跟进',
    submitLabel: '确认结束回访',
    testId: 'revisit-close',
    done: '回访已结束',
  },
}
