import { useCallback, useEffect, useRef, useState } from 'react'
import type { SegmentFilter } from '@contract/marketingFields'
import { callCloud } from '../../services/cloud'
import { asCloudError, describeError } from '../../hooks/useSubmit'

/** How long the editor waits after the last change before it counts. */
export const COUNT_DELAY_MS = 400

/**
 * - waiting: a change is waiting for the pause in typing; counting: the server is counting;
 * - fresh: `members` is the count of the filter on screen; invalid: the form has a problem, nothing is asked;
 * - error: the count failed (`error`, and `fieldErrors` by filter field when the server named one).
 */
export type CountState = 'waiting' | 'counting' | 'fresh' | 'invalid' | 'error'

export interface LiveCount {
  /** The last count received, kept on screen (marked stale) while the next one is on its way. */
  members: number | null
  state: CountState
  error: string | null
  fieldErrors: Record<string, string>
  retry: () => void
}

/** The members a filter matches, counted again on the server ~400 ms after the marketer stops changing it. */
export function useLiveCount(filter: SegmentFilter | null): LiveCount {
  const key = filter ? JSON.stringify(filter) : null
  const [members, setMembers] = useState<number | null>(null)
  const [state, setState] = useState<CountState>(key === null ? 'invalid' : 'waiting')
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [attempt, setAttempt] = useState(0)
  const generation = useRef(0)

  useEffect(() => {
    const mine = ++generation.current
    if (key === null) {
      setState('invalid')
      return undefined
    }
    setState('waiting')
    const timer = setTimeout(() => {
      setState('counting')
      callCloud('marketing', 'countSegment', { filter: JSON.parse(key) as SegmentFilter })
        .then((count) => {
          if (mine !== generation.current) return
          setMembers(count.members)
          setError(null)
          setFieldErrors({})
          setState('fresh')
        })
        .catch((failure: unknown) => {
          if (mine !== generation.current) return
          const cloudError = asCloudError(failure)
          setFieldErrors(Object.fromEntries((cloudError.fields ?? []).map((field) => [field.path.replace(/^filter\./, ''), field.message])))
          setError(describeError(cloudError))
          setState('error')
        })
    }, COUNT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((count) => count + 1), [])
  return { members, state, error, fieldErrors, retry }
}
