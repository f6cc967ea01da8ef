import { sdk } from './cloud'

/**
 * Every `cloud.openapi` use goes through this port. In WeChat cloud it is the SDK; locally
 * (HUIYUAN_OPENAPI_URL set by the emulator's function runner) it is the emulator's outbox, because
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

export interface OpenApiPort {
  sendSubscribeMessage(message: SubscribeMessage): Promise<OpenApiResult>
}

export function openapi(): OpenApiPort {
  const localUrl = process.env.HUIYUAN_OPENAPI_URL
  return localUrl ? localBinding(localUrl) : cloudBinding()
}

function cloudBinding(): OpenApiPort {
  return {
    async sendSubscribeMessage(message) {
      try {
        const result = (await sdk().openapi.subscribeMessage.send({ ...message, miniprogramState: 'formal' })) as OpenApiResult
        return { errCode: result.errCode ?? 0, errMsg: result.errMsg ?? 'ok' }
      } catch (error) {
        const { errCode, errMsg } = error as Partial<OpenApiResult>
        return { errCode: errCode ?? -1, errMsg: errMsg ?? String(error) }
      }
    },
  }
}

function localBinding(baseUrl: string): OpenApiPort {
  return {
    async sendSubscribeMessage(message) {
      const response = await fetch(`${baseUrl}/subscribeMessage.send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      })
      return (await response.json()) as OpenApiResult
    },
  }
}
