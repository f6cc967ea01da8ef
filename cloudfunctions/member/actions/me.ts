import { mePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { defineAction } from '../../shared/runtime'
import { cardOf } from '../cards'

/** The caller's card with the shop's name for its header, or null: exactly one database round trip. */
export const me = defineAction({
  schema: mePayload,
  async handler(_payload, { db, openid, now }) {
    const found = await membersRepo(db).byOpenidWithShop(openid)
    if (!found) return null
    const card = await cardOf(found.member, db, now)
    return found.shopName ? { ...card, shopName: found.shopName } : card
  },
})
