import type { ActivityDetail } from '@contract/activity'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'
import { callCloud } from '../../services/cloud'

/**
 * One activity as the member sees it, and what they can do with it. Each action answers the
 * activity (or the signup) as it now stands, which replaces what is on screen; a refusal (full,
 * closed meanwhile) toasts the server's words and reloads, so the button says where they stand now.
 */
export function useActivity(activityId: string) {
  const detail = useCloudQuery(() => callCloud('activity', 'detail', { activityId }))
  const { busy, run } = useSubmit()

  async function act<T>(call: () => Promise<T>, settle: (result: T, shown: ActivityDetail) => ActivityDetail): Promise<T | undefined> {
    const shown = detail.data
    const result = await run(call)
    if (result === undefined) void detail.reload()
    else if (shown) detail.setData(settle(result, shown))
    return result
  }

  return {
    detail,
    busy,
    signup: () =>
      act(
        () => callCloud('activity', 'signup', { activityId }),
        (result) => result.activity,
      ),
    cancelSignup: () =>
      act(
        () => callCloud('activity', 'cancelSignup', { activityId }),
        (activity) => activity,
      ),
    rate: (score: number, comment: string) =>
      act(
        () => callCloud('activity', 'rate', { activityId, score, comment }),
        (mine, shown) => ({ ...shown, mine }),
      ),
  }
}
