import { useState } from 'react'
import type { Campaign, CampaignPreview } from '@contract/marketing'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'
import type { CampaignDraft } from '../components/campaignForm'

type Change = 'startCampaign' | 'pauseCampaign' | 'resumeCampaign' | 'cancelCampaign'

/**
 * One campaign as the marketer manages it: its detail (none yet when creating), saving the draft,
 * the preview of the saved draft, and starting, pausing, resuming and cancelling it.
 */
export function useCampaignEditor(initialId: string | null) {
  const [campaignId, setCampaignId] = useState(initialId)
  const detail = useCloudQuery<Campaign | null>(() => (campaignId ? callCloud('marketing', 'campaign', { id: campaignId }) : Promise.resolve(null)))
  const save = useSubmit()
  const act = useSubmit()
  const [preview, setPreview] = useState<CampaignPreview | null>(null)

  async function saveDraft(draft: CampaignDraft): Promise<Campaign | undefined> {
    const current = detail.data
    const saved = await save.run(() => (current ? callCloud('marketing', 'updateCampaign', { id: current.id, ...draft }) : callCloud('marketing', 'createCampaign', draft)))
    if (saved) {
      setPreview(null)
      setCampaignId(saved.id)
      detail.setData(saved)
    }
    return saved
  }

  async function runPreview(id: string): Promise<CampaignPreview | undefined> {
    const result = await act.run(() => callCloud('marketing', 'previewCampaign', { id }))
    if (result) setPreview(result)
    return result
  }

  async function change(action: Change): Promise<Campaign | undefined> {
    const current = detail.data
    if (!current) return undefined
    const changed = await act.run(() => callCloud('marketing', action, { id: current.id }))
    if (changed) detail.setData(changed)
    return changed
  }

  return {
    detail,
    saveDraft,
    saving: save.busy,
    fieldErrors: save.fieldErrors,
    clearFieldErrors: save.clearFieldErrors,
    preview,
    clearPreview: () => setPreview(null),
    runPreview,
    change,
    acting: act.busy,
  }
}

export type CampaignEditor = ReturnType<typeof useCampaignEditor>
