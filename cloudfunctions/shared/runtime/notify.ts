import { SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '../contract/templates'
import type { Message } from '../domain/messages'
import { openapi } from './openapi'

export function templateId(purpose: TemplatePurpose): string {
  return process.env[`HUIYUAN_TEMPLATE_${purpose.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`] || SUBSCRIBE_TEMPLATES[purpose]
}

/**
 * Sends after the change is committed, never inside a transaction. A member without consent left
 * (43101) simply gets no message; nothing is retried or queued.
 */
export async function notify(openid: string, purpose: TemplatePurpose, data: Record<string, string>, page = 'pages/card/index'): Promise<{ sent: boolean; errCode: number }> {
  try {
    const result = await openapi().sendSubscribeMessage({
      touser: openid,
      templateId: templateId(purpose),
      page,
      data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
    })
    if (result.errCode !== 0 && result.errCode !== 43101) console.warn(`[notify ${purpose}] ${result.errCode} ${result.errMsg}`)
    return { sent: result.errCode === 0, errCode: result.errCode }
  } catch (error) {
    console.warn(`[notify ${purpose}]`, error)
    return { sent: false, errCode: -1 }
  }
}

/** A committed decision's messages, one after another (each member's quota is their own). */
export async function send(messages: readonly Message[]): Promise<void> {
  for (const message of messages) await notify(message.openid, message.purpose, message.data, message.page)
}
