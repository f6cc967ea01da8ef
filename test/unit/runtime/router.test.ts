import { z } from 'zod'
import type { Role } from '../../../cloudfunctions/shared/contract/roles'
import { AppError } from '../../../cloudfunctions/shared/runtime/errors'
import { createRouter, defineAction, type AuditEntry, type Runtime } from '../../../cloudfunctions/shared/runtime/router'
import type { Caller, Database } from '../../../cloudfunctions/shared/runtime/cloud'

/** A runtime with no SDK: who calls, their role, and what gets audited are plain data. */
function fakeRuntime(caller: Partial<Caller>, roles: Record<string, Role> = {}) {
  const audits: AuditEntry[] = []
  const errors: unknown[] = []
  const roleLookups: string[] = []
  const runtime: Runtime = {
    caller: () => ({ openid: null, appid: null, unionid: null, ...caller }),
    now: () => new Date('2026-11-22T07:00:00Z'),
    db: () => ({}) as Database,
    roleOf: async (_db, openid) => (roleLookups.push(openid), roles[openid] ?? null),
    audit: async (_db, entry) => void audits.push(entry),
    logError: (error) => void errors.push(error),
  }
  return { runtime, audits, errors, roleLookups }
}

const echo = defineAction({
  schema: z.strictObject({ text: z.string().max(5) }),
  handler: async ({ text }, { openid }) => ({ text, openid }),
})
const refund = defineAction({
  schema: z.strictObject({ amount: z.number().positive() }),
  handler: async ({ amount }, { role }) => ({ amount, role }),
})
const bootstrap = defineAction({ schema: z.strictObject({}), handler: async () => 'done' })
const explode = defineAction({
  schema: z.strictObject({}),
  handler: async () => {
    throw new Error('secret stack detail')
  },
})
const refuse = defineAction({
  schema: z.strictObject({}),
  handler: async () => {
    throw new AppError('INSUFFICIENT_POINTS')
  },
})
const actions = { echo, refund, bootstrap, explode, refuse }
const access = { echo: 'member', refund: ['owner', 'cashier'], bootstrap: 'server', explode: 'member', refuse: 'member' } as const

