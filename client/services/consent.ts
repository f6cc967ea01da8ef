import type { MySubscriptions } from '@contract/marketing'
import { CONSENT_BATCH, SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '@contract/templates'
import { callCloud } from './cloud'

/**
 * What both builds' consent (subscribe.ts for WeChat, subscribe.h5.ts for the local stand-in) share:
 * the answers' shape, which templates one dialog asks for, and the report to the server. The
 * platform files differ only in how the dialog is shown and where 总是保持 is read.
 */

/** What requestSubscribeMessage answers for one template ('filter': WeChat filtered it out). */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter'
/** 总是保持以上选择, as getSetting({ withSubscriptions: true }) reports it. */
export type KeptChoice = 'accept' | 'reject' | 'ban'
export interface SubscriptionSettings {
  /** 订阅消息 in the mini-program's settings. */
  mainSwitch: boolean
  /** Only the templates whose choice the member asked WeChat to keep. */
  itemSettings: Record<string, KeptChoice>
}
/** One consent dialog's answers: template ID → answer (empty when the dialog could not be shown). */
export interface Consent {
  answers: Record<string, ConsentAnswer>
  accepted: number
}

export const NO_CONSENT: Consent = { answers: {}, accepted: 0 }
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/** The template IDs one dialog asks for: each once, at most 3 (WeChat's limit). */
export function templateIdsOf(purposes: readonly TemplatePurpose[]): string[] {
  return [...new Set(purposes.map((purpose) => SUBSCRIBE_TEMPLATES[purpose]))].slice(0, CONSENT_BATCH)
}

/** The dialog's result as answers, keeping only real answers for the templates asked (`missing` for the rest, if given). */
export function consentOf(templateIds: string[], result: Record<string, unknown> | null | undefined, missing?: ConsentAnswer): Consent {
  const answers: Record<string, ConsentAnswer> = {}
  for (const id of templateIds) {
    const answer = result?.[id]
    if (typeof answer === 'string' && ANSWERS.includes(answer)) answers[id] = answer as ConsentAnswer
    else if (missing) answers[id] = missing
  }
  return { answers, accepted: Object.values(answers).filter((answer) => answer === 'accept').length }
}

/**
 * Tells the server what the member answered, with what WeChat keeps for them, so it counts the
 * messages it may send. Never fails: consent is the member's choice, and a lost report only means
 * fewer messages. Answers the member's subscriptions as they now stand (null when nothing was told).
 */
export async function reportWith(consent: Consent, readSettings: () => Promise<SubscriptionSettings | null>): Promise<MySubscriptions | null> {
  if (Object.keys(consent.answers).length === 0) return null
  try {
    return await callCloud('marketing', 'consent', { answers: consent.answers, settings: await readSettings() })
  } catch {
    return null
  }
}
