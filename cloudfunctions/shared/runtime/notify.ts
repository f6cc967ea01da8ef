import { SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '../contract/templates'
import { openapi, type OpenApiResult } from './openapi'

/** The deployment's template ID for a purpose: HUIYUAN_TEMPLATE_<PURPOSE> when set, else the registry's. */
export function templateId(purpose: TemplatePurpose): string {
  return process.env[`HUIYUAN_TEMPLATE_${purpose.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`] || SUBSCRIBE_TEMPLATES[purpose]
}

/** Every template ID this deployment uses (a consent report naming any other is ignored). */
export function knownTemplateIds(): Set<string> {
  return new Set((Object.keys(SUBSCRIBE_TEMPLATES) as TemplatePurpose[]).map(templateId))
}

/** One call to WeChat. A throw (network, timeout) answers -1, which the caller treats as transient. */
export async function sendSubscribe(message: { touser: string; templateId: string; page: string; data: Record<string, string> }): Promise<OpenApiResult> {
  try {
    return await openapi().sendSubscribeMessage({
      touser: message.touser,
      templateId: message.templateId,
      page: message.page,
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
    })
  } catch (error) {
    return { errCode: -1, errMsg: error instanceof Error ? error.message : String(error) }
  }
}
