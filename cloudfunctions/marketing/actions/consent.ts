import { consentPayload, openedPayload, setOptOutPayload, subscriptionsPayload, type MySubscriptions } from '../../shared/contract/marketing'
import { MEMBER_PURPOSES, PURPOSES, TEMPLATE_PURPOSES, type TemplatePurpose } from '../../shared/contract/templates'
import { campaignsRepo } from '../../shared/data/campaigns'
import { deliveriesRepo } from '../../shared/data/deliveries'
import { messagingRepo } from '../../shared/data/messaging'
import { grantedTemplates, isOptedOut, remainingConsent, type MessagingState } from '../../shared/domain/messaging'
import { AppError, defineAction } from '../../shared/runtime'
import { knownTemplateIds, templateId } from '../../shared/runtime/notify'
import type { Database } from '../../shared/runtime/cloud'

type Settings = { mainSwitch: boolean; itemSettings: Record<string, 'accept' | 'reject' | 'ban'> } | null

/**
 * What one requestSubscribeMessage answered: +1 for each accepted template, on the caller's own
 * document only (identity from the WeChat context). Staff templates count on the staff entry.
 */
export const consent = defineAction({
  schema: consentPayload,
  async handler({ answers, settings }, { db, openid }): Promise<MySubscriptions> {
    const granted = grantedTemplates(answers, knownTemplateIds())
    const staffTemplates = new Set(TEMPLATE_PURPOSES.filter((purpose) => PURPOSES[purpose].audience === 'staff').map(templateId))
    const repo = messagingRepo(db)
    const forMember = granted.filter((id) => !staffTemplates.has(id))
    const forStaff = granted.filter((id) => staffTemplates.has(id))
    await repo.grant('member', openid, forMember, keptOf(settings))
    if (forStaff.length) await repo.grant('staff', openid, forStaff, null)
    return subscriptionsOf(db, openid)
  },
})

/** 消息订阅: each message type, what it is for, what consent is left, and the member's opt-out. */
export const subscriptions = defineAction({
  schema: subscriptionsPayload,
  async handler({ settings }, { db, openid }): Promise<MySubscriptions> {
    if (settings) await messagingRepo(db).grant('member', openid, [], keptOf(settings))
    return subscriptionsOf(db, openid)
  },
})

export const setOptOut = defineAction({
  schema: setOptOutPayload,
  async handler({ purpose, optedOut }, { db, openid }): Promise<MySubscriptions> {
    if (PURPOSES[purpose].audience !== 'member') throw new AppError('INVALID_INPUT', '该消息不可退订', [{ path: 'purpose', message: '该消息不可退订' }])
    const repo = messagingRepo(db)
    const state = await repo.stateOf('member', openid)
    if (!state) throw new AppError('NOT_MEMBER')
    const current = new Set(state.optedOut ?? [])
    if (optedOut) current.add(purpose)
    else current.delete(purpose)
    await repo.setOptedOut(
      openid,
      TEMPLATE_PURPOSES.filter((each) => current.has(each)),
    )
    return subscriptionsOf(db, openid)
  },
})

/** A campaign message's landing page opened: counted once per recipient, and only for a real delivery. */
export const opened = defineAction({
  schema: openedPayload,
  async handler({ campaignId }, { db, openid, now }): Promise<null> {
    if (await deliveriesRepo(db).markOpened(`campaign:${campaignId}:${openid}`, now)) await campaignsRepo(db).countOpened(campaignId)
    return null
  },
})

function keptOf(settings: Settings): Pick<MessagingState, 'keep' | 'mainSwitch'> | null {
  return settings ? { keep: settings.itemSettings, mainSwitch: settings.mainSwitch } : null
}

async function subscriptionsOf(db: Database, openid: string): Promise<MySubscriptions> {
  const state = (await messagingRepo(db).stateOf('member', openid)) ?? {}
  return {
    mainSwitch: state.mainSwitch ?? true,
    items: MEMBER_PURPOSES.map((purpose: TemplatePurpose) => {
      const id = templateId(purpose)
      const info = PURPOSES[purpose]
      return {
        purpose,
        title: info.title,
        description: info.purpose,
        templateId: id,
        remaining: remainingConsent(state, id),
        optedOut: isOptedOut(state, purpose),
        keep: state.keep?.[id] ?? null,
        campaign: info.campaign,
      }
    }),
  }
}
