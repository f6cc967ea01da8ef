import { activityRefPayload, compareActivitiesPayload, type ActivityEvaluation, type ActivityTypeComparison } from '../../shared/contract/activity'
import { compareRecentActivities, evaluationOf } from '../../shared/app/activityEvaluations'
import { activitiesRepo } from '../../shared/data/activities'
import { AppError, defineAction } from '../../shared/runtime'

export const evaluate = defineAction({
  schema: activityRefPayload,
  async handler({ activityId }, { db, now }): Promise<ActivityEvaluation> {
    const activity = await activitiesRepo(db).byId(activityId)
    if (!activity) throw new AppError('NOT_FOUND', '活动不存在')
    return evaluationOf(db, activity, now)
  },
})

/** Each activity type's figures side by side, over the latest ended activities. */
export const compare = defineAction({
  schema: compareActivitiesPayload,
  async handler(_payload, { db, now }): Promise<ActivityTypeComparison[]> {
    return compareRecentActivities(db, now)
  },
})
