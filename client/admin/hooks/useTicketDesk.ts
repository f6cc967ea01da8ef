import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { CompensationInput, StaffTicket, TicketMemberSummary } from '@contract/ticket'
import type { ContactChannel, ContactOutcome } from '@contract/ticketFields'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { asCloudError, toastError } from '../../hooks/useSubmit'
import { useAttemptId } from '../../hooks/useAttemptId'

export type DeskAction = 'take' | 'assign' | 'reply' | 'note' | 'resolve' | 'escalate' | 'close' | 'reopen' | 'contact' | 'closeRevisit'

/** The member as `staffDetail` described them. */
export type DeskMember = TicketMemberSummary

interface DeskState {
  ticket: StaffTicket
  member: DeskMember | null
}

/**
 * One ticket at the service desk. Every action answers the whole ticket, which replaces what is
 * shown; only `staffDetail` describes the member, so that summary is kept from the load. A
 * CONFLICT (a colleague took or changed the ticket first) shows the server's words and reloads.
 */
export function useTicketDesk(ticketId: string) {
  const detail = useCloudQuery<DeskState>(async () => {
    const ticket = await callCloud('ticket', 'staffDetail', { ticketId })
    return { ticket, member: ticket.member }
  })
  const [busy, setBusy] = useState<DeskAction | null>(null)
  // The envelope's field errors, and which action they answer: a refused reply marks the reply box, not the note's.
  const [refused, setRefused] = useState<{ action: DeskAction; errors: Record<string, string> } | null>(null)
  const inFlight = useRef(false)
  // One id per resolution attempt: a retried tap (the answer lost) is the same resolution, never a second compensation.
  const resolution = useAttemptId()

  async function act(name: DeskAction, send: () => Promise<StaffTicket>): Promise<boolean> {
    const current = detail.data
    if (!current || inFlight.current) return false
    inFlight.current = true
    setBusy(name)
    try {
      const ticket = await send()
      setRefused(null)
      detail.setData({ ticket, member: current.member })
      return true
    } catch (error) {
      const cloudError = asCloudError(error)
      if (cloudError.code === 'CONFLICT') {
        setRefused(null)
        await Taro.showModal({ title: '工单已有变化', content: cloudError.message, showCancel: false, confirmText: '知道了', confirmColor: '#c8963e' })
        void detail.reload()
      } else {
        setRefused({ action: name, errors: Object.fromEntries((cloudError.fields ?? []).map((field) => [field.path, field.message])) })
        toastError(cloudError)
      }
      return false
    } finally {
      inFlight.current = false
      setBusy(null)
    }
  }

  return {
    detail,
    busy,
    /** The server's word on a field of this action's last refused attempt (`text`, `summary`, `compensation.points`…). */
    errorOf: (action: DeskAction, path: string): string | undefined => (refused?.action === action ? refused.errors[path] : undefined),
    take: () => act('take', () => callCloud('ticket', 'assign', { ticketId })),
    assignTo: (to: string) => act('assign', () => callCloud('ticket', 'assign', { ticketId, to })),
    reply: (text: string) => act('reply', () => callCloud('ticket', 'staffReply', { ticketId, text })),
    note: (text: string) => act('note', () => callCloud('ticket', 'note', { ticketId, text })),
    resolve: async (summary: string, compensation: CompensationInput | null) => {
      const requestId = resolution.idFor(JSON.stringify([ticketId, summary, compensation]))
      const done = await act('resolve', () => callCloud('ticket', 'resolve', { ticketId, summary, compensation, requestId }))
      if (done) resolution.settle()
      return done
    },
    escalate: (reason: string) => act('escalate', () => callCloud('ticket', 'escalate', { ticketId, reason })),
    close: (reason: string) => act('close', () => callCloud('ticket', 'close', { ticketId, reason })),
    reopen: (reason: string) => act('reopen', () => callCloud('ticket', 'staffReopen', { ticketId, reason })),
    closeRevisit: (reason: string) => act('closeRevisit', () => callCloud('ticket', 'closeRevisit', { ticketId, reason })),
    logContact: (channel: ContactChannel, outcome: ContactOutcome, note: string) => act('contact', () => callCloud('ticket', 'logContact', { ticketId, channel, outcome, note })),
  }
}

export type TicketDesk = ReturnType<typeof useTicketDesk>
