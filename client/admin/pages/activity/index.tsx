// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ActivityDraft } from '@contract/activity'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { ActivityForm } from '../../components/activity/ActivityForm'
import { ActivitySummary } from '../../components/activity/ActivitySummary'
import { formOfActivity, newActivityForm } from '../../components/activity/activityForm'
import { CancelDialog } from '../../components/activity/CancelDialog'
import { RoleGate } from '../../components/RoleGate'
import { useActivityEditor } from '../../hooks/useActivityEditor'
import { confirmDialog, toast } from '../../validation'

/** `?id=` manages that activity; without it, a new one is created (and managed here once saved). */
export default function ActivityAdminPage() {
  const activityId = useRouter().params.id ?? null
  return <RoleGate area='activities'>{() => <ActivityManager activityId={activityId} />}</RoleGate>
}

export function ActivityManager({ activityId }: { activityId: string | null }) {
  const editor = useActivityEditor(activityId)
  const [dirty, setDirty] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const { detail } = editor
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView message={detail.error.message} onRetry={detail.reload} />
  const activity = detail.data
  const readOnly = activity !== null && (activity.status === 'cancelled' || activity.status === 'closed' || activity.phase === 'ended')

  async function save(draft: ActivityDraft) {
    const saved = await editor.saveDraft(draft)
    if (!saved) return
    setDirty(false)
    Taro.showToast({ title: activity ? '已保存' : '已创建草稿', icon: 'success' })
  }

  async function publish() {
    if (!activity) return
    if (dirty) return toast('请先保存修改')
    if (!(await confirmDialog('发布活动', `发布后会员即可看到「${activity.title}」，并按设定时间报名`, '发布'))) return
    if (await editor.publish()) Taro.showToast({ title: '已发布', icon: 'success' })
  }

  async function unpublish() {
    if (!activity) return
    if (!(await confirmDialog('取消发布', `「${activity.title}」将退回草稿，会员不再看到它`, '取消发布'))) return
    if (await editor.unpublish()) Taro.showToast({ title: '已退回草稿', icon: 'success' })
  }

  async function cancel(reason: string) {
    if (await editor.cancel(reason)) {
      setCancelling(false)
      Taro.showToast({ title: '活动已取消', icon: 'success' })
    }
  }

  return (
    <View data-testid='activity-manager'>
      {activity && <ActivitySummary activity={activity} busy={editor.changing} onPublish={publish} onUnpublish={unpublish} onCancel={() => setCancelling(true)} />}
      <ActivityForm
        key={activity?.id ?? 'new'}
        initial={activity ? formOfActivity(activity) : newActivityForm(new Date())}
        serverErrors={editor.fieldErrors}
        onEdit={() => {
          setDirty(true)
          editor.clearFieldErrors()
        }}
        busy={editor.saving}
        submitLabel={activity ? '保存修改' : '保存草稿'}
        readOnly={readOnly}
        onSave={save}
        upload={editor.uploadCover}
      />
      {cancelling && activity && <CancelDialog title={activity.title} busy={editor.changing} serverError={editor.changeErrors.reason} onConfirm={cancel} onClose={() => setCancelling(false)} />}
    </View>
  )
}
