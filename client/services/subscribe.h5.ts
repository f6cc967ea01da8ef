import type { MySubscriptions } from '@contract/marketing'
import { CONSENT_BATCH, SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '@contract/templates'
import { callCloud } from './cloud'
import { currentDevIdentity } from './devIdentity'

/**
 * Local H5 stand-in for subscribe.ts (same exports): the dev server's outbox stands in for WeChat's
 * dialog and records the consent as accepted; the answers are then reported to the server as the
 * weapp build does. The browser has no 总是保持以上选择, so no settings are reported.
 */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter'
export type KeptChoice = 'accept' | 'reject' | 'ban'
export interface SubscriptionSettings {
  mainSwitch: boolean
  itemSettings: Record<string, KeptChoice>
}
export interface Consent {
  answers: Record<string, ConsentAnswer>
  accepted: number
}

const NO_CONSENT: Consent = { answers: {}, accepted: 0 }
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/** The "dialog": asked before it returns, as the weapp one must be, for at most 3 templates. */
export function askConsent(purposes: readonly TemplatePurpose[]): Promise<Consent> {
  const templateIds = [...new Set(purposes.map((purpose) => SUBSCRIBE_TEMPLATES[purpose]))].slice(0, CONSENT_BATCH)
  const openid = currentDevIdentity().openid
  if (!openid || templateIds.length === 0) return Promise.resolve(NO_CONSENT)
  return fetch('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, templateIds }) })
    .then(async (response) => {
      if (!response.ok) return NO_CONSENT
      const result = (await response.json().catch(() => ({}))) as Record<string, unknown>
      const answers: Record<string, ConsentAnswer> = {}
      for (const id of templateIds) answers[id] = typeof result[id] === 'string' && ANSWERS.includes(result[id] as string) ? (result[id] as ConsentAnswer) : 'accept'
      return { answers, accepted: Object.values(answers).filter((answer) => answer === 'accept').length }
    })
    .catch(() => NO_CONSENT)
}

export async function reportConsent(consent: Consent): Promise<MySubscriptions | null> {
  if (Object.keys(consent.answers).length === 0) return null
  try {
    return await callCloud('marketing', 'consent', { answers: consent.answers, settings: null })
  } catch {
    return null
  }
}

export async function requestConsent(purposes: readonly TemplatePurpose[]): Promise<number> {
  const consent = await askConsent(purposes)
  await reportConsent(consent)
  return consent.accepted
}

export async function readSubscriptionSettings(): Promise<SubscriptionSettings | null> {
  return null
}
