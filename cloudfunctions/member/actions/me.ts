import { mePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { defineAction } from '../../shared/runtime'
import { cardOf } from '../cards'

/** The caller's card with the shop's name for its header, or null (not, or no longer, a member): exactly one database round trip. */
export const me = defineAction({
  schema: mePayload,
  async handler(_payload, { db, openid, now }) {
    const found = await membersRepo(db).byOpenidWithShop(openid)
    // A removed or erased membership has no card: the card tab asks them to join (again).
    if (!found || found.member.removedAt) return null
    const card = await cardOf(found.member, db, now)
    return found.shopName ? { ...card, shopName: found.shopName } : card
  },
})
