import type { MySubscriptions } from '@contract/marketing'
import type { TemplatePurpose } from '@contract/templates'
import { consentOf, NO_CONSENT, reportWith, templateIdsOf, type Consent, type SubscriptionSettings } from './consent'
import { currentDevIdentity } from './devIdentity'

export type { Consent, ConsentAnswer, KeptChoice, SubscriptionSettings } from './consent'

/**
 * Local H5 stand-in for subscribe.ts (same exports): the dev server's outbox stands in for WeChat's
 * dialog and records the consent as accepted; the answers are then reported to the server as the
 * weapp build does. The browser has no 总是保持以上选择, so no settings are reported.
 */
export function askConsent(purposes: readonly TemplatePurpose[]): Promise<Consent> {
  const templateIds = templateIdsOf(purposes)
  const openid = currentDevIdentity().openid
  if (!openid || templateIds.length === 0) return Promise.resolve(NO_CONSENT)
  return fetch('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, templateIds }) })
    .then(async (response) => (response.ok ? consentOf(templateIds, (await response.json().catch(() => ({}))) as Record<string, unknown>, 'accept') : NO_CONSENT))
    .catch(() => NO_CONSENT)
}

export function reportConsent(consent: Consent): Promise<MySubscriptions | null> {
  return reportWith(consent, readSubscriptionSettings)
}

export async function requestConsent(purposes: readonly TemplatePurpose[]): Promise<number> {
  const consent = await askConsent(purposes)
  await reportConsent(consent)
  return consent.accepted
}

export async function readSubscriptionSettings(): Promise<SubscriptionSettings | null> {
  return null
}
