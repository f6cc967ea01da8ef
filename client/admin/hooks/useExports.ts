import { useEffect, useRef, useState } from 'react'
import type { ExportJob } from '@contract/staff'
import type { ExportKind } from '@contract/workspaceFields'
import { callCloud } from '../../services/cloud'
import { useAttemptId } from '../../hooks/useAttemptId'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { asCloudError, useSubmit } from '../../hooks/useSubmit'

/** How often a running export is asked how far it has got. */
export const EXPORT_POLL_MS = 2000

export interface ExportRequest {
  kind: ExportKind
  from: string
  to: string
  fullPhone: boolean
}

/**
 * 数据导出: starting a job, following the one on screen until it is done or failed, and the
 * recent ones. A failed poll (the network) does not stop the following: the next one may answer.
 */
export function useExports() {
  const recent = useCloudQuery<ExportJob[]>(() => callCloud('staff', 'exports', {}))
  const attempt = useAttemptId()
  const submit = useSubmit()
  const [job, setJob] = useState<ExportJob | null>(null)
  const [pollProblem, setPollProblem] = useState<string | null>(null)
  const [polls, setPolls] = useState(0)
  const following = useRef<string | null>(null)
  following.current = job?.id ?? null

  useEffect(() => {
    if (!job || job.status !== 'running') return undefined
    const timer = setTimeout(() => {
      callCloud('staff', 'exportStatus', { id: job.id }).then(
        (next) => {
          if (following.current !== next.id) return
          setPollProblem(null)
          setJob(next)
          if (next.status !== 'running') void recent.reload()
        },
        (error: unknown) => {
          if (following.current !== job.id) return
          setPollProblem(asCloudError(error).message)
          setPolls((count) => count + 1)
        },
      )
    }, EXPORT_POLL_MS)
    return () => clearTimeout(timer)
    // recent.reload is stable; the poll follows the job on screen and the retries after a failed poll.
  }, [job, polls])

  async function start(request: ExportRequest): Promise<ExportJob | undefined> {
    const requestId = attempt.idFor(JSON.stringify(request))
    const started = await submit.run(() => callCloud('staff', 'startExport', { ...request, requestId }))
    if (started) {
      attempt.settle()
      setPollProblem(null)
      setJob(started)
      void recent.reload()
    }
    return started
  }

  return { recent, job, follow: setJob, dismiss: () => setJob(null), pollProblem, start, starting: submit.busy, fieldErrors: submit.fieldErrors }
}
