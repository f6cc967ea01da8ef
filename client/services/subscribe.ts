import Taro from '@tarojs/taro'
import type { MySubscriptions } from '@contract/marketing'
import type { TemplatePurpose } from '@contract/templates'
import { consentOf, NO_CONSENT, reportWith, templateIdsOf, type Consent, type KeptChoice, type SubscriptionSettings } from './consent'

export type { Consent, ConsentAnswer, KeptChoice, SubscriptionSettings } from './consent'

const KEPT: readonly string[] = ['accept', 'reject', 'ban']
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Shows WeChat's consent dialog (订阅消息) for at most 3 of the purposes. WeChat shows it only when
 * asked inside a tap handler, before anything is awaited there, so call this first thing in the tap
 * (it calls WeChat before it returns). A refusal, or a dialog WeChat would not show, is no error.
 */
export function askConsent(purposes: readonly TemplatePurpose[]): Promise<Consent> {
  const tmplIds = templateIdsOf(purposes)
  if (tmplIds.length === 0) return Promise.resolve(NO_CONSENT)
  try {
    return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] }).then(
      (result) => consentOf(tmplIds, result as unknown as Record<string, unknown>),
      () => NO_CONSENT,
    )
  } catch {
    return Promise.resolve(NO_CONSENT)
  }
}

/**
 * Tells the server what the member answered, with what WeChat keeps for them, so it counts the
 * messages it may send. Never fails: consent is the member's choice, and a lost report only means
 * fewer messages. Answers the member's subscriptions as they now stand (null when nothing was told).
 */
export function reportConsent(consent: Consent): Promise<MySubscriptions | null> {
  return reportWith(consent, readSubscriptionSettings)
}

/**
 * Asks for consent (synchronously, in the tap) and reports the answers; resolves how many of the
 * messages were accepted. `askConsent` and `reportConsent` apart when the report must wait (join:
 * the member does not exist until the join succeeds).
 */
export async function requestConsent(purposes: readonly TemplatePurpose[]): Promise<number> {
  const consent = await askConsent(purposes)
  await reportConsent(consent)
  return consent.accepted
}

/** getSetting's subscriptionsSetting, or null when WeChat does not say. */
export async function readSubscriptionSettings(): Promise<SubscriptionSettings | null> {
  try {
    const { subscriptionsSetting } = await Taro.getSetting({ withSubscriptions: true })
    if (!subscriptionsSetting || typeof subscriptionsSetting.mainSwitch !== 'boolean') return null
    const itemSettings = Object.entries(subscriptionsSetting.itemSettings ?? {}).filter((entry): entry is [string, KeptChoice] => TEMPLATE_ID.test(entry[0]) && KEPT.includes(entry[1] as string))
    return { mainSwitch: subscriptionsSetting.mainSwitch, itemSettings: Object.fromEntries(itemSettings) }
  } catch {
    return null
  }
}
