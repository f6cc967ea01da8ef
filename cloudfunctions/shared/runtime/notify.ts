import dayjs from 'dayjs'
import { SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '../contract/templates'
import { SHOP_TIME_ZONE } from '../domain/calendar'
import { openapi } from './openapi'

/** WeChat's `time` field format: 2026年11月22日 15:01, on the shop's clock. */
export function templateTime(at: Date): string {
  return dayjs(at).tz(SHOP_TIME_ZONE).format('YYYY年MM月DD日 HH:mm')
}

/** `thing` fields allow 20 characters; longer text is cut rather than failing the send (47003). */
export function templateThing(text: string): string {
  const characters = [...text]
  return characters.length <= 20 ? text : `${characters.slice(0, 19).join('')}…`
}

export function templateId(purpose: TemplatePurpose): string {
  return process.env[`HUIYUAN_TEMPLATE_${purpose.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`] || SUBSCRIBE_TEMPLATES[purpose]
}

/**
 * Sends after the change is committed, never inside a transaction. A member without consent left
 * (43101) simply gets no message; nothing is retried or queued.
 */
export async function notify(openid: string, purpose: TemplatePurpose, data: Record<string, string>, page = 'pages/card/index'): Promise<{ sent: boolean; errCode: number }> {
  try {
    const result = await openapi().sendSubscribeMessage({ touser: openid, templateId: templateId(purpose), page, data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])) })
    if (result.errCode !== 0 && result.errCode !== 43101) console.warn(`[notify ${purpose}] ${result.errCode} ${result.errMsg}`)
    return { sent: result.errCode === 0, errCode: result.errCode }
  } catch (error) {
    console.warn(`[notify ${purpose}]`, error)
    return { sent: false, errCode: -1 }
  }
}
