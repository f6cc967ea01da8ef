import { PURPOSES, type TemplatePurpose } from '../contract/templates'
import type { DeliveryStatus } from '../contract/marketingFields'
import type { Message } from './messages'

/**
 * What the product knows of one person's subscription messages, kept on their member document (or
 * staff entry, for staff messages) under `messaging`, so a campaign reads each recipient once.
 * WeChat's one-time subscriptions allow one send per consent: `consent` mirrors that count per
 * template ID (accept +1, a successful send −1, a 43101 → 0).
 */
export interface MessagingState {
  consent?: Record<string, number>
  /** Purposes the member turned off on 消息订阅: never sent, whatever the consent. */
  optedOut?: TemplatePurpose[]
  /** 总是保持以上选择 as getSetting last reported it, per template ID. */
  keep?: Record<string, 'accept' | 'reject' | 'ban'>
  mainSwitch?: boolean
  /** Campaign messages sent, newest first, kept for the frequency cap's window. */
  campaignSends?: Date[]
  /** Campaigns that reached (or held out) the member lately: purchases within the conversion window count for them. */
  touches?: CampaignTouch[]
  /** Bumped by every campaign reservation, so two campaigns at once cannot both take the last slot. */
  rev?: number
}

export interface CampaignTouch {
  campaign: string
  at: Date
  held: boolean
}

/** `deliveries/<purpose>:<subject>:<openid>`; every campaign template shares `campaign`, so one campaign messages a member once. */
export function deliveryId(message: Pick<Message, 'purpose' | 'subject' | 'openid'>): string {
  const prefix = PURPOSES[message.purpose].campaign ? 'campaign' : message.purpose
  return `${prefix}:${message.subject}:${message.openid}`
}

export function remainingConsent(state: MessagingState | null | undefined, templateId: string): number {
  return Math.max(0, state?.consent?.[templateId] ?? 0)
}

export function isOptedOut(state: MessagingState | null | undefined, purpose: TemplatePurpose): boolean {
  return state?.optedOut?.includes(purpose) ?? false
}

/**
 * Whether a message is worth trying: not opted out, and consent counted. With none counted the send
 * would only earn a 43101, so it is not attempted (the member never subscribed, or has used it up).
 */
export function sendability(state: MessagingState | null | undefined, purpose: TemplatePurpose, templateId: string): 'send' | 'optedOut' | 'noConsent' {
  if (isOptedOut(state, purpose)) return 'optedOut'
  return remainingConsent(state, templateId) > 0 ? 'send' : 'noConsent'
}

/** The templates one requestSubscribeMessage answer grants (+1 each accepted one we know); others are ignored. */
export function grantedTemplates(answers: Record<string, string>, known: ReadonlySet<string>): string[] {
  return Object.entries(answers)
    .filter(([templateId, answer]) => answer === 'accept' && known.has(templateId))
    .map(([templateId]) => templateId)
}

/** How WeChat's answer to a send is recorded. */
export type SendVerdict = { status: 'sent' } | { status: 'noConsent' } | { status: 'failed'; reason: string } | { status: 'retry'; reason: string }

/** Codes worth another try: system busy (-1), the cloud's own system errors (-50xxxx), a minute's quota (45011). */
function isTransient(errCode: number): boolean {
  return errCode === -1 || errCode <= -500000 || errCode === 45011
}

const PERMANENT_REASONS: Record<number, string> = {
  40003: '接收者 openid 无效',
  40037: '模板 ID 无效',
  47003: '模板字段不符合要求',
  43107: '订阅消息能力未开通',
}

export const MAX_ATTEMPTS = 5
/** Minutes before each retry: the marketing timer (every 5 minutes) picks them up when due. */
const BACKOFF_MINUTES = [1, 5, 30, 120]

export function verdictOf(result: { errCode: number; errMsg: string }): SendVerdict {
  if (result.errCode === 0) return { status: 'sent' }
  if (result.errCode === 43101) return { status: 'noConsent' }
  const reason = `${result.errCode} ${PERMANENT_REASONS[result.errCode] ?? result.errMsg}`.slice(0, 200)
  return isTransient(result.errCode) ? { status: 'retry', reason } : { status: 'failed', reason }
}

/** After `attempts` tries a transient failure waits, or gives up as failed once the tries are spent. */
export function afterTransient(attempts: number, reason: string, now: Date): { status: 'retry'; nextAttemptAt: Date; reason: string } | { status: 'failed'; reason: string } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', reason: `${reason}（已重试 ${attempts - 1} 次）` }
  const minutes = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)]
  return { status: 'retry', nextAttemptAt: new Date(now.getTime() + minutes * 60_000), reason }
}

/** A claimed send older than this that never recorded its outcome crashed mid-send: it is marked unknown, never sent again. */
export const STALE_SENDING_MS = 10 * 60_000

/** Statuses that end a delivery: it is never attempted again. */
export const FINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['sent', 'noConsent', 'optedOut', 'capped', 'heldOut', 'failed', 'unknown'])
