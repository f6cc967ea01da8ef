import { SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '@contract/templates'
import { currentDevIdentity } from './devIdentity'

/** Local H5 stand-in for requestSubscribeMessage: the dev server's outbox records the consent as accepted. */
export async function requestConsent(purposes: TemplatePurpose[]): Promise<number> {
  const templateIds = purposes.slice(0, 3).map((purpose) => SUBSCRIBE_TEMPLATES[purpose])
  const openid = currentDevIdentity().openid
  if (!openid) return 0
  try {
    const response = await fetch('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, templateIds }) })
    return response.ok ? templateIds.length : 0
  } catch {
    return 0
  }
}
