import type { LocalCloud } from '../../local/cloud'

/**
 * A person accepting templates in WeChat's requestSubscribeMessage dialog, and the app reporting it:
 * WeChat's own quota (the emulator's outbox) and the product's count (`marketing.consent`, as that
 * person). A template named twice is two acceptances, reported in two calls (one answer per template a call).
 */
export async function acceptConsent(cloud: LocalCloud, openid: string, templateIds: string[]): Promise<void> {
  cloud.outbox.grant(openid, templateIds)
  const left = [...templateIds]
  while (left.length > 0) {
    const batch: string[] = []
    for (let index = 0; index < left.length && batch.length < 3;) {
      if (batch.includes(left[index])) index++
      else batch.push(...left.splice(index, 1))
    }
    const answer = (await cloud.call('marketing', { action: 'consent', payload: { answers: Object.fromEntries(batch.map((id) => [id, 'accept'])) } }, { openid })) as { ok: boolean; error?: unknown }
    if (!answer.ok) throw new Error(`consent report failed: ${JSON.stringify(answer.error)}`)
  }
}
