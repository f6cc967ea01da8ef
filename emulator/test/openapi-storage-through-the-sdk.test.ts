/**
 * `cloud.openapi.*` and cloud storage as production calls them: the unmodified wx-server-sdk inside
 * function instances, against the emulator's TCB endpoint (protobuf for openapi, the storage
 * actions and the object URLs they hand out). Every openapi call the app makes, each way it ends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../cloud'

const APIS = ['subscribeMessage.send', 'wxacode.getUnlimited', 'phonenumber.getPhoneNumber']

/** A function that makes one SDK call (`openapi.<api>` or a storage call) and answers what the SDK gave or threw. */
const FIXTURE = `
const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))})
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const plain = (value) => (Buffer.isBuffer(value) ? { base64: value.toString('base64') } : value)
exports.main = async ({ api, data }) => {
  try {
    const call = api.startsWith('openapi.') ? api.slice(8).split('.').reduce((at, key) => at[key], cloud.openapi) : cloud[api]
    const answer = await call(api === 'uploadFile' ? { ...data, fileContent: Buffer.from(data.fileContent, 'base64') } : data)
    return Object.fromEntries(Object.entries(answer).map(([key, value]) => [key, plain(value)]))
  } catch (error) {
    return { thrown: true, errCode: error.errCode, errMsg: error.errMsg }
  }
}
`

let dir: string
let cloud: LocalCloud

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-openapi-fixtures-'))
  for (const [name, openapi] of [
    ['allowed', APIS],
    ['bystander', []],
  ] as const) {
    mkdirSync(path.join(dir, name))
    writeFileSync(path.join(dir, name, 'index.js'), FIXTURE)
    writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ permissions: { openapi } }))
  }
  cloud = await LocalCloud.start({ functionsDir: dir, storageBucket: 'local.test-bucket' })
})

