/**
 * Subscription messages as WeChat treats them: each one-time consent (requestSubscribeMessage)
 * allows one send of that template to that user; a send with none left fails with 43101.
 */
export interface OutboxMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  sentAt: string
}

export interface SendResult {
  errCode: number
  errMsg: string
}

/** Field limits WeChat enforces on template data (47003 when broken), by the key's type prefix. */
const FIELD_LIMITS: Array<[prefix: string, max: number]> = [
  ['thing', 20],
  ['phrase', 5],
  ['name', 10],
  ['number', 32],
  ['character_string', 32],
  ['letter', 32],
  ['symbol', 5],
  ['car_number', 8],
  ['amount', 32],
  ['phone_number', 17],
  ['date', 40],
  ['time', 40],
]

/** Sent messages kept for inspection; older ones are dropped so a long-running emulator stays flat. */
export const OUTBOX_KEEP = 1_000

export class Outbox {
  /** The newest OUTBOX_KEEP messages sent, oldest first. */
  readonly sent: OutboxMessage[] = []
  /** Every message ever sent, including those no longer kept. */
  sentCount = 0
  private readonly quotas = new Map<string, number>()
  /** Failures WeChat will answer next, oldest first (system busy, a timeout's -1…): for retry tests. */
  private readonly failures: Array<{ errCode: number; errMsg: string; touser?: string }> = []

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** What the user accepted in a requestSubscribeMessage dialog: one more send per template. */
  grant(openid: string, templateIds: string[]): void {
    for (const templateId of templateIds) this.quotas.set(key(openid, templateId), this.quota(openid, templateId) + 1)
  }

  quota(openid: string, templateId: string): number {
    return this.quotas.get(key(openid, templateId)) ?? 0
  }

  /**
   * The next `times` sends (to `touser`, when given) fail with `errCode` before any check, as WeChat
   * answers when it is busy (-1) or its own system errs; a consent is not used by a failed send.
   */
  failNext(errCode: number, times = 1, touser?: string, errMsg = errCode === -1 ? 'system error' : `error ${errCode}`): void {
    for (let i = 0; i < times; i++) this.failures.push({ errCode, errMsg, touser })
  }

  send(message: Omit<OutboxMessage, 'sentAt'>): SendResult {
    const failure = this.failures.findIndex((each) => each.touser === undefined || each.touser === message.touser)
    if (failure >= 0) {
      const [{ errCode, errMsg }] = this.failures.splice(failure, 1)
      return { errCode, errMsg }
    }
    if (!message.touser || !message.templateId) return { errCode: 40003, errMsg: 'invalid openid or template' }
    const badField = Object.entries(message.data ?? {}).find(([field, { value }]) => {
      const limit = FIELD_LIMITS.find(([prefix]) => field.replace(/\d+$/, '') === prefix)
      return typeof value !== 'string' || value.length === 0 || (limit !== undefined && [...value].length > limit[1])
    })
    if (badField) return { errCode: 47003, errMsg: `argument invalid! data.${badField[0]}.value invalid` }
    const left = this.quota(message.touser, message.templateId)
    if (left <= 0) return { errCode: 43101, errMsg: 'user refuse to accept the msg' }
    // A used-up consent is forgotten rather than kept at 0: quotas then hold only what users have left.
    if (left === 1) this.quotas.delete(key(message.touser, message.templateId))
    else this.quotas.set(key(message.touser, message.templateId), left - 1)
    this.sent.push({ ...message, sentAt: this.now().toISOString() })
    this.sentCount++
    if (this.sent.length > OUTBOX_KEEP) this.sent.splice(0, this.sent.length - OUTBOX_KEEP)
    return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
  }

  clear(): void {
    this.failures.length = 0
    this.sent.length = 0
    this.sentCount = 0
    this.quotas.clear()
  }
}

const key = (openid: string, templateId: string) => `${openid}\u0000${templateId}`