describe('router', () => {
  it('runs a valid action and answers { ok: true, data }', async () => {
    const { runtime } = fakeRuntime({ openid: 'o-1' })
    const main = createRouter('demo', actions, access, runtime)
    expect(await main({ action: 'echo', payload: { text: 'hi' } })).toEqual({ ok: true, data: { text: 'hi', openid: 'o-1' } })
  })

  it.each([
    ['missing action', {}],
    ['unknown action', { action: 'nope' }],
    ['inherited property', { action: 'toString' }],
    ['non-string action', { action: 7 }],
    ['null event', null],
  ])('answers UNKNOWN_ACTION for %s', async (_label, event) => {
    const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-1' }).runtime)
    expect(await main(event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作' } })
  })

  it('names the bad field, in Chinese, to a caller allowed to call the action', async () => {
    const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-1' }).runtime)
    const envelope = await main({ action: 'echo', payload: { text: 'too long' } })
    expect(envelope).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '字段 text 最多 5 个字', fields: [{ path: 'text', message: '字段 text 最多 5 个字' }] } })
  })

  describe('authorises before validating, so a refused caller learns nothing of the payload’s shape', () => {
    const malformed = { amount: 'lots', extra: { nested: [1] } }

    it('answers a member’s malformed payload to a staff action with FORBIDDEN and no fields', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-x' }).runtime)
      expect(await main({ action: 'refund', payload: malformed })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } })
    })

    it('answers a role not listed the same way', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-x' }, { 'o-x': 'marketing' }).runtime)
      expect(await main({ action: 'refund', payload: malformed })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } })
    })

    it('answers any client’s malformed payload to a server action with FORBIDDEN and no fields', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-own' }, { 'o-own': 'owner' }).runtime)
      expect(await main({ action: 'bootstrap', payload: malformed })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '该操作只能由管理后台或命令行执行' } })
    })

    it('answers an unidentified caller with UNAUTHENTICATED and no fields', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: null }).runtime)
      const unauthenticated = { ok: false, error: { code: 'UNAUTHENTICATED', message: '无法识别您的身份，请在微信中打开' } }
      expect(await main({ action: 'echo', payload: { text: 'too long' } })).toEqual(unauthenticated)
      expect(await main({ action: 'refund', payload: malformed })).toEqual(unauthenticated)
    })

    it('still names the fields once the caller holds the role', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-cash' }, { 'o-cash': 'cashier' }).runtime)
      expect(await main({ action: 'refund', payload: malformed })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'amount' }, { path: 'extra' }] } })
    })

    it.each([
      ['a valid payload', { amount: 5 }, 'cashier'],
      ['a malformed payload', malformed, 'cashier'],
      ['a malformed payload from a member', malformed, null],
    ])('looks the role up once for a staff action with %s', async (_label, payload, role) => {
      const { runtime, roleLookups } = fakeRuntime({ openid: 'o-cash' }, role ? { 'o-cash': role as Role } : {})
      await createRouter('demo', actions, access, runtime)({ action: 'refund', payload })
      expect(roleLookups).toEqual(['o-cash'])
    })

    it('never looks a role up for member or server actions', async () => {
      const asMember = fakeRuntime({ openid: 'o-1' })
      await createRouter('demo', actions, access, asMember.runtime)({ action: 'echo', payload: { text: 'too long' } })
      const asServer = fakeRuntime({ openid: null })
      await createRouter('demo', actions, access, asServer.runtime)({ action: 'bootstrap', payload: malformed })
      expect([...asMember.roleLookups, ...asServer.roleLookups]).toEqual([])
    })
  })

  it('drops identity keys from the payload instead of trusting them', async () => {
    const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-real' }).runtime)
    expect(await main({ action: 'echo', payload: { text: 'x', openid: 'o-fake', role: 'owner', _openid: 'o-fake' } })).toEqual({
      ok: true,
      data: { text: 'x', openid: 'o-real' },
    })
  })

  it('refuses $-prefixed keys at any depth', async () => {
    const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-1' }).runtime)
    const envelope = await main({ action: 'echo', payload: { text: 'x', nested: [{ deeper: { $where: '1' } }] } })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'nested.0.deeper.$where' }] } })
  })

  describe('role guard', () => {
    it('lets a listed role through and tells the handler the role', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-cash' }, { 'o-cash': 'cashier' }).runtime)
      expect(await main({ action: 'refund', payload: { amount: 5 } })).toEqual({ ok: true, data: { amount: 5, role: 'cashier' } })
    })

    it.each([
      ['a member', {}, 'FORBIDDEN'],
      ['a role not listed', { 'o-x': 'marketing' as Role }, 'FORBIDDEN'],
    ])('forbids %s', async (_label, roles, code) => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-x' }, roles).runtime)
      expect(await main({ action: 'refund', payload: { amount: 5 } })).toMatchObject({ ok: false, error: { code } })
    })

    it('asks an unidentified caller to open WeChat', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: null }).runtime)
      expect(await main({ action: 'refund', payload: { amount: 5 } })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      expect(await main({ action: 'echo', payload: { text: 'x' } })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    it('keeps server-only actions away from every client, even the owner', async () => {
      const asOwner = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-own' }, { 'o-own': 'owner' }).runtime)
      expect(await asOwner({ action: 'bootstrap', payload: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      const asServer = createRouter('demo', actions, access, fakeRuntime({ openid: null }).runtime)
      expect(await asServer({ action: 'bootstrap', payload: {} })).toEqual({ ok: true, data: 'done' })
    })
  })

  describe('audit', () => {
    it('records staff actions with actor, role, time and payload', async () => {
      const { runtime, audits } = fakeRuntime({ openid: 'o-own' }, { 'o-own': 'owner' })
      await createRouter('shop', actions, access, runtime)({ action: 'refund', payload: { amount: 12 } })
      expect(audits).toEqual([{ at: new Date('2026-11-22T07:00:00Z'), fn: 'shop', action: 'refund', actor: 'o-own', role: 'owner', payload: { amount: 12 }, member: null }])
    })

    it('does not audit a member’s own actions, nor refused ones', async () => {
      const { runtime, audits } = fakeRuntime({ openid: 'o-1' })
      const main = createRouter('shop', actions, access, runtime)
      await main({ action: 'echo', payload: { text: 'x' } })
      await main({ action: 'refund', payload: { amount: 1 } })
      expect(audits).toEqual([])
    })
  })

  describe('envelope', () => {
    it('turns an AppError into its code and Chinese message', async () => {
      const main = createRouter('demo', actions, access, fakeRuntime({ openid: 'o-1' }).runtime)
      expect(await main({ action: 'refuse', payload: {} })).toEqual({ ok: false, error: { code: 'INSUFFICIENT_POINTS', message: '积分不足' } })
    })

    it('never leaks a thrown error’s message or stack to the client, but logs it', async () => {
      const { runtime, errors } = fakeRuntime({ openid: 'o-1' })
      const envelope = await createRouter('demo', actions, access, runtime)({ action: 'explode', payload: {} })
      expect(envelope).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } })
      expect(JSON.stringify(envelope)).not.toContain('secret')
      expect(errors).toHaveLength(1)
    })
  })
})
