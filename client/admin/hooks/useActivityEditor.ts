import { useState } from 'react'
import type { ActivityDraft, StaffActivity } from '@contract/activity'
import { callCloud } from '../../services/cloud'
import { uploadImage } from '../../services/upload'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'
import { draftOf, editOf, formOfActivity } from '../components/activity/activityForm'

/**
 * One activity as staff manage it: its detail (none yet when creating), saving the form, and
 * publishing, unpublishing and cancelling it. A created activity becomes the one managed here.
 */
export function useActivityEditor(initialId: string | null) {
  const [activityId, setActivityId] = useState(initialId)
  const detail = useCloudQuery<StaffActivity | null>(() => (activityId ? callCloud('activity', 'adminDetail', { activityId }) : Promise.resolve(null)))
  const save = useSubmit()
  const change = useSubmit()

  async function saveDraft(draft: ActivityDraft): Promise<StaffActivity | undefined> {
    const current = detail.data
    const saved = await save.run(() => {
      if (!current) return callCloud('activity', 'create', draft)
      const original = draftOf(formOfActivity(current)).draft
      return callCloud('activity', 'update', original ? editOf(current.id, draft, original) : { activityId: current.id, ...draft })
    })
    if (saved) {
      setActivityId(saved.id)
      detail.setData(saved)
    }
    return saved
  }

  async function changeStatus(send: (activityId: string) => Promise<StaffActivity>): Promise<StaffActivity | undefined> {
    const current = detail.data
    if (!current) return undefined
    const changed = await change.run(() => send(current.id))
    if (changed) detail.setData(changed)
    return changed
  }

  return {
    detail,
    saveDraft,
    saving: save.busy,
    fieldErrors: save.fieldErrors,
    clearFieldErrors: save.clearFieldErrors,
    publish: () => changeStatus((id) => callCloud('activity', 'publish', { activityId: id })),
    unpublish: () => changeStatus((id) => callCloud('activity', 'unpublish', { activityId: id })),
    cancel: (reason: string) => changeStatus((id) => callCloud('activity', 'cancel', { activityId: id, reason })),
    changing: change.busy,
    changeErrors: change.fieldErrors,
    /** The cover goes to cloud storage first; the activity keeps its file ID, which the server checks. */
    uploadCover: (path: string) => uploadImage(path, 'activities'),
  }
}

export type ActivityEditor = ReturnType<typeof useActivityEditor>
