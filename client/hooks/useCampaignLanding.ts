import { useEffect, useRef } from 'react'
import { useRouter } from '@tarojs/taro'
import { callCloud } from '../services/cloud'

const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,40}$/

/**
 * A campaign message opens its landing page with `?campaign=<id>`: tells the server the message was
 * opened, once per page instance. The count is the shop's, so a failure is never shown.
 */
export function useCampaignLanding(): void {
  const campaignId = campaignOf(useRouter()?.params?.campaign)
  const told = useRef(false)
  useEffect(() => {
    if (told.current || !campaignId) return
    told.current = true
    callCloud('marketing', 'opened', { campaignId }).catch(() => undefined)
  }, [campaignId])
}

function campaignOf(param: string | undefined): string | null {
  if (!param) return null
  try {
    const id = decodeURIComponent(param)
    return CAMPAIGN_ID.test(id) ? id : null
  } catch {
    return null
  }
}
