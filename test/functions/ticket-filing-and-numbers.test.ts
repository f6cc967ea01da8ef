/**
 * Filing a complaint through the emulator, as the member's phone would: the six categories, the
 * text's bounds, up to three pictures checked from the stored bytes in the member's own folder,
 * an order or activity that must be the member's own, and a number `T<Beijing day>-NNNN` that
 * stays unique when 200 members file at once. A refused filing writes nothing, not even a number.
 */
import { activityFixture, signupFixture } from '../../local/fixtures'
import { TICKET_CATEGORIES } from '../../cloudfunctions/shared/contract/ticketFields'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember } from '../support/members'
import { fileFor, GIF, JPG, PNG, TEXT, ticketDoc, ticketDocs, uploadedBy, WEBP } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

/** Tuesday 1 December 2026, 17:00 UTC: already Wednesday 01:00 in the shop. */
const LATE_UTC = new Date('2026-12-01T17:00:00Z')
const NOW = new Date('2026-12-01T10:00:00+08:00')
const [A, B] = ['tk-file-a', 'tk-file-b']

const file = (openid: string, payload: Record<string, unknown>) => as(openid).call('ticket', 'file', { category: 'service', text: TEXT, ...payload })
const fieldError = (path: string, message?: string) => ({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ path, ...(message ? { message } : {}) })] } })
const written = () => ({ tickets: cloud().db.find('tickets').length, counters: cloud().db.find('counters').length })

/** Runs a refused filing and checks it left the database as it found it. */
async function refusedWithoutWrites(call: () => Promise<unknown>): Promise<unknown> {
  const before = written()
  const envelope = await call()
  expect(written()).toEqual(before)
  return envelope
}

beforeEach(() => {
  cloud().db.clear()
  cloud().setNow(NOW)
  seedMember(cloud(), A)
  seedMember(cloud(), B)
})
afterAll(() => cloud().setNow(null))

describe('what a filing holds', () => {
  it('takes each of the six categories and answers the member’s view of the new ticket', async () => {
    for (const category of TICKET_CATEGORIES) {
      const ticket = await fileFor(as, A, { category })
      expect(ticket).toMatchObject({ category, status: 'new', text: TEXT, images: [], ref: null, thread: [], resolutions: [] })
      expect(ticket.can).toEqual({ reply: true, withdraw: true, confirm: false, reopen: false, rate: false })
      // The defaults: 2 hours to answer, 24 to resolve, the clock always running.
      const filedAt = new Date(ticket.createdAt).getTime()
      expect(ticket.promised).toEqual({
        firstResponseDueAt: new Date(filedAt + 2 * 3600_000).toISOString(),
        firstRespondedAt: null,
        resolutionDueAt: new Date(filedAt + 24 * 3600_000).toISOString(),
      })
    }
    expect(
      ticketDocs(cloud(), { openid: A })
        .map((ticket) => ticket.category)
        .sort(),
    ).toEqual([...TICKET_CATEGORIES].sort())
  })

  it('takes 5 to 500 characters of text and refuses 4 or 501, naming the field', async () => {
    expect((await fileFor(as, A, { text: '五个字正好' })).text).toBe('五个字正好')
    expect((await fileFor(as, A, { text: '长'.repeat(500) })).text).toHaveLength(500)
    expect(await refusedWithoutWrites(() => file(A, { text: '四个字呀' }))).toMatchObject(fieldError('text'))
    expect(await refusedWithoutWrites(() => file(A, { text: '长'.repeat(501) }))).toMatchObject(fieldError('text'))
    expect(await refusedWithoutWrites(() => file(A, { category: 'food' }))).toMatchObject(fieldError('category'))
  })

  it('is the members’ own: a visitor who has not joined cannot file', async () => {
    expect(await refusedWithoutWrites(() => file('tk-file-visitor', {}))).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })
})

