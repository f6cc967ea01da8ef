// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { AssignSheet } from '../../components/ticket/AssignSheet'
import { Complaint } from '../../components/ticket/Complaint'
import { InternalNotes, Thread } from '../../components/ticket/Conversation'
import { DeskActions, type DeskSheet } from '../../components/ticket/DeskActions'
import { Resolutions, Timeline } from '../../components/ticket/History'
import { MemberBrief } from '../../components/ticket/MemberBrief'
import { ReasonSheet } from '../../components/ticket/ReasonSheet'
import { REASON_STEPS } from '../../components/ticket/reasonSteps'
import { ResolveSheet } from '../../components/ticket/ResolveSheet'
import { NEW_RESOLVE_FORM } from '../../components/ticket/resolveForm'
import { RevisitPanel } from '../../components/ticket/RevisitPanel'
import { TicketHead } from '../../components/ticket/TicketHead'
import { useTicketClock } from '../../hooks/useTicketClock'
import { useTicketDesk } from '../../hooks/useTicketDesk'
import { confirmDialog } from '../../validation'

/** `?id=T…`: one ticket at the service desk. */
export default function TicketPage() {
  const ticketId = useRouter().params.id ?? ''
  return <RoleGate area='tickets'>{() => (ticketId ? <TicketDeskView ticketId={ticketId} /> : <Text className='admin-hint'>请从工单队列打开工单</Text>)}</RoleGate>
}

const done = (title: string) => void Taro.showToast({ title, icon: 'success' })
/** Passes an action's outcome on, saying so first when it went through. */
const toastOn = (title: string) => (ok: boolean) => {
  if (ok) done(title)
  return ok
}

export function TicketDeskView({ ticketId }: { ticketId: string }) {
  const desk = useTicketDesk(ticketId)
  const now = useTicketClock()
  const [sheet, setSheet] = useState<DeskSheet | null>(null)
  const [resolveForm, setResolveForm] = useState(NEW_RESOLVE_FORM)
  usePullDownRefresh(async () => {
    await desk.detail.reload()
    Taro.stopPullDownRefresh()
  })
  const { detail } = desk
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView message={detail.error.message} onRetry={detail.reload} />
  const { ticket, member } = detail.data
  const memberName = member?.name ?? '会员'
  const revisitOpen = ticket.revisit?.status === 'open'

  async function take() {
    const holder = ticket.assignee?.name
    if (holder && !(await confirmDialog('改由我处理', `该工单当前由${holder}处理，确定改由你跟进？`))) return
    await desk.take().then(toastOn('已受理'))
  }

  const reasonStep = sheet && sheet !== 'assign' && sheet !== 'resolve' ? REASON_STEPS[sheet] : null
  const reasonActions = { escalate: desk.escalate, close: desk.close, reopen: desk.reopen, closeRevisit: desk.closeRevisit }

  return (
    <View data-testid='ticket-desk'>
      <TicketHead ticket={ticket} now={now} />
      <Complaint ticket={ticket} />
      <DeskActions ticket={ticket} busy={desk.busy} onTake={() => void take()} onOpen={setSheet} />
      {revisitOpen && <RevisitPanel ticket={ticket} desk={desk} onCloseRevisit={() => setSheet('closeRevisit')} />}
      <MemberBrief member={member} />
      <Thread ticket={ticket} desk={desk} onSend={(text) => desk.reply(text).then(toastOn('回复已发送'))} />
      <InternalNotes ticket={ticket} desk={desk} onSend={(text) => desk.note(text).then(toastOn('备注已添加'))} />
      <Resolutions ticket={ticket} />
      {!revisitOpen && <RevisitPanel ticket={ticket} desk={desk} onCloseRevisit={() => setSheet('closeRevisit')} />}
      <Timeline ticket={ticket} />
      {sheet === 'assign' && (
        <AssignSheet
          currentOpenid={ticket.assignee?.openid ?? null}
          busy={desk.busy === 'assign'}
          onPick={(openid, name) => desk.assignTo(openid).then(toastOn(`已指派给${name}`))}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'resolve' && (
        <ResolveSheet
          form={resolveForm}
          onChange={setResolveForm}
          memberName={memberName}
          busy={desk.busy === 'resolve'}
          serverErrorAt={(path) => desk.errorOf('resolve', path)}
          onSubmit={async ({ summary, compensation }) => {
            const resolved = await desk.resolve(summary, compensation)
            if (resolved) {
              setSheet(null)
              setResolveForm(NEW_RESOLVE_FORM)
              done('已提交处理结果')
            }
            return resolved
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet && reasonStep && (
        <ReasonSheet
          key={sheet}
          step={reasonStep}
          busy={desk.busy !== null}
          serverError={desk.errorOf(sheet, 'reason')}
          onSubmit={(reason) => reasonActions[sheet as keyof typeof reasonActions](reason).then(toastOn(reasonStep.done))}
          onClose={() => setSheet(null)}
        />
      )}
    </View>
  )
}
