import { useState } from 'react'
import type { MemberHit } from '@contract/archive'
import type { MemberQueryKind } from '@contract/workspaceFields'
import { useCursorPages } from '../../hooks/useCursorPages'
import { callCloud } from '../../services/cloud'

/**
 * 会员查询: one box for a card number, a phone number, its last 4 digits or the start of a name;
 * the server says how it read the query (`by`) and hands the hits out a page at a time.
 */
export function useMemberSearch() {
  // Each search is its own key, so searching the same text again asks afresh.
  const [searched, setSearched] = useState<{ query: string; n: number } | null>(null)
  const [by, setBy] = useState<MemberQueryKind | null>(null)
  const pages = useCursorPages<MemberHit>(searched && `${searched.n}:${searched.query}`, async (cursor) => {
    const page = await callCloud('member', 'search', { query: (searched as { query: string }).query, cursor })
    setBy(page.by)
    return { items: page.members, nextCursor: page.nextCursor }
  })
  return {
    ...pages,
    query: searched?.query ?? null,
    /** How the server read the query, once its first page is in. */
    by: pages.status === 'ready' ? by : null,
    search: (text: string) => setSearched((previous) => ({ query: text.trim(), n: (previous?.n ?? 0) + 1 })),
  }
}
