import fc from 'fast-check'
import { ROLES, type Role } from '../../../cloudfunctions/shared/contract/roles'
import { INVITABLE_ROLES } from '../../../cloudfunctions/shared/contract/workspaceFields'
import { decideInvite, decideRevokeStaff, decideStaffChange, decideTransfer, storeRefusal, type Colleague, type StoreFacts } from '../../../cloudfunctions/shared/domain/staffRoles'

/**
 * Who may invite, change, revoke and hand over, written out by hand (not read from grantableRoles:
 * a change there that this table does not repeat changes who may do what, and should fail here);
 * then, over every sequence of changes, the shop keeps exactly one owner.
 */

const OPEN: StoreFacts = { id: 'store-001', name: '示范店', closed: false }
const CLOSED: StoreFacts = { id: 'store-009', name: '旧城店', closed: true }
const colleague = (openid: string, role: Role, name = `${role}员工`): Colleague => ({ openid, role, name, storeId: 'store-001' })
const verdict = (result: { kind: string; code?: string }) => (result.kind === 'allowed' ? 'ok' : result.code)

describe('inviting', () => {
  // Rows: the inviter's role; columns: admin, cashier, marketing, service.
  const TABLE: Record<Role | 'member', string[]> = {
    owner: ['ok', 'ok', 'ok', 'ok'],
    admin: ['FORBIDDEN', 'ok', 'ok', 'ok'],
    cashier: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    marketing: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    service: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    member: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  }
  it.each(Object.entries(TABLE))('%s may invite: %j (admin, cashier, marketing, service)', (inviter, row) => {
    expect(INVITABLE_ROLES.map((role) => verdict(decideInvite(inviter === 'member' ? null : (inviter as Role), role, OPEN, OPEN.id)))).toEqual(row)
  })

  it('names the role refused, and refuses a closed or unknown store naming storeId', () => {
    expect(decideInvite('admin', 'admin', OPEN, OPEN.id)).toEqual({ kind: 'refused', code: 'FORBIDDEN', message: '您不能邀请管理员', fields: [{ path: 'role', message: '您不能邀请管理员' }] })
    expect(decideInvite('owner', 'cashier', CLOSED, CLOSED.id)).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'storeId', message: '门店「旧城店」已停业，不能选择' }] })
    expect(decideInvite('owner', 'cashier', null, 'store-404')).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'storeId', message: '找不到门店（store-404）' }] })
    expect(storeRefusal(OPEN, OPEN.id)).toBeNull()
  })
})

describe('changing and revoking a colleague', () => {
  // Rows: the actor; columns: the colleague's role owner, admin, cashier, marketing, service (someone else).
  const MANAGE: Record<Role, string[]> = {
    owner: ['FORBIDDEN', 'ok', 'ok', 'ok', 'ok'],
    admin: ['FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
    cashier: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    marketing: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    service: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  }
  it.each(Object.entries(MANAGE))('%s may move and revoke: %j (owner, admin, cashier, marketing, service)', (actor, row) => {
    const me = { openid: 'me', role: actor as Role }
    expect(ROLES.map((role) => verdict(decideStaffChange(me, colleague('other', role), { storeId: 'store-001' }, OPEN)))).toEqual(row)
    expect(ROLES.map((role) => verdict(decideRevokeStaff(me, colleague('other', role))))).toEqual(row)
  })

  // Rows: the actor; columns: the new role owner, admin, cashier, marketing, service, for a cashier colleague.
  const GRANT: Record<'owner' | 'admin', string[]> = {
    owner: ['FORBIDDEN', 'ok', 'ok', 'ok', 'ok'],
    admin: ['FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
  }
  it.each(Object.entries(GRANT))('%s may make a cashier: %j (owner, admin, cashier, marketing, service)', (actor, row) => {
    expect(ROLES.map((role) => verdict(decideStaffChange({ openid: 'me', role: actor as Role }, colleague('other', 'cashier'), { role }, OPEN)))).toEqual(row)
  })

  it.each(ROLES)('a %s changes their own name and store, never their own role, and never revokes themselves', (role) => {
    const me = colleague('me', role)
    expect(decideStaffChange(me, me, { name: '新名字', storeId: 'store-001' }, OPEN)).toEqual({ kind: 'allowed' })
    expect(decideStaffChange(me, me, { role: 'cashier' === role ? 'service' : 'cashier' }, OPEN)).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'role' }] })
    expect(decideStaffChange(me, me, { role }, OPEN)).toEqual({ kind: 'allowed' })
    expect(decideRevokeStaff(me, me)).toMatchObject({ code: 'CONFLICT', message: '不能移除自己' })
  })

  it('refuses a move to a closed store, but not keeping a colleague where they already are', () => {
    const owner = { openid: 'me', role: 'owner' as const }
    expect(decideStaffChange(owner, colleague('other', 'cashier'), { storeId: CLOSED.id }, CLOSED)).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'storeId' }] })
    expect(decideStaffChange(owner, { ...colleague('other', 'cashier'), storeId: CLOSED.id }, { storeId: CLOSED.id, name: '改名' }, CLOSED)).toEqual({ kind: 'allowed' })
    expect(decideStaffChange(owner, null, { name: '谁' }, null)).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'staffOpenid' }] })
  })
})

