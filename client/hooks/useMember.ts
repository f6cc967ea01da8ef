import type { JoinPayload, MemberCard } from '@contract/member'
import type { PayloadOf } from '@contract/actions'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** What a member (or a visitor joining) can change; each answers the new card, handed to `onCard`. */
export function useMemberActions(onCard: (card: MemberCard) => void = () => undefined) {
  async function settle(call: Promise<MemberCard>): Promise<MemberCard> {
    const card = await call
    onCard(card)
    return card
  }
  return {
    join: (form: JoinPayload) => settle(callCloud('member', 'join', form)),
    updateProfile: (change: PayloadOf<'member', 'updateProfile'>) => settle(callCloud('member', 'updateProfile', change)),
    bindPhone: (code: string) => settle(callCloud('member', 'bindPhone', { code })),
  }
}

/** The caller's member card (`null` for someone who has not joined), and what a member can change. */
export function useMember() {
  const query = useCloudQuery<MemberCard | null>(() => callCloud('member', 'me', {}))
  // Only `me` reads the shop's name; a card answered by an edit keeps the one on screen.
  const actions = useMemberActions((card) => query.setData({ ...card, shopName: card.shopName ?? query.data?.shopName }))
  return { ...query, member: query.data, ...actions }
}
