import { mePayload } from '../../shared/contract/member'
import { membersRepo } from '../../shared/data/members'
import { defineAction } from '../../shared/runtime'
import { cardOf } from '../cards'

/** The caller's card, or null: exactly one database round trip. */
export const me = defineAction({
  schema: mePayload,
  async handler(_payload, { db, openid, now }) {
    const member = await membersRepo(db).byOpenid(openid)
    return member ? cardOf(member, db, now) : null
  },
})