describe('pictures, checked from what is stored', () => {
  it('takes up to three JPG, PNG or WebP pictures from the member’s folder, and links them', async () => {
    const images = [await uploadedBy(cloud(), as, A, JPG, 'a.jpg'), await uploadedBy(cloud(), as, A, PNG, 'b.png'), await uploadedBy(cloud(), as, A, WEBP, 'c.webp')]
    const ticket = await fileFor(as, A, { images })
    expect(ticket.images.map((image) => image.fileId)).toEqual(images)
    expect(ticket.images.every((image) => typeof image.url === 'string' && image.url.length > 0)).toBe(true)
    expect(ticketDoc(cloud(), ticket.id).images).toEqual(images)
  })

  it('refuses a fourth picture', async () => {
    const images: string[] = []
    for (const content of [PNG, JPG, PNG, WEBP]) images.push(await uploadedBy(cloud(), as, A, content))
    expect(await refusedWithoutWrites(() => file(A, { images }))).toMatchObject(fieldError('images'))
  })

  it('refuses a GIF renamed .png, naming which picture it is', async () => {
    const images = [await uploadedBy(cloud(), as, A, PNG, 'fine.png'), await uploadedBy(cloud(), as, A, GIF, 'renamed.png')]
    expect(await refusedWithoutWrites(() => file(A, { images }))).toMatchObject(fieldError('images.1', '图片须为 JPG、PNG 或 WebP 格式'))
  })

  it('refuses a picture over 2 MB, and one that never arrived', async () => {
    const large = await uploadedBy(cloud(), as, A, Buffer.concat([JPG, Buffer.alloc(2 * 1024 * 1024)]), 'large.jpg')
    expect(await refusedWithoutWrites(() => file(A, { images: [large] }))).toMatchObject(fieldError('images.0', '图片不能超过 2 MB'))
    const { folder } = dataOf(await as(A).call('ticket', 'uploadFolder', {}))
    const missing = `cloud://${cloud().storage.bucket}/${folder}/never-uploaded.png`
    expect(await refusedWithoutWrites(() => file(A, { images: [missing] }))).toMatchObject(fieldError('images.0', '图片未上传成功，请重新选择'))
  })

  it('refuses a picture outside the member’s folder: another member’s, or elsewhere in storage', async () => {
    const folders = await Promise.all([A, B].map(async (openid) => dataOf(await as(openid).call('ticket', 'uploadFolder', {})).folder))
    expect(folders[0]).not.toBe(folders[1])
    expect(folders.join()).not.toContain(A)
    const othersPicture = await uploadedBy(cloud(), as, B, PNG)
    const rewardPicture = cloud().storage.put('rewards/cup.png', PNG)
    // Inside the folder by its name, outside it by the path.
    const sneaky = cloud().storage.put(`${folders[0]}/../rewards/cup2.png`, PNG)
    const own = await uploadedBy(cloud(), as, A, PNG)
    expect(await refusedWithoutWrites(() => file(A, { images: [othersPicture] }))).toMatchObject(fieldError('images.0', '图片不属于您，请重新上传'))
    expect(await refusedWithoutWrites(() => file(A, { images: [own, rewardPicture] }))).toMatchObject(fieldError('images.1'))
    expect(await refusedWithoutWrites(() => file(A, { images: [sneaky] }))).toMatchObject(fieldError('images.0'))
  })
})

