import { dataOf, fileIdOfUrl, useLocalCloud } from '../support/localCloud'

const { cloud, as } = useLocalCloud()
const form = { name: '扫码客', birthday: '1993-07-08', gender: 'unknown' as const }
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
let referrerCardNo = ''

beforeAll(async () => {
  cloud().db.insertMany('stores', [{ _id: 'store-001', name: '示范店' }])
  cloud().db.insertMany('staff', [
    { _id: 'scene-owner', name: '店主', role: 'owner' },
    { _id: 'scene-cashier', name: '收银', role: 'cashier' },
  ])
  referrerCardNo = dataOf(await as('scene-referrer').call('member', 'join', form)).cardNo
})

const sourceOf = (openid: string) => cloud().db.find('members', { _id: openid })[0]?.source

describe('member.join with a scene', () => {
  it('records the store and the referrer’s card number, in at most 3 round trips', async () => {
    const scene = `s=store-001&r=${referrerCardNo}`
    cloud().db.resetStats()
    dataOf(await as('scene-new').call('member', 'join', { ...form, scene }))
    expect(cloud().db.stats().roundTrips).toBeLessThanOrEqual(3)
    expect(sourceOf('scene-new')).toEqual({ store: 'store-001', referrer: referrerCardNo, scene })
    cloud().db.resetStats()
    dataOf(await as('scene-new').call('member', 'join', { ...form, scene }))
    expect(cloud().db.stats().roundTrips).toBeLessThanOrEqual(3)
  })

  it('keeps the store without a referrer, and drops a referrer nobody holds', async () => {
    dataOf(await as('scene-store-only').call('member', 'join', { ...form, scene: 's=store-001' }))
    expect(sourceOf('scene-store-only')).toEqual({ store: 'store-001', referrer: null, scene: 's=store-001' })
    dataOf(await as('scene-ghost-ref').call('member', 'join', { ...form, scene: 's=store-001&r=1000000008' }))
    expect(sourceOf('scene-ghost-ref')).toMatchObject({ store: 'store-001', referrer: null })
  })

  it('an unknown store is recorded as no store (the scene text is kept), and other keys are ignored', async () => {
    dataOf(await as('scene-unknown-store').call('member', 'join', { ...form, scene: `s=store-999&r=${referrerCardNo}` }))
    expect(sourceOf('scene-unknown-store')).toEqual({ store: null, referrer: null, scene: `s=store-999&r=${referrerCardNo}` })
    dataOf(await as('scene-extra').call('member', 'join', { ...form, scene: 's=store-001&tier=diamond' }))
    expect(cloud().db.find('members', { _id: 'scene-extra' })[0]).toMatchObject({ tier: 'regular', source: { store: 'store-001' } })
  })

  it('without a scene the source stays empty', async () => {
    dataOf(await as('scene-none').call('member', 'join', form))
    expect(sourceOf('scene-none')).toEqual({ store: null, referrer: null, scene: null })
  })

  it.each([
    ['no store', 'r=1000000009'],
    ['a store id out of the alphabet', 's=STORE_1'],
    ['a referrer that fails its check digit', 's=store-001&r=1000000001'],
    ['a key without a value separator', 's=store-001&r'],
    ['a repeated key', 's=store-001&s=store-002'],
    ['characters WeChat does not allow', 's=store 001'],
    ['over 32 characters', `s=store-001&r=${'1'.repeat(30)}`],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_label, scene) => {
    const before = cloud().db.find('members').length
    const envelope = await as('scene-bad').call('member', 'join', { ...form, scene })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'scene' }] } })
    expect(cloud().db.find('members')).toHaveLength(before)
  })

  it('stores the avatar file ID and shows it as a URL', async () => {
    const avatarFileId = cloud().storage.put('avatars/a.png', Buffer.from('png'))
    const card = dataOf(await as('scene-avatar').call('member', 'join', { ...form, avatarFileId }))
    expect(fileIdOfUrl(cloud(), card.avatarUrl)).toBe(avatarFileId)
    cloud().db.resetStats()
    expect(fileIdOfUrl(cloud(), dataOf(await as('scene-avatar').call('member', 'me', {}))?.avatarUrl)).toBe(avatarFileId)
    expect(cloud().db.stats().roundTrips).toBe(1)
    expect(await as('scene-avatar-bad').call('member', 'join', { ...form, avatarFileId: 'https://evil.example/a.png' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('member.sceneInfo', () => {
  it('names the shop a code came from, without revealing the referrer', async () => {
    const info = dataOf(await as('scene-visitor').call('member', 'sceneInfo', { scene: `s=store-001&r=${referrerCardNo}` }))
    expect(info).toEqual({ storeId: 'store-001', storeName: '示范店', referred: true })
    expect(dataOf(await as('scene-visitor').call('member', 'sceneInfo', { scene: 's=store-404' }))).toEqual({ storeId: null, storeName: null, referred: false })
    expect(await as('scene-visitor').call('member', 'sceneInfo', { scene: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('member.joinCode', () => {
  it('gives the owner a PNG wxacode for the join page, stored in cloud storage', async () => {
    const joinCode = dataOf(await as('scene-owner').call('member', 'joinCode', { storeId: 'store-001', referrerCardNo }))
    expect(joinCode.scene).toBe(`s=store-001&r=${referrerCardNo}`)
    expect(joinCode.scene.length).toBeLessThanOrEqual(32)
    const png = Buffer.from(joinCode.imageDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(joinCode.fileId).toMatch(/^cloud:\/\//)
    expect(cloud().storage.get(joinCode.fileId)).toEqual(png)
    expect(cloud().db.find('audit', { action: 'joinCode' })).toHaveLength(1)
  })

  it('refuses a cashier or a member', async () => {
    expect(await as('scene-cashier').call('member', 'joinCode', { storeId: 'store-001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('scene-referrer').call('member', 'joinCode', { storeId: 'store-001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('answers NOT_FOUND for an unknown store or referrer', async () => {
    expect(await as('scene-owner').call('member', 'joinCode', { storeId: 'store-404' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'storeId' }] } })
    expect(await as('scene-owner').call('member', 'joinCode', { storeId: 'store-001', referrerCardNo: '1000000008' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', fields: [{ path: 'referrerCardNo' }] },
    })
  })

  it.each([
    ['a store id that makes the scene too long', { storeId: 'a-long-store-name-of-24c', referrerCardNo: '1000000008' }, 'storeId'],
    ['a bad store id', { storeId: 'Store 1' }, 'storeId'],
    ['a referrer with a bad check digit', { storeId: 'store-001', referrerCardNo: '1000000001' }, 'referrerCardNo'],
    ['an unknown field', { storeId: 'store-001', page: 'pages/admin/index' }, 'page'],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_label, payload, field) => {
    const audits = cloud().db.find('audit').length
    const envelope = await as('scene-owner').call('member', 'joinCode', payload)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!envelope.ok) expect(envelope.error.fields?.map((issue) => issue.path).join(' ')).toContain(field)
    expect(cloud().db.find('audit')).toHaveLength(audits)
  })
})
