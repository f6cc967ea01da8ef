import type { MemberCard } from '@contract/member'
import type { InvitationInfo, WhoAmI } from '@contract/staff'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'

/**
 * The invitee's side: what the invitation offers and whether it is still open, the member's own
 * name (the name field's default, if they are a member), and accepting it.
 */
export function useInvitationAccept(token: string) {
  const info = useCloudQuery<InvitationInfo>(() => callCloud('staff', 'invitationInfo', { token }))
  const member = useCloudQuery<MemberCard | null>(() => callCloud('member', 'me', {}))
  const submit = useSubmit()

  async function accept(name: string): Promise<WhoAmI | undefined> {
    const answer = await submit.run(() => callCloud('staff', 'acceptInvitation', { token, name }))
    // Refused (used by someone else a moment ago, expired, revoked): the page says which.
    if (!answer) void info.reload()
    return answer
  }

  return { info, memberName: member.data?.name ?? null, memberLoaded: member.status !== 'loading', accept, busy: submit.busy, fieldErrors: submit.fieldErrors }
}

/**
 * The token the invitation's QR carries. WeChat opens the page with `scene` (URL-encoded,
 * `inv=<token>`); a link in a browser or the dev server has `?token=`.
 */
export function invitationTokenOf(params: Record<string, string | undefined>): string | null {
  if (params.token) return params.token
  if (!params.scene) return null
  let scene = params.scene
  try {
    scene = decodeURIComponent(scene)
  } catch {
    // A scene that does not decode is read as it came.
  }
  const match = /(?:^|&)inv=([^&]+)/.exec(scene)
  return match ? match[1] : null
}
