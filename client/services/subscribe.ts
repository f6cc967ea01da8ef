import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '@contract/templates'

/**
 * Asks the member for one-time consent to the given messages (订阅消息). WeChat allows it only inside
 * a tap handler and at most 3 templates a call; each accepted template allows one message. A refusal
 * is the member's choice, never an error to show.
 */
export async function requestConsent(purposes: TemplatePurpose[]): Promise<number> {
  const tmplIds = purposes.slice(0, 3).map((purpose) => SUBSCRIBE_TEMPLATES[purpose])
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, string>
    return tmplIds.filter((id) => answer[id] === 'accept').length
  } catch {
    return 0
  }
}
