import { isValidCardNo } from './cardNumber'

/**
 * The scene of a shop's join code (`wxacode.getUnlimited`): `s=<storeId>` and optionally
 * `&r=<referrer card number>`. WeChat allows 32 characters of `0-9A-Za-z!#$&'()*+,/:;=?@-._~`, so
 * the keys are one letter. A scene is only a claim: the store and referrer it names are checked
 * against the database before they are recorded, and any other key is ignored.
 */
export const SCENE_MAX_LENGTH = 32
const SCENE_ALPHABET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/
const STORE_ID = /^[a-z0-9-]{1,24}$/

export interface JoinScene {
  storeId: string
  referrerCardNo: string | null
}

export type SceneReading = { ok: true; scene: JoinScene } | { ok: false; message: string }

export function buildJoinScene(scene: JoinScene): { ok: true; text: string } | { ok: false; field: 'storeId' | 'referrerCardNo'; message: string } {
  if (!STORE_ID.test(scene.storeId)) return { ok: false, field: 'storeId', message: '门店编号不正确' }
  if (scene.referrerCardNo !== null && !isValidCardNo(scene.referrerCardNo)) return { ok: false, field: 'referrerCardNo', message: '推荐人卡号不正确' }
  const text = scene.referrerCardNo ? `s=${scene.storeId}&r=${scene.referrerCardNo}` : `s=${scene.storeId}`
  if (text.length > SCENE_MAX_LENGTH) return { ok: false, field: 'storeId', message: '门店编号过长，无法生成二维码' }
  return { ok: true, text }
}

export function parseJoinScene(text: string): SceneReading {
  if (text.length === 0 || text.length > SCENE_MAX_LENGTH || !SCENE_ALPHABET.test(text)) return { ok: false, message: '二维码参数不正确' }
  const fields = new Map<string, string>()
  for (const part of text.split('&')) {
    const separator = part.indexOf('=')
    if (separator <= 0) return { ok: false, message: '二维码参数不正确' }
    const key = part.slice(0, separator)
    if (fields.has(key)) return { ok: false, message: '二维码参数不正确' }
    fields.set(key, part.slice(separator + 1))
  }
  const storeId = fields.get('s')
  if (storeId === undefined || !STORE_ID.test(storeId)) return { ok: false, message: '二维码中的门店不正确' }
  const referrer = fields.get('r')
  if (referrer !== undefined && !isValidCardNo(referrer)) return { ok: false, message: '二维码中的推荐人不正确' }
  return { ok: true, scene: { storeId, referrerCardNo: referrer ?? null } }
}
