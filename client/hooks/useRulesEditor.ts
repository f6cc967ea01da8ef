import type { PublishResult, RulesDraft, RulesOverview, RulesPreview } from '@contract/tiers'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'
import { useSubmit } from './useSubmit'

/**
 * The owner's rules editor: the active version and its history, a preview of a draft over the
 * current members, and publishing it. Field errors come back under the payload's paths
 * (`draft.tiers.2.threshold`).
 */
export function useRulesEditor() {
  const overview = useCloudQuery<RulesOverview>(() => callCloud('tiers', 'rules', {}))
  const previewing = useSubmit()
  const publishing = useSubmit()

  function preview(draft: RulesDraft): Promise<RulesPreview | undefined> {
    publishing.clearFieldErrors()
    return previewing.run(() => callCloud('tiers', 'preview', { draft }))
  }

  async function publish(draft: RulesDraft, explanation: string): Promise<PublishResult | undefined> {
    const published = await publishing.run(() => callCloud('tiers', 'publish', { draft, explanation }))
    if (published) await overview.reload()
    return published
  }

  return {
    overview,
    preview,
    publish,
    previewBusy: previewing.busy,
    publishBusy: publishing.busy,
    fieldErrors: { ...previewing.fieldErrors, ...publishing.fieldErrors },
    clearFieldErrors: () => {
      previewing.clearFieldErrors()
      publishing.clearFieldErrors()
    },
  }
}
