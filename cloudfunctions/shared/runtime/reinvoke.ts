import { sdk } from './cloud'

/**
 * How a job hands the rest of its work to a fresh invocation (a new 60 s budget): `callFunction` on
 * itself. Locally the emulator answers that call: it records the hand-over and runs it only when
 * told to, so tests can watch a chain without it running away.
 */
export interface ReinvokePort {
  reinvoke(
    action: 'expirePoints' | 'reconcile' | 'evaluateTiers' | 'birthdays' | 'applyRules' | 'hourly' | 'sweep' | 'tick' | 'exportChunk' | 'daily' | 'backfill',
    payload: Record<string, unknown>,
    fn?: 'jobs' | 'activity' | 'ticket' | 'marketing' | 'staff' | 'stats',
  ): Promise<void>
}

/** callFunction answers only when the callee finishes; waiting that long would break our own timeout. */
const HAND_OVER_WAIT_MS = 2_000

export function reinvokePort(): ReinvokePort {
  return {
    async reinvoke(action, payload, fn = 'jobs') {
      const call = Promise.resolve(sdk().callFunction({ name: fn, data: { action, payload } })).then(
        () => undefined,
        (error: unknown) => console.error(`[${fn}.reinvoke]`, error),
      )
      await Promise.race([call, new Promise((resolve) => setTimeout(resolve, HAND_OVER_WAIT_MS))])
    },
  }
}
