import type { Audience, TemplatePurpose } from '../contract/templates'
import type { MessagingState } from '../domain/messaging'
import type { Database } from '../runtime/cloud'
import { rowsOf } from './results'

/**
 * The `messaging` field of members and staff: consent counts per template, opt-outs, the campaign
 * frequency window. Every write is a single-document update (increments and conditional writes), so
 * it needs no transaction and never races a points transaction's own fields.
 */
export function messagingRepo(db: Database) {
  const _ = db.command
  // Members' consent lives on the member document; staff messages' on the staff entry (a staff member may not be a member).
  const collection = (audience: Audience) => (audience === 'member' ? db.collection('members') : db.collection('staff'))
  return {
    /** One person's state (null when they have no document: a visitor). */
    async stateOf(audience: Audience, openid: string): Promise<MessagingState | null> {
      const [doc] = await rowsOf<{ messaging?: MessagingState }>(collection(audience).where({ _id: openid }).field({ messaging: true }).limit(1))
      return doc ? (doc.messaging ?? {}) : null
    },
    async statesOf(audience: Audience, openids: string[]): Promise<Map<string, MessagingState>> {
      if (openids.length === 0) return new Map()
      const docs = await rowsOf<{ _id: string; messaging?: MessagingState }>(
        collection(audience)
          .where({ _id: _.in(openids) })
          .field({ _id: true, messaging: true })
          .limit(openids.length),
      )
      return new Map(docs.map((doc) => [doc._id, doc.messaging ?? {}]))
    },
    /** The member accepted these templates: one more send each. Answers whether a document took them. */
    async grant(audience: Audience, openid: string, templateIds: string[], settings: Pick<MessagingState, 'keep' | 'mainSwitch'> | null): Promise<boolean> {
      const increments = Object.fromEntries(templateIds.map((templateId) => [`messaging.consent.${templateId}`, _.inc(1)]))
      const kept = settings ? { 'messaging.keep': _.set(settings.keep ?? {}), 'messaging.mainSwitch': settings.mainSwitch ?? true } : {}
      if (Object.keys(increments).length === 0 && !settings) return true
      const { stats } = (await collection(audience)
        .where({ _id: openid })
        .update({ data: { ...increments, ...kept } })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** A send went through: one consent used (never below zero). */
    async spend(audience: Audience, openid: string, templateId: string): Promise<void> {
      await collection(audience)
        .where({ _id: openid, [`messaging.consent.${templateId}`]: _.gt(0) })
        .update({ data: { [`messaging.consent.${templateId}`]: _.inc(-1) } })
    },
    /** WeChat says none is left (43101): the count says so too. */
    async exhaust(audience: Audience, openid: string, templateId: string): Promise<void> {
      await collection(audience)
        .where({ _id: openid })
        .update({ data: { [`messaging.consent.${templateId}`]: 0 } })
    },
    async setOptedOut(openid: string, purposes: TemplatePurpose[]): Promise<boolean> {
      const { stats } = (await collection('member')
        .where({ _id: openid })
        .update({ data: { 'messaging.optedOut': _.set(purposes) } })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /**
     * A campaign's slot on the member, taken only if nobody changed their messaging since it was
     * read (`rev`): consent −1, the send in the cap's window, the touch for conversion.
     */
    async reserveCampaignSend(openid: string, rev: number, next: Required<Pick<MessagingState, 'campaignSends' | 'touches'>>, templateId: string): Promise<boolean> {
      const { stats } = (await collection('member')
        .where({ _id: openid, 'messaging.rev': rev === 0 ? _.exists(false) : rev })
        .update({
          data: {
            'messaging.rev': rev + 1,
            'messaging.campaignSends': _.set(next.campaignSends),
            'messaging.touches': _.set(next.touches),
            [`messaging.consent.${templateId}`]: _.inc(-1),
          },
        })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** A held-out member is marked too: their purchases in the window are the comparison. */
    async recordTouch(openid: string, rev: number, touches: NonNullable<MessagingState['touches']>): Promise<boolean> {
      const { stats } = (await collection('member')
        .where({ _id: openid, 'messaging.rev': rev === 0 ? _.exists(false) : rev })
        .update({ data: { 'messaging.rev': rev + 1, 'messaging.touches': _.set(touches) } })) as { stats: { updated: number } }
      return stats.updated > 0
    },
    /** A reserved send WeChat refused: the consent it took is given back (43101: set to 0 instead by exhaust). */
    async giveBackConsent(openid: string, templateId: string): Promise<void> {
      await collection('member')
        .where({ _id: openid })
        .update({ data: { [`messaging.consent.${templateId}`]: _.inc(1) } })
    },
  }
}