afterAll(async () => {
  await cloud.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => cloud.outbox.clear())

const call = (fn: string, api: string, data: unknown) => cloud.call(fn, { api, data }) as Promise<Record<string, unknown>>

const birthday = (thing1 = '生日快乐') => ({
  touser: 'o-1',
  templateId: 'tpl-birthday',
  page: 'pages/member/index',
  miniprogramState: 'formal',
  data: { thing1: { value: thing1 }, time2: { value: '2026年11月22日 15:01' } },
})

describe('cloud.openapi through the SDK', () => {
  it('subscribeMessage.send delivers to the outbox with the consent it uses', async () => {
    cloud.outbox.grant('o-1', ['tpl-birthday'])
    expect(await call('allowed', 'openapi.subscribeMessage.send', birthday())).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(cloud.outbox.sent).toEqual([expect.objectContaining({ touser: 'o-1', templateId: 'tpl-birthday', page: 'pages/member/index', data: birthday().data })])
    expect(cloud.outbox.quota('o-1', 'tpl-birthday')).toBe(0)
  })

  it('subscribeMessage.send without a consent fails with 43101', async () => {
    expect(await call('allowed', 'openapi.subscribeMessage.send', birthday())).toMatchObject({ thrown: true, errCode: 43101, errMsg: expect.stringContaining('user refuse') })
    expect(cloud.outbox.sent).toHaveLength(0)
  })

  it('subscribeMessage.send with a field WeChat would refuse fails with 47003 and keeps the consent', async () => {
    cloud.outbox.grant('o-1', ['tpl-birthday'])
    expect(await call('allowed', 'openapi.subscribeMessage.send', birthday('一'.repeat(21)))).toMatchObject({ thrown: true, errCode: 47003, errMsg: expect.stringContaining('data.thing1.value') })
    expect(cloud.outbox.quota('o-1', 'tpl-birthday')).toBe(1)
  })

  it('wxacode.getUnlimited answers the image, a different one for each scene', async () => {
    const image = async (scene: string) => {
      const answer = await call('allowed', 'openapi.wxacode.getUnlimited', { scene, page: 'pages/join/index', checkPath: false, width: 280 })
      expect(answer).toMatchObject({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: { base64: expect.any(String) } })
      return Buffer.from((answer.buffer as { base64: string }).base64, 'base64')
    }
    const first = await image('j=ABC123')
    // A PNG (its signature), as wide as asked (the header's width).
    expect(first.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(first.readUInt32BE(16)).toBe(280)
    expect(first.equals(await image('j=ABC124'))).toBe(false)
  })

  it('wxacode.getUnlimited with a scene WeChat would refuse fails with its code', async () => {
    expect(await call('allowed', 'openapi.wxacode.getUnlimited', { scene: 'x'.repeat(33), page: 'pages/join/index' })).toMatchObject({ thrown: true, errCode: 40169 })
  })

  it('phonenumber.getPhoneNumber exchanges the stand-in code for the number', async () => {
    expect(await call('allowed', 'openapi.phonenumber.getPhoneNumber', { code: 'phone:13800000000' })).toMatchObject({
      errCode: 0,
      phoneInfo: { phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86' },
    })
    expect(await call('allowed', 'openapi.phonenumber.getPhoneNumber', { code: 'not-a-code' })).toMatchObject({ thrown: true, errCode: 40029 })
  })

  it.each(APIS)('%s from a function whose config.json does not list it is refused with -604101', async (api) => {
    cloud.outbox.grant('o-1', ['tpl-birthday'])
    const data = { 'subscribeMessage.send': birthday(), 'wxacode.getUnlimited': { scene: 'a', page: 'pages/join/index' }, 'phonenumber.getPhoneNumber': { code: 'phone:13800000000' } }[api]
    expect(await call('bystander', `openapi.${api}`, data)).toMatchObject({ thrown: true, errCode: -604101 })
    expect(cloud.outbox.sent).toHaveLength(0)
  })

  it('an API the emulator does not stand in for is not found (-604100)', async () => {
    expect(await call('allowed', 'openapi.security.msgSecCheck', { content: 'x' })).toMatchObject({ thrown: true, errCode: -604100 })
    expect(await call('allowed', 'openapi.constructor', {})).toMatchObject({ thrown: true, errCode: -604100 })
  })
})

describe('cloud storage through the SDK', () => {
  const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255])

  it('uploads, gives a temporary URL, downloads the same bytes and deletes', async () => {
    const uploaded = await call('allowed', 'uploadFile', { cloudPath: 'invitations/会员 1.png', fileContent: content.toString('base64') })
    // (statusCode is -1, as in the cloud: this SDK never reports the upload's HTTP status.)
    expect(uploaded).toMatchObject({ fileID: 'cloud://local.test-bucket/invitations/会员 1.png', errMsg: 'uploadFile:ok' })
    const fileID = uploaded.fileID as string
    expect(cloud.storage.get(fileID)).toEqual(content)

    const urls = await call('allowed', 'getTempFileURL', { fileList: [{ fileID, maxAge: 60 }] })
    const [file] = urls.fileList as Array<{ fileID: string; status: number; tempFileURL: string; maxAge: number }>
    expect(file).toMatchObject({ fileID, status: 0, maxAge: 60 })
    // What a page does with it (an avatar, an export): fetch it, from another origin.
    const fetched = await fetch(encodeURI(file.tempFileURL))
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(content)

    expect(await call('allowed', 'downloadFile', { fileID })).toMatchObject({ statusCode: 200, fileContent: { base64: content.toString('base64') } })

    expect(await call('allowed', 'deleteFile', { fileList: [fileID] })).toMatchObject({ fileList: [{ fileID, status: 0 }] })
    expect(cloud.storage.get(fileID)).toBeNull()
    expect((await fetch(encodeURI(file.tempFileURL))).status).toBe(404)
  })

  it('a temporary URL stops working when its maxAge has passed on the emulated clock', async () => {
    const { fileID } = await call('allowed', 'uploadFile', { cloudPath: 'exports/a.csv', fileContent: content.toString('base64') })
    const { fileList } = await call('allowed', 'getTempFileURL', { fileList: [{ fileID, maxAge: 60 }] })
    const url = (fileList as Array<{ tempFileURL: string }>)[0].tempFileURL
    expect((await fetch(url)).status).toBe(200)
    cloud.setNow(new Date(Date.now() + 61_000))
    try {
      expect((await fetch(url)).status).toBe(403)
    } finally {
      cloud.setNow(null)
    }
    expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=0'))).status).toBe(403)
  })

  it('answers a missing file as WeChat does: no URL, a failed download, a delete that reports it', async () => {
    const fileID = 'cloud://local.test-bucket/avatars/none.png'
    expect(await call('allowed', 'getTempFileURL', { fileList: [fileID] })).toMatchObject({ fileList: [{ fileID, status: -503003, tempFileURL: '' }] })
    expect(await call('allowed', 'downloadFile', { fileID })).toMatchObject({ thrown: true })
    expect(await call('allowed', 'deleteFile', { fileList: [fileID] })).toMatchObject({ fileList: [{ fileID, status: -503003 }] })
  })

  it('refuses a path outside the storage folder, and an upload getUploadMetadata did not sign', async () => {
    expect(await call('allowed', 'uploadFile', { cloudPath: '../escape.png', fileContent: content.toString('base64') })).toMatchObject({
      thrown: true,
      errMsg: expect.stringContaining('invalid cloud path'),
    })
    const origin = cloud.server.url.replace(/\/admin$/, '')
    expect((await fetch(`${origin}/storage/object/avatars/forged.png`, { method: 'PUT', body: content })).status).toBe(403)
    expect(cloud.storage.get('cloud://local.test-bucket/avatars/forged.png')).toBeNull()
  })
})
