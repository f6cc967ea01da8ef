import type { SlaSettings } from '@contract/ticketFields'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'

/** 服务时限: the owner's settings as they stand, and saving new ones (they apply to tickets filed from then on). */
export function useTicketSla() {
  const settings = useCloudQuery<SlaSettings>(() => callCloud('ticket', 'sla', {}))
  const save = useSubmit()
  async function saveSettings(next: SlaSettings): Promise<boolean> {
    const saved = await save.run(() => callCloud('ticket', 'setSla', next))
    if (saved) settings.setData(saved)
    return saved !== undefined
  }
  return { settings, save: saveSettings, saving: save.busy, fieldErrors: save.fieldErrors, clearFieldErrors: save.clearFieldErrors }
}
