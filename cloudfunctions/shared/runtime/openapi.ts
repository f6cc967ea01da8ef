import { sdk } from './cloud'

/**
 * Every `cloud.openapi` use goes through this port. In WeChat cloud it is the SDK; locally
 * (WX_EMULATOR_OPENAPI_URL set by the emulator's function runner) it is the emulator's outbox, because
 * the SDK speaks protobuf for openapi and the emulator answers JSON.
 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

export interface OpenApiResult {
  errCode: number
  errMsg: string
}

/** `wxacode.getUnlimited`: a mini-program code for `page` carrying `scene` (≤ 32 chars). */
export interface UnlimitedQrCodeRequest {
  scene: string
  page: string
  /** false lets a page that is not yet published be encoded (WeChat checks published pages otherwise). */
  checkPath?: boolean
  width?: number
}

export interface UnlimitedQrCodeResult extends OpenApiResult {
  /** The image (PNG) when errCode is 0. */
  buffer?: Buffer
  contentType?: string
}

export interface PhoneNumberResult extends OpenApiResult {
  /** The number with country code as WeChat gives it, when errCode is 0. */
  phoneNumber?: string
}

export interface OpenApiPort {
  sendSubscribeMessage(message: SubscribeMessage): Promise<OpenApiResult>
  getUnlimitedQrCode(request: UnlimitedQrCodeRequest): Promise<UnlimitedQrCodeResult>
  /** Exchanges the code `open-type="getPhoneNumber"` gave the client for the member's number. */
  getPhoneNumber(code: string): Promise<PhoneNumberResult>
}

export function openapi(): OpenApiPort {
  const localUrl = process.env.WX_EMULATOR_OPENAPI_URL
  return localUrl ? localBinding(localUrl) : cloudBinding()
}

function cloudBinding(): OpenApiPort {
  return {
    async sendSubscribeMessage(message) {
      try {
        const result = (await sdk().openapi.subscribeMessage.send({ ...message, miniprogramState: 'formal' })) as OpenApiResult
        return { errCode: result.errCode ?? 0, errMsg: result.errMsg ?? 'ok' }
      } catch (error) {
        return failure(error)
      }
    },
    async getUnlimitedQrCode(request) {
      try {
        const result = (await sdk().openapi.wxacode.getUnlimited(request)) as Partial<UnlimitedQrCodeResult>
        return { errCode: result.errCode ?? 0, errMsg: result.errMsg ?? 'ok', buffer: result.buffer, contentType: result.contentType }
      } catch (error) {
        return failure(error)
      }
    },
    async getPhoneNumber(code) {
      try {
        const result = (await sdk().openapi.phonenumber.getPhoneNumber({ code })) as Partial<OpenApiResult> & { phoneInfo?: { phoneNumber?: string } }
        return { errCode: result.errCode ?? 0, errMsg: result.errMsg ?? 'ok', phoneNumber: result.phoneInfo?.phoneNumber }
      } catch (error) {
        return failure(error)
      }
    },
  }
}

/** The SDK rejects with `{ errCode, errMsg }` when WeChat answers an error code. */
function failure(error: unknown): OpenApiResult {
  const { errCode, errMsg } = (error ?? {}) as Partial<OpenApiResult>
  return { errCode: errCode ?? -1, errMsg: errMsg ?? String(error) }
}

function localBinding(baseUrl: string): OpenApiPort {
  return {
    async sendSubscribeMessage(message) {
      return (await post(`${baseUrl}/subscribeMessage.send`, message)) as OpenApiResult
    },
    async getUnlimitedQrCode(request) {
      const answer = (await post(`${baseUrl}/wxacode.getUnlimited`, request)) as OpenApiResult & { contentType?: string; base64?: string }
      const { base64, ...rest } = answer
      return base64 ? { ...rest, buffer: Buffer.from(base64, 'base64') } : rest
    },
    async getPhoneNumber(code) {
      return (await post(`${baseUrl}/phonenumber.getPhoneNumber`, { code })) as PhoneNumberResult
    },
  }
}

/** The emulator checks, as WeChat does, that the calling function lists the API in its config.json. */
async function post(url: string, body: unknown): Promise<unknown> {
  const headers = { 'content-type': 'application/json', 'x-emulator-function': process.env.SCF_FUNCTIONNAME ?? '' }
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  return response.json()
}