describe('the order or activity it is about', () => {
  const orderRow = (openid: string, orderNo: string) => ({
    _id: `order:store-001:${orderNo}`,
    openid,
    kind: 'earn',
    delta: 0,
    balanceAfter: 0,
    reason: '消费',
    by: 'cashier',
    rulesVersion: 1,
    createdAt: NOW,
    expiresAt: null,
    order: { storeId: 'store-001', orderNo, amountFen: 12_800, cashier: 'cashier' },
  })

  beforeEach(() => {
    cloud().db.insertMany('ledger', [orderRow(A, 'A1001'), orderRow(B, 'B2002')])
    const start = new Date('2026-11-20T19:00:00+08:00')
    cloud().db.insertMany('activities', [activityFixture('act-tasting', start, { title: '冬季品鉴会' }), activityFixture('act-draft', start, { status: 'draft' })])
    cloud().db.insertMany('signups', [signupFixture('act-tasting', A, new Date('2026-11-10T10:00:00+08:00'))])
  })

  it('names the member’s own order or activity as they would recognise it', async () => {
    expect((await fileFor(as, A, { category: 'product', ref: { kind: 'order', id: 'order:store-001:A1001' } })).ref).toEqual({ kind: 'order', id: 'order:store-001:A1001', label: '订单 A1001' })
    expect((await fileFor(as, A, { category: 'activity', ref: { kind: 'activity', id: 'act-tasting' } })).ref).toEqual({ kind: 'activity', id: 'act-tasting', label: '冬季品鉴会' })
  })

  it('refuses another member’s order or an activity they did not sign up for: FORBIDDEN', async () => {
    expect(await refusedWithoutWrites(() => file(A, { ref: { kind: 'order', id: 'order:store-001:B2002' } }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await refusedWithoutWrites(() => file(B, { ref: { kind: 'activity', id: 'act-tasting' } }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses one that does not exist (or is not published) on `ref.id`', async () => {
    expect(await refusedWithoutWrites(() => file(A, { ref: { kind: 'order', id: 'order:store-001:NOPE' } }))).toMatchObject(fieldError('ref.id', '找不到该订单'))
    // A ledger row that is not an order's is no order.
    cloud().db.insertMany('ledger', [{ ...orderRow(A, 'X'), _id: 'order:adjust-like', order: undefined }])
    expect(await refusedWithoutWrites(() => file(A, { ref: { kind: 'order', id: 'order:adjust-like' } }))).toMatchObject(fieldError('ref.id'))
    expect(await refusedWithoutWrites(() => file(A, { ref: { kind: 'activity', id: 'act-nope' } }))).toMatchObject(fieldError('ref.id', '找不到该活动'))
    expect(await refusedWithoutWrites(() => file(A, { ref: { kind: 'activity', id: 'act-draft' } }))).toMatchObject(fieldError('ref.id'))
  })
})

describe('ticket numbers', () => {
  it('count on the Beijing day: 17:00 UTC on 1 December is the 2nd in the shop, and a new day starts again at 0001', async () => {
    cloud().setNow(LATE_UTC)
    expect((await fileFor(as, A)).id).toBe('T20261202-0001')
    expect((await fileFor(as, B)).id).toBe('T20261202-0002')
    // 15:59 UTC on the 2nd is 23:59 in the shop: still the 2nd.
    cloud().setNow(new Date('2026-12-02T15:59:00Z'))
    expect((await fileFor(as, A)).id).toBe('T20261202-0003')
    cloud().setNow(new Date('2026-12-02T16:00:30Z'))
    expect((await fileFor(as, A)).id).toBe('T20261203-0001')
  })

  it('stay unique when 200 members file at once: 0001 to 0200, each once', async () => {
    const members = Array.from({ length: 50 }, (_, index) => `tk-crowd-${String(index).padStart(2, '0')}`)
    for (const openid of members) seedMember(cloud(), openid)
    const filings = await Promise.all(
      Array.from({ length: 200 }, (_, index) => as(members[index % members.length]).call('ticket', 'file', { category: 'environment', text: `第${index}位会员反馈空调太冷` })),
    )
    const ids = filings.map((envelope) => dataOf(envelope).id).sort()
    expect(ids).toEqual(Array.from({ length: 200 }, (_, index) => `T20261201-${String(index + 1).padStart(4, '0')}`))
    expect(ticketDocs(cloud())).toHaveLength(200)
    expect(cloud().db.find('counters', { _id: 'ticket:2026-12-01' })).toEqual([expect.objectContaining({ n: 200 })])
  })
})
