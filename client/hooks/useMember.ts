import type { JoinPayload, MemberCard } from '@contract/member'
import type { PayloadOf } from '@contract/actions'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** The caller's member card (`null` for someone who has not joined), and what a member can change. */
export function useMember() {
  const query = useCloudQuery<MemberCard | null>(() => callCloud('member', 'me', {}))
  async function settle(call: Promise<MemberCard>): Promise<MemberCard> {
    const card = await call
    query.setData(card)
    return card
  }
  return {
    ...query,
    member: query.data,
    join: (form: JoinPayload) => settle(callCloud('member', 'join', form)),
    updateProfile: (change: PayloadOf<'member', 'updateProfile'>) => settle(callCloud('member', 'updateProfile', change)),
    bindPhone: (code: string) => settle(callCloud('member', 'bindPhone', { code })),
  }
}
