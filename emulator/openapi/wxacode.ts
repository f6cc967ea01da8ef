import QRCode from 'qrcode'

/**
 * `wxacode.getUnlimited` as WeChat answers it: a PNG for `page` carrying `scene`, or an error code.
 * The real image is a round "sun code"; a plain QR code of `page?scene=…` stands in, so a phone (or
 * a test) can still read what the code carries.
 */
export interface UnlimitedRequest {
  scene?: unknown
  page?: unknown
  checkPath?: unknown
  width?: unknown
}

export type UnlimitedAnswer = { errCode: 0; errMsg: string; contentType: 'image/png'; buffer: Buffer } | { errCode: number; errMsg: string }

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const PAGE = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/i

export async function getUnlimited(request: UnlimitedRequest, knownPages: readonly string[] | null = null): Promise<UnlimitedAnswer> {
  const { scene, page, checkPath } = request
  if (typeof scene !== 'string' || !SCENE.test(scene)) return { errCode: 40169, errMsg: 'invalid length for scene, or the data is not json string' }
  if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || !PAGE.test(page))) return { errCode: 41030, errMsg: 'invalid page rid' }
  if (checkPath !== false && knownPages && typeof page === 'string' && !knownPages.includes(page)) return { errCode: 41030, errMsg: 'invalid page rid' }
  const width = typeof request.width === 'number' ? Math.min(Math.max(request.width, 280), 1280) : 430
  const buffer = await QRCode.toBuffer(`${page ?? ''}?scene=${encodeURIComponent(scene)}`, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
  return { errCode: 0, errMsg: 'ok', contentType: 'image/png', buffer }
}
