import { formatDateTime } from '@contract/format'
import { toShopDateTime } from '@contract/activityFields'

/** `2026年12月24日 19:00–21:00`, or both ends in full when it runs past midnight (Beijing days). */
export function activityWhen(startAt: string, endAt: string): string {
  const sameDay = toShopDateTime(startAt).slice(0, 10) === toShopDateTime(endAt).slice(0, 10)
  return sameDay ? `${formatDateTime(startAt)}–${toShopDateTime(endAt).slice(11)}` : `${formatDateTime(startAt)} 至 ${formatDateTime(endAt)}`
}
