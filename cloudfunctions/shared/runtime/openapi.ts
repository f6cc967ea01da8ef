import { sdk } from './cloud'

/**
 * Every `cloud.openapi` use goes through this port: the SDK's calls, which the emulator answers
 * locally as WeChat cloud does (the same protobuf over the TCB endpoint), so the tests run the code
 * production runs.
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

/**
 * The SDK rejects with `{ errCode, errMsg }` when WeChat answers an error code, the errMsg being
 * WeChat's own behind the SDK's `openapi.<api>:fail ` prefix; the reasons kept for staff read
 * WeChat's words.
 */
function failure(error: unknown): OpenApiResult {
  const { errCode, errMsg } = (error ?? {}) as Partial<OpenApiResult>
  return { errCode: errCode ?? -1, errMsg: typeof errMsg === 'string' ? errMsg.replace(/^openapi\.[\w.]+:fail /, '') : String(error) }
}
