/**
 * The wire of `cloud.openapi.*`: wx-server-sdk encodes the call's parameters as a `CommApiData`
 * protobuf, and @cloudbase/node-sdk posts it as the `requestData` part of a multipart form
 * (`action=wx.openApi`, `apiName=subscribeMessage.send`, …) to the TCB endpoint. WeChat answers with
 * a `CommOpenApiResp`: the API's own HTTP answer (JSON, or an image) in `respData`, or a system
 * error (no permission…) in `errorCode`.
 *
 * The message types are rebuilt here from the definitions generated into the SDK bundle
 * (wx-server-sdk/index.js, `src/protobuf/openapi.js`): same field numbers and types, only the
 * messages this path uses.
 */
import * as protobuf from 'protobufjs'

const PROTO = `
syntax = "proto3";
message KeyValuePair {
  string key = 1;
  bytes value = 2;
  string contenttype = 3;
  string filename = 4;
}
message OpenApiData {
  repeated KeyValuePair pairs = 1;
}
message CommApiData {
  enum ApiType { OPEN_API = 0; INNER_API = 1; SVRKIT_API = 2; TOKEN_API = 3; }
  ApiType apiType = 1;
  OpenApiData openapiData = 2;
  string appid = 6;
}
message HttpHeader {
  string key = 1;
  string value = 2;
}
message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
`

const root = protobuf.parse(PROTO, { keepCase: true }).root
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

export interface OpenApiCall {
  /** `subscribeMessage.send`, `wxacode.getUnlimited`, … as the SDK names it (the path after `openapi.`). */
  api: string
  /** The parameters as WeChat's HTTP API takes them: snake_case keys (the SDK converts), each value parsed from its JSON. */
  params: Record<string, unknown>
}

/** Reads a `CommApiData` body; null when it is not one (or not an OPEN_API call). */
export function decodeOpenApiCall(api: string, requestData: Buffer): OpenApiCall | null {
  let message: { apiType?: number; openapiData?: { pairs?: Array<{ key?: string; value?: Uint8Array }> } }
  try {
    message = CommApiData.toObject(CommApiData.decode(requestData), { defaults: true }) as typeof message
  } catch {
    return null
  }
  if (message.apiType !== 0) return null
  const params: Record<string, unknown> = {}
  for (const { key, value } of message.openapiData?.pairs ?? []) {
    if (!key) continue
    const text = Buffer.from(value ?? []).toString('utf8')
    try {
      params[key] = JSON.parse(text)
    } catch {
      // A media pair (an uploaded image) is raw bytes, not JSON.
      params[key] = Buffer.from(value ?? [])
    }
  }
  return { api, params }
}

/** WeChat's answer to an API that answered JSON (errcode 0 or an error of the API itself). */
export function jsonAnswer(value: Record<string, unknown>): Buffer {
  return encode({ respData: Buffer.from(JSON.stringify(value)), contentType: 'application/json; encoding=utf-8', httpCode: 200 })
}

/** WeChat's answer to an API that answered a file (a mini-program code image). */
export function bufferAnswer(contentType: string, content: Buffer): Buffer {
  return encode({ respData: content, contentType, httpCode: 200 })
}

/** A refusal before the API is reached (-604101 no permission, -604100 no such API): the SDK throws it as errCode. */
export function systemError(errorCode: number): Buffer {
  return encode({ errorCode })
}

function encode(fields: Record<string, unknown>): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(fields)).finish())
}

/**
 * A multipart/form-data body as @cloudbase/node-sdk sends it (the `form-data` package): each part's
 * raw bytes by name. Written out because the platform's parser decodes a part without a filename
 * as UTF-8 text, which would corrupt the protobuf.
 */
export function parseMultipart(contentType: string | undefined, body: Buffer): Map<string, Buffer> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const parts = new Map<string, Buffer>()
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next < 0) return null
    const part = body.subarray(start + 2, next - 2) // after the CRLF that ends the delimiter line, before the CRLF that precedes the next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) return null
    const name = /name="([^"]*)"/.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1]
    if (name !== undefined) parts.set(name, part.subarray(headerEnd + 4))
    at = next
  }
  return parts
}
