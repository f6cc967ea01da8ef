import { useRef, useState } from 'react'
import type { ErasureResult, MemberArchive } from '@contract/archive'
import type { LedgerEntry, OrderRecord } from '@contract/points'
import { useAttemptId } from '../../hooks/useAttemptId'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useCursorPages } from '../../hooks/useCursorPages'
import { asCloudError, toastError } from '../../hooks/useSubmit'
import { callCloud } from '../../services/cloud'

export type ArchiveAction = 'note' | 'birthday' | 'remove'

/**
 * One member's archive (the 360 page). The archive brings the first page of the ledger and of the
 * consumption records; more come from points.memberHistory and points.orders from its cursors.
 * Each load is numbered, so the lists start again from the archive's pages after a reload.
 */
export function useMemberArchive(cardNo: string) {
  const loads = useRef(0)
  const query = useCloudQuery(async () => ({ archive: await callCloud('member', 'archive', { cardNo }), load: ++loads.current }))
  const loaded = query.data
  const ledger = useCursorPages<LedgerEntry>(loaded ? `ledger:${loaded.load}` : null, async (cursor) => {
    if (cursor === undefined) return { items: loaded?.archive.ledger ?? [], nextCursor: loaded?.archive.ledgerCursor ?? null }
    const page = await callCloud('points', 'memberHistory', { cardNo, cursor })
    return { items: page.entries, nextCursor: page.nextCursor }
  })
  const orders = useCursorPages<OrderRecord>(loaded ? `orders:${loaded.load}` : null, async (cursor) => {
    if (cursor === undefined) return { items: loaded?.archive.orders ?? [], nextCursor: loaded?.archive.ordersCursor ?? null }
    const page = await callCloud('points', 'orders', { cardNo, cursor })
    return { items: page.orders, nextCursor: page.nextCursor }
  })
  const [busy, setBusy] = useState<ArchiveAction | null>(null)
  const [refused, setRefused] = useState<{ action: ArchiveAction; errors: Record<string, string> } | null>(null)
  const inFlight = useRef(false)
  // One id per note attempt: a tap retried after a lost answer adds the note once.
  const noteAttempt = useAttemptId()

  async function act<T>(name: ArchiveAction, send: () => Promise<T>): Promise<T | null> {
    if (inFlight.current) return null
    inFlight.current = true
    setBusy(name)
    try {
      const answer = await send()
      setRefused(null)
      return answer
    } catch (error) {
      const cloudError = asCloudError(error)
      setRefused({ action: name, errors: Object.fromEntries((cloudError.fields ?? []).map((field) => [field.path, field.message])) })
      toastError(cloudError)
      return null
    } finally {
      inFlight.current = false
      setBusy(null)
    }
  }

  function withArchive(change: (archive: MemberArchive) => MemberArchive): void {
    if (query.data) query.setData({ ...query.data, archive: change(query.data.archive) })
  }

  return {
    ...query,
    archive: loaded?.archive,
    ledger,
    orders,
    busy,
    /** The server's word on a field of this action's last refused attempt. */
    errorOf: (action: ArchiveAction, path: string): string | undefined => (refused?.action === action ? refused.errors[path] : undefined),
    addNote: async (text: string): Promise<boolean> => {
      const requestId = noteAttempt.idFor(`${cardNo}:${text}`)
      const note = await act('note', () => callCloud('member', 'addNote', { cardNo, text, requestId }))
      if (!note) return false
      noteAttempt.settle()
      // A retried request answers the note it added before: it is shown once.
      withArchive((archive) => ({ ...archive, notes: [note, ...archive.notes.filter((shown) => shown.id !== note.id)] }))
      return true
    },
    setBirthday: async (birthday: string, reason: string): Promise<boolean> => {
      const changed = await act('birthday', () => callCloud('member', 'setBirthday', { cardNo, birthday, reason }))
      if (!changed) return false
      withArchive((archive) => ({ ...archive, birthday: changed.birthday }))
      return true
    },
    remove: async (reason: string): Promise<ErasureResult | null> => {
      const erased = await act('remove', () => callCloud('member', 'removeMember', { cardNo, reason }))
      if (erased) void query.reload()
      return erased
    },
  }
}

export type MemberArchiveState = ReturnType<typeof useMemberArchive>
