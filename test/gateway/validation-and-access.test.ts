/**
 * Bad input and access over the HTTP gateway, as README documents it (POST /api/functions/<fn>
 * with X-WX-OPENID): a wrong-type field is answered in Chinese naming it, and a caller without the
 * role hears FORBIDDEN before any field list could describe the action to them.
 */
import type { ActionError, Envelope } from '../../cloudfunctions/shared/contract/errors'
import { startServerProcess, type ServerProcess } from '../support/serverProcess'

const MEMBER = { 'X-WX-OPENID': 'demo-member-gold' }
const CASHIER = { 'X-WX-OPENID': 'demo-cashier' }
const OWNER = { 'X-WX-OPENID': 'demo-owner' }
const HAN = /[\u4e00-\u9fff]/

let server: ServerProcess

beforeAll(async () => {
  server = await startServerProcess({ seed: true })
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

/** The envelope's error, after checking the gateway answered 200 with a refusal. */
async function refusal(fn: string, action: string, payload: unknown, headers: Record<string, string> = {}): Promise<ActionError> {
  const answer = await server.call(fn, { action, payload }, headers)
  expect(answer.status).toBe(200)
  const envelope = answer.body as Envelope<unknown>
  if (envelope.ok) throw new Error(`${fn}.${action} accepted ${JSON.stringify(payload)}`)
  return envelope.error
}

describe('a field of the wrong type', () => {
  it.each([
    ['a member’s name as a number', 'member', 'updateProfile', { name: 123 }, MEMBER, 'name', '文本'],
    ['a reward’s stock as text', 'rewards', 'create', { name: '咖啡券', pointsCost: 100, stock: '5' }, OWNER, 'stock', '数字'],
    ['a till’s store as a number', 'points', 'accrue', { memberCode: 'x'.repeat(20), storeId: 7, orderNo: 'GW-1', amount: 10 }, CASHIER, 'storeId', '文本'],
    ['a member search as a number', 'member', 'search', { query: 1234 }, CASHIER, 'query', '文本'],
    ['a staff note as a number', 'member', 'addNote', { cardNo: '1000000001', text: 42, requestId: 'gw-note-0001' }, CASHIER, 'text', '文本'],
    ['an erasure reason as a list', 'member', 'removeMember', { cardNo: '1000000001', reason: ['x'] }, OWNER, 'reason', '文本'],
  ])('%s is named, in Chinese, as the wrong type and not as missing', async (_label, fn, action, payload, headers, field, expected) => {
    const error = await refusal(fn, action, payload, headers)
    expect(error.code).toBe('INVALID_INPUT')
    const issue = error.fields?.find((candidate) => candidate.path === field)
    expect(issue).toBeDefined()
    expect(issue!.message).toMatch(HAN)
    expect(issue!.message).toContain(field)
    expect(issue!.message).toContain(`应为${expected}`)
    expect(issue!.message).not.toContain('缺少')
    for (const other of error.fields ?? []) expect(other.message).toMatch(HAN)
  })

  it('an absent field is still called missing', async () => {
    const error = await refusal('rewards', 'create', { pointsCost: 100, stock: 5 }, OWNER)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'name', message: '缺少字段：name' }] })
  })
})

describe('who may call is settled before what is wrong with the payload', () => {
  it.each([
    ['points.adjust', 'points', 'adjust', { cardNo: 5, delta: 'lots', reason: [], requestId: {}, extra: 1 }],
    ['staff.updateStaff', 'staff', 'updateStaff', { staffOpenid: 1, role: 'god', name: null }],
    ['staff.invite', 'staff', 'invite', { role: 'owner', storeId: 7 }],
    ['rewards.create', 'rewards', 'create', { name: 5, pointsCost: '100' }],
    ['member.search', 'member', 'search', { query: 5 }],
    ['member.archive', 'member', 'archive', { cardNo: 5 }],
    ['member.addNote', 'member', 'addNote', { cardNo: 5, text: null }],
    ['member.removeMember', 'member', 'removeMember', { cardNo: 5, reason: [] }],
  ])('a member sending %s is answered FORBIDDEN, with no fields', async (_label, fn, action, payload) => {
    expect(await refusal(fn, action, payload, MEMBER)).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' })
  })

  it('a cashier sending points.adjust (owner and admin only) is answered FORBIDDEN, with no fields', async () => {
    expect(await refusal('points', 'adjust', { cardNo: 5, delta: 'lots' }, CASHIER)).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' })
  })

  it('a cashier sending member.removeMember (the owner only) is answered FORBIDDEN, with no fields', async () => {
    expect(await refusal('member', 'removeMember', { cardNo: 5, reason: [] }, CASHIER)).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' })
  })

  it('a member erasing their account without ticking the box is told what to confirm, and stays a member', async () => {
    const error = await refusal('member', 'erase', { confirm: false }, MEMBER)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'confirm', message: expect.stringMatching(HAN) }] })
    const card = (await server.call('member', { action: 'me', payload: {} }, MEMBER)).body as Envelope<{ cardNo: string } | null>
    expect(card).toMatchObject({ ok: true, data: { cardNo: expect.any(String) } })
  })

  it.each(['invite', 'audit', 'startExport'])('a cashier sending staff.%s (not the till’s) is answered FORBIDDEN, with no fields', async (action) => {
    expect(await refusal('staff', action, { role: 'god', storeId: 7 }, CASHIER)).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' })
  })

  it('a member sending the server-only staff.bootstrapOwner is answered FORBIDDEN, with no fields', async () => {
    expect(await refusal('staff', 'bootstrapOwner', { ownerOpenid: 5, name: ['x'], extra: true }, MEMBER)).toEqual({ code: 'FORBIDDEN', message: '该操作只能由管理后台或命令行执行' })
  })

  it('a call with no identity to a member action is answered UNAUTHENTICATED, with no fields', async () => {
    expect(await refusal('member', 'updateProfile', { name: 123 })).toEqual({ code: 'UNAUTHENTICATED', message: '无法识别您的身份，请在微信中打开' })
  })

  it('the owner sending the same malformed points.adjust is told which fields are wrong', async () => {
    const error = await refusal('points', 'adjust', { cardNo: 5, delta: 'lots', reason: [], requestId: {}, extra: 1 }, OWNER)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields?.map((issue) => issue.path).sort()).toEqual(['cardNo', 'delta', 'extra', 'reason', 'requestId'])
  })
})
