import { dismissNoticePayload, statusPayload, type TierStatus, type TierView } from '../../shared/contract/tiers'
import { isActiveMember } from '../../shared/domain/member'
import { factsOf, noticeMeaning } from '../../shared/domain/tierPreview'
import { definitionOf, progressToNext, qualifyingFigure, tierBasics, type TierDefinition, type TierRules } from '../../shared/domain/tiers'
import { membersRepo } from '../../shared/data/members'
import { activeRules } from '../../shared/data/rules'
import { AppError, defineAction } from '../../shared/runtime'

/** The card's tier panel: tier, colour, progress line, hold date, all tiers, and an unseen rules notice. */
export const status = defineAction({
  schema: statusPayload,
  async handler(_payload, { db, openid, now }): Promise<TierStatus> {
    const member = await membersRepo(db).byOpenid(openid)
    if (!isActiveMember(member)) throw new AppError('NOT_MEMBER')
    const rules = await activeRules(db, now)
    const tierRules = rules.tiers
    const figure = qualifyingFigure(member.activity, tierRules.basis, now)
    const current = definitionOf(member.tier, tierRules)
    const progress = progressToNext(member.tier, figure, tierRules)
    const unseen = rules.publishedAt !== null && rules.explanation !== '' && (member.noticeSeenVersion ?? 0) < rules.version
    return {
      tier: member.tier,
      tierName: current.name,
      color: current.color,
      basis: tierRules.basis,
      figure,
      tierUntil: member.tier === tierRules.tiers[0].id || !member.tierUntil ? null : new Date(member.tierUntil).toISOString(),
      progressText: progress ? progressLine(progress.remaining, progress.next, tierRules) : '已是最高等级',
      progressRatio: progress ? progress.ratio : 1,
      tiers: tierRules.tiers.map(toView),
      notice: unseen ? { version: rules.version, explanation: rules.explanation, meaning: noticeMeaning(factsOf(member), tierRules, now, new Date(rules.publishedAt!)) } : null,
    }
  },
})

/** The member has read the notice of this rules version; it does not show again. */
export const dismissNotice = defineAction({
  schema: dismissNoticePayload,
  async handler({ version }, { db, openid }): Promise<null> {
    await membersRepo(db).setFields(openid, { noticeSeenVersion: version })
    return null
  },
})

/** "再消费 ¥1,240 升级金卡" — whole yuan, rounded up, so the member never falls a few fen short. */
function progressLine(remaining: number, next: TierDefinition, rules: TierRules): string {
  if (rules.basis === 'points') return `再获得 ${remaining.toLocaleString('zh-CN')} 积分升级${next.name}`
  return `再消费 ¥${Math.ceil(remaining / 100).toLocaleString('zh-CN')} 升级${next.name}`
}

export function toView(tier: TierDefinition): TierView {
  return { ...tierBasics(tier), birthdayPerk: { points: tier.birthdayPerk.points, couponTitle: tier.birthdayPerk.coupon?.title ?? null } }
}
