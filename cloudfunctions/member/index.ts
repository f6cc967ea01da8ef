import { joinPayload, mePayload } from '../shared/contract/member'
import { makeCardNo } from '../shared/domain/cardNumber'
import { decideJoin, toMemberCard } from '../shared/domain/member'
import { membersRepo } from '../shared/data/members'
import { AppError, defineAction, serve } from '../shared/runtime'

/** A clash of random card numbers is rare (1 in 10^9 per member); three tries make it vanishing. */
const CARD_NO_ATTEMPTS = 3

const me = defineAction({
  schema: mePayload,
  access: 'member',
  async handler(_payload, { db, openid }) {
    const member = await membersRepo(db).byOpenid(openid)
    return member ? toMemberCard(member) : null
  },
})

const join = defineAction({
  schema: joinPayload,
  access: 'member',
  async handler(form, { db, openid, now }) {
    const members = membersRepo(db)
    for (let attempt = 0; attempt < CARD_NO_ATTEMPTS; attempt++) {
      const decision = decideJoin({ openid, form, now, cardNo: makeCardNo(Math.random), source: { store: null, referrer: null, scene: null } })
      if (!decision.ok) throw new AppError('INVALID_INPUT', decision.message, [{ path: decision.field, message: decision.message }])
      const outcome = await members.insert(decision.member)
      if (outcome.kind === 'inserted') return toMemberCard(decision.member)
      if (outcome.kind === 'exists') return toMemberCard(outcome.member)
    }
    throw new AppError('CONFLICT', '会员卡号生成冲突，请重试')
  },
})

export const main = serve('member', { me, join })
