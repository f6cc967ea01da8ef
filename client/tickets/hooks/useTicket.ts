import type { MemberTicket } from '@contract/ticket'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { asCloudError, useSubmit } from '../../hooks/useSubmit'
import { callCloud, type CloudError } from '../../services/cloud'

/**
 * One of the member's tickets and what they may do with it. Every action answers the ticket as it
 * now stands, which replaces what is on screen; a refusal other than a field's (the shop resolved
 * it meanwhile) toasts the server's words and reloads, so the buttons match the ticket again.
 */
export function useTicket(ticketId: string) {
  const detail = useCloudQuery(() => callCloud('ticket', 'detail', { ticketId }))
  const { busy, fieldErrors, run, clearFieldErrors } = useSubmit()

  async function act(call: () => Promise<MemberTicket>): Promise<MemberTicket | undefined> {
    let refused: CloudError | null = null
    const result = await run(() =>
      call().catch((error: unknown) => {
        refused = asCloudError(error)
        throw refused
      }),
    )
    if (result) detail.setData(result)
    else if (refused && (refused as CloudError).code !== 'INVALID_INPUT') void detail.reload()
    return result
  }

  return {
    detail,
    busy,
    fieldErrors,
    clearFieldErrors,
    reply: (text: string) => act(() => callCloud('ticket', 'reply', { ticketId, text })),
    withdraw: () => act(() => callCloud('ticket', 'withdraw', { ticketId })),
    confirm: () => act(() => callCloud('ticket', 'confirm', { ticketId })),
    reopen: (reason: string) => act(() => callCloud('ticket', 'reopen', { ticketId, reason })),
    rate: (score: number, comment: string) => act(() => callCloud('ticket', 'rate', { ticketId, score, comment })),
  }
}
