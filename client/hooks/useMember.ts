import type { JoinPayload, MemberCard } from '@contract/member'
import { callCloud } from '../services/cloud'
import { useCloudQuery } from './useCloudQuery'

/** The caller's member card (`null` for someone who has not joined) and the way to join. */
export function useMember() {
  const query = useCloudQuery<MemberCard | null>(() => callCloud('member', 'me', {}))
  async function join(form: JoinPayload): Promise<MemberCard> {
    const card = await callCloud('member', 'join', form)
    query.setData(card)
    return card
  }
  return { ...query, member: query.data, join }
}
