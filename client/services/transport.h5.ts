import type { CallEvent } from '@contract/actions'
import { currentDevIdentity } from './devIdentity'

/**
 * In the local H5 build: the dev server's function gateway (README: "Calling functions over HTTP").
 * The identity header stands in for what WeChat attaches to a real call.
 */
export async function transport(fn: string, data: CallEvent): Promise<unknown> {
  const openid = currentDevIdentity().openid
  const response = await fetch(`/api/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(data),
  })
  if (!response.ok && response.status !== 200) throw new Error(`HTTP ${response.status}`)
  return response.json()
}
