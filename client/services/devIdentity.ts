/**
 * Dev-only stand-in for "who is holding the phone" in the local H5 build. The weapp build never
 * imports this (only transport.h5.ts and DevPanel's h5 file do).
 */
export interface DevIdentity {
  key: string
  label: string
  openid: string
}

export const DEV_IDENTITIES: DevIdentity[] = [
  { key: 'member', label: '会员 A（林晓雨）', openid: 'demo-member-gold' },
  { key: 'member-b', label: '会员 B（陈一鸣）', openid: 'demo-member-regular' },
  { key: 'cashier', label: '收银员', openid: 'demo-cashier' },
  { key: 'service', label: '客服', openid: 'demo-service' },
  { key: 'marketing', label: '营销', openid: 'demo-marketing' },
  { key: 'admin', label: '管理员（赵经理）', openid: 'demo-admin' },
  { key: 'owner', label: '店主', openid: 'demo-owner' },
  { key: 'visitor', label: '新访客', openid: '' },
]

const STORAGE_KEY = 'huiyuan.devIdentity'

/** Someone opening the app for the first time is a stranger: a fresh visitor until they switch. */
export function currentDevIdentity(): DevIdentity {
  const key = readKey() ?? remember(freshVisitorKey())
  const known = DEV_IDENTITIES.find((identity) => identity.key === key)
  if (known) return known
  return { key, label: '新访客', openid: key }
}

/** A new visitor gets a fresh OPENID each time, as a stranger scanning the shop's code would. */
export function switchDevIdentity(key: string): void {
  remember(key === 'visitor' ? freshVisitorKey() : key)
  window.location.hash = '#/pages/card/index'
  window.location.reload()
}

/** `?as=<key>` (a key above, `visitor`, or `visitor-<id>`) chooses an identity once, for links and tests. */
function readKey(): string | null {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('as')
  if (fromUrl) {
    params.delete('as')
    const query = params.toString()
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`)
    return remember(fromUrl === 'visitor' ? freshVisitorKey() : fromUrl)
  }
  return window.localStorage.getItem(STORAGE_KEY)
}

function remember(key: string): string {
  window.localStorage.setItem(STORAGE_KEY, key)
  return key
}

function freshVisitorKey(): string {
  return `visitor-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}