describe('handing the shop over', () => {
  const owner = colleague('me', 'owner', '王店长')
  it.each([
    ['the owner, to a colleague, with their name', owner, colleague('zhao', 'admin', '赵经理'), '赵经理', 'ok'],
    ['with spaces around the name', owner, colleague('zhao', 'admin', '赵经理'), ' 赵经理 ', 'ok'],
    ['with another name', owner, colleague('zhao', 'admin', '赵经理'), '赵总', 'INVALID_INPUT'],
    ['to themselves', owner, owner, '王店长', 'CONFLICT'],
    ['to nobody', owner, null, '赵经理', 'NOT_FOUND'],
    ['by an admin', colleague('zhao', 'admin', '赵经理'), colleague('li', 'cashier', '小李'), '小李', 'FORBIDDEN'],
    ['by someone no longer staff', null, colleague('li', 'cashier', '小李'), '小李', 'FORBIDDEN'],
  ] as const)('%s: %s', (_label, actor, target, confirmName, expected) => {
    expect(verdict(decideTransfer(actor, target, confirmName))).toBe(expected)
  })

  it('names confirmName when the name differs', () => {
    expect(decideTransfer(owner, colleague('zhao', 'admin', '赵经理'), '赵总')).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'confirmName', message: expect.stringContaining('赵经理') }] })
  })
})

describe('the one owner', () => {
  type Step = { kind: 'change'; actor: number; target: number; role: Role } | { kind: 'revoke'; actor: number; target: number } | { kind: 'transfer'; actor: number; target: number }
  const index = fc.nat(5)
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('change' as const), actor: index, target: index, role: fc.constantFrom(...ROLES) }),
    fc.record({ kind: fc.constant('revoke' as const), actor: index, target: index }),
    fc.record({ kind: fc.constant('transfer' as const), actor: index, target: index }),
  )

  it('stays exactly one whatever the staff list is asked to do, in whatever order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const team = new Map<string, Colleague>((['owner', 'admin', 'admin', 'cashier', 'marketing', 'service'] as const).map((role, at) => [`s${at}`, colleague(`s${at}`, role, `员工${at}`)]))
        for (const next of steps) {
          const actor = team.get(`s${next.actor}`) ?? null
          const target = team.get(`s${next.target}`) ?? null
          const who = { openid: `s${next.actor}`, role: actor?.role ?? null }
          if (next.kind === 'change' && decideStaffChange(who, target, { role: next.role }, OPEN).kind === 'allowed') team.set(target!.openid, { ...target!, role: next.role })
          if (next.kind === 'revoke' && decideRevokeStaff(who, target).kind === 'allowed') team.delete(target!.openid)
          if (next.kind === 'transfer' && decideTransfer(actor, target, target?.name ?? '').kind === 'allowed') {
            team.set(target!.openid, { ...target!, role: 'owner' })
            team.set(actor!.openid, { ...actor!, role: 'admin' })
          }
          expect([...team.values()].filter((member) => member.role === 'owner')).toHaveLength(1)
        }
      }),
    )
  })
})
