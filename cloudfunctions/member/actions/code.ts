import { codePayload } from '../../shared/contract/member'
import { issueMemberCode } from '../../shared/domain/memberCode'
import { membersRepo } from '../../shared/data/members'
import { defineAction } from '../../shared/runtime'
import { memberCodeSecret } from '../../shared/runtime/secrets'
import { requireActive } from '../cards'

/** The client asks again this long before expiry, so a code on screen is never a stale one. */
const REFRESH_MARGIN_SECONDS = 15

/** The caller's live member code (sealed OPENID + expiry), for the cashier to scan. */
export const code = defineAction({
  schema: codePayload,
  async handler(_payload, { db, openid, now }) {
    requireActive(await membersRepo(db).byOpenid(openid))
    const issued = issueMemberCode(openid, now, memberCodeSecret())
    const lifetimeSeconds = Math.floor((issued.expiresAt.getTime() - now.getTime()) / 1000)
    return { code: issued.code, expiresAt: issued.expiresAt.toISOString(), refreshInSeconds: Math.max(5, lifetimeSeconds - REFRESH_MARGIN_SECONDS) }
  },
})
