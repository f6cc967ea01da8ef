// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { roleMayCall } from '@contract/access'
import type { Role } from '@contract/roles'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { SlaEditor } from '../../components/ticket/SlaEditor'
import { SlaSummary } from '../../components/ticket/SlaSummary'
import { useTicketSla } from '../../hooks/useTicketSla'
import { toast } from '../../validation'

export default function SlaPage() {
  return <RoleGate area='sla'>{(role) => <SlaSettingsView role={role} />}</RoleGate>
}

/** The owner edits; the others who work tickets read the times they are held to. */
export function SlaSettingsView({ role }: { role: Role }) {
  const sla = useTicketSla()
  const [dirty, setDirty] = useState(false)
  // The form starts again from what was loaded or saved (the key), so a refresh never overwrites what is being typed.
  const [version, setVersion] = useState(0)
  usePullDownRefresh(async () => {
    if (dirty) toast('有未保存的修改，保存后再刷新')
    else {
      await sla.settings.reload()
      setVersion((current) => current + 1)
    }
    Taro.stopPullDownRefresh()
  })
  const { settings } = sla
  if (settings.status === 'loading') return <LoadingView />
  if (settings.status === 'error') return <ErrorView message={settings.error.message} onRetry={settings.reload} />
  if (!roleMayCall(role, 'ticket', 'setSla')) return <SlaSummary settings={settings.data} />

  return (
    <View data-testid='sla-page'>
      <SlaEditor
        key={version}
        settings={settings.data}
        saving={sla.saving}
        serverErrors={sla.fieldErrors}
        onEdit={() => {
          setDirty(true)
          sla.clearFieldErrors()
        }}
        onSave={async (next) => {
          const saved = await sla.save(next)
          if (saved) {
            setDirty(false)
            Taro.showToast({ title: '已保存', icon: 'success' })
          }
          return saved
        }}
      />
    </View>
  )
}
