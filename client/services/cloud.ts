import type { ActionName, FunctionName, PayloadOf, ResultOf } from '@contract/actions'
import type { ActionError, Envelope, ErrorCode } from '@contract/errors'
import { ERROR_MESSAGES } from '@contract/errors'
import { transport } from './transport'

/** An action that answered `{ ok: false }`, or a call that never reached the function. */
export class CloudError extends Error {
  readonly code: ErrorCode
  readonly fields: ActionError['fields']
  constructor(error: ActionError) {
    super(error.message)
    this.code = error.code
    this.fields = error.fields
  }
}

/** The one way the client reaches the server: `callCloud('member', 'join', form)`. */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload: PayloadOf<F, A>): Promise<ResultOf<F, A>> {
  let envelope: Envelope<ResultOf<F, A>>
  try {
    envelope = (await transport(fn, { action, payload })) as Envelope<ResultOf<F, A>>
  } catch {
    throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
  }
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) throw new CloudError({ code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL })
  if (!envelope.ok) throw new CloudError(envelope.error)
  return envelope.data
}
