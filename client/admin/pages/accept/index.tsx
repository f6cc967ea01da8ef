// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import '../../components/staff/staff.scss'
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { textProblem } from '@contract/fields'
import { formatDateTime } from '@contract/format'
import { ROLE_LABELS } from '@contract/roles'
import type { InvitationInfo } from '@contract/staff'
import { INVITATION_TTL_MS, STAFF_NAME } from '@contract/workspaceFields'
import { FormField, Panel } from '../../../components/FormField'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { invitationTokenOf, useInvitationAccept } from '../../hooks/useInvitationAccept'
import { toast } from '../../validation'

const HOME = '/admin/pages/home/index'
const TTL_HOURS = INVITATION_TTL_MS / (60 * 60 * 1000)

/** Opened from an invitation's QR by whoever scanned it: not staff yet, so no RoleGate. */
export default function AcceptInvitationPage() {
  const token = invitationTokenOf(useRouter().params)
  return <View className='admin-page'>{token ? <AcceptInvitation token={token} /> : <EmptyView title='邀请二维码无效' description='请让店主或管理员重新生成邀请二维码后再扫码' />}</View>
}

export function AcceptInvitation({ token }: { token: string }) {
  const invitation = useInvitationAccept(token)
  const [typed, setTyped] = useState<string | null>(null)
  const { info } = invitation
  if (info.status === 'loading') return <LoadingView />
  if (info.status === 'error') return <ErrorView message={info.error.message} onRetry={info.reload} />
  const offer = info.data
  const name = typed ?? invitation.memberName ?? ''
  const nameError = textProblem(name, STAFF_NAME)
  const refusal = whyNot(offer)

  async function accept() {
    if (nameError) return toast(nameError)
    const whoami = await invitation.accept(name.trim())
    if (!whoami) return
    await Taro.redirectTo({ url: HOME })
    void Taro.showToast({ title: `已成为${whoami.role ? ROLE_LABELS[whoami.role] : '员工'}`, icon: 'success' })
  }

  return (
    <View className='ws-screen' data-testid='accept-invitation'>
      <View className='ws-poster'>
        <Text className='ws-poster__subtitle'>{offer.shopName}</Text>
        <Text className='ws-poster__title' data-testid='accept-role'>
          邀请你成为「{offer.roleName}」
        </Text>
        <Text className='ws-poster__line'>门店：{offer.storeName}</Text>
        <Text className='ws-poster__line'>邀请人：{offer.createdByName}</Text>
        <Text className='ws-poster__line'>有效期至：{formatDateTime(offer.expiresAt)}</Text>
        <Text className={`ws-tag ${offer.status === 'pending' ? '' : 'ws-tag--grey'}`} data-testid='accept-status'>
          {offer.statusLabel}
        </Text>
      </View>
      {refusal ? (
        <View className='admin-result' data-testid='accept-refusal'>
          <Text className='admin-result__warn'>{refusal.title}</Text>
          <Text className='admin-result__line'>{refusal.text}</Text>
          {offer.yourRole && (
            <Button type='primary' block onClick={() => void Taro.redirectTo({ url: HOME })} data-testid='accept-go-home'>
              进入员工后台
            </Button>
          )}
        </View>
      ) : (
        <>
          <Panel title='确认你的姓名'>
            <FormField label='姓名' error={(typed !== null || name ? nameError : null) ?? invitation.fieldErrors.name}>
              <Input className='admin-input' placeholder='同事们看到的名字' value={name} onInput={(event) => setTyped(event.detail.value)} data-testid='accept-name' />
            </FormField>
            <Text className='admin-note'>接受后即可使用员工后台；姓名会显示在员工列表和操作记录中。</Text>
          </Panel>
          <View className='admin-actions'>
            <Button type='primary' block loading={invitation.busy} disabled={invitation.busy || !invitation.memberLoaded} onClick={accept} data-testid='accept-submit'>
              接受邀请
            </Button>
          </View>
        </>
      )}
    </View>
  )
}

/** Why this invitation cannot be accepted, in the invitee's words; null while it can. */
function whyNot(offer: InvitationInfo): { title: string; text: string } | null {
  const askAgain = `如需加入，请联系${offer.createdByName}重新邀请。`
  if (offer.yourRole) return { title: `你已是本店${ROLE_LABELS[offer.yourRole]}`, text: '已是员工的微信无需再接受邀请；如需调整岗位或门店，请联系店主或管理员。' }
  if (offer.status === 'accepted') return { title: '这张邀请已被使用', text: `每张邀请二维码只能使用一次。${askAgain}` }
  if (offer.status === 'revoked') return { title: '这张邀请已被撤销', text: `邀请人已撤销这张二维码。${askAgain}` }
  if (offer.status === 'expired') return { title: '这张邀请已过期', text: `邀请二维码 ${TTL_HOURS} 小时内有效，已于 ${formatDateTime(offer.expiresAt)} 过期。${askAgain}` }
  return null
}
