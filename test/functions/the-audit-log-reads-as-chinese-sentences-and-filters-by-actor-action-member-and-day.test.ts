/**
 * staff.audit through the emulator: entries written by real calls read back newest first as one
 * Chinese sentence each ("王店长 调整积分 林晓雨 +200 原因：生日补录"), filtered by actor, action,
 * member (by card number) and Beijing day, paged with a cursor.
 */
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember } from '../support/members'
import { seedStores, seedTeam, tap } from '../support/workspace'
import { AUDIT_PAGE, ERASED_NAME } from '../../cloudfunctions/shared/contract/workspaceFields'
import type { AuditView } from '../../cloudfunctions/shared/contract/staff'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

// Each invitation draws its wxacode: the emulator renders the PNG inside the test process, where
// qrcode's PNG writer takes 4–9 s a code on a loaded 2-core machine (50 ms under plain node).
jest.setTimeout(120_000)

const NOW = new Date('2026-12-04T10:00:00+08:00')
const OWNER = 'log-owner'
const ADMIN = 'log-admin'
const CASHIER = 'log-cashier'
const profile = (name: string) => ({ name, gender: 'female' as const, birthday: '1995-05-05', birthdayMD: '05-05', avatarFileId: null, phone: null })

const lin = () => cloud().db.find('members', { _id: 'log-lin' })[0] as { cardNo: string }
const chen = () => cloud().db.find('members', { _id: 'log-chen' })[0] as { cardNo: string }
const audit = (payload: Record<string, unknown> = {}, by = OWNER) => as(by).call('staff', 'audit', payload)
const texts = (entries: AuditView[]) => entries.map((entry) => entry.text)

beforeAll(async () => {
  cloud().setNow(NOW)
  seedStores(cloud(), [{ id: 'store-001', name: '会员通示范店' }])
  seedTeam(cloud(), [
    { openid: OWNER, role: 'owner', name: '王店长', storeId: 'store-001' },
    { openid: ADMIN, role: 'admin', name: '赵经理', storeId: 'store-001' },
    { openid: CASHIER, role: 'cashier', name: '小李', storeId: 'store-001' },
  ])
  seedMember(cloud(), 'log-lin', { profile: profile('林晓雨') })
  seedMember(cloud(), 'log-chen', { profile: profile('陈一鸣') })
  // Two shop days apart in Beijing, a minute either side of midnight.
  cloud().setNow(new Date('2026-11-20T23:59:00+08:00'))
  dataOf(await as(OWNER).call('points', 'adjust', { cardNo: lin().cardNo, delta: 200, reason: '生日补录', requestId: tap() }))
  cloud().setNow(new Date('2026-11-21T00:01:00+08:00'))
  dataOf(await as(ADMIN).call('points', 'adjust', { cardNo: lin().cardNo, delta: -50, reason: '误操作更正', requestId: tap() }))
  cloud().setNow(NOW)
  dataOf(await as(ADMIN).call('points', 'adjust', { cardNo: chen().cardNo, delta: 30, reason: '活动补发', requestId: tap() }))
  dataOf(await as(OWNER).call('staff', 'invite', { role: 'cashier', storeId: 'store-001', requestId: tap() }))
  dataOf(await as(OWNER).call('staff', 'updateStaff', { staffOpenid: CASHIER, role: 'marketing' }))
})
afterAll(() => cloud().setNow(null))

describe('the audit log', () => {
  it('reads each entry as one Chinese sentence, newest first', async () => {
    const { entries, nextCursor } = dataOf(await audit())
    expect(nextCursor).toBeNull()
    expect(texts(entries)).toEqual([
      '王店长 修改员工 小李 角色改为营销',
      '王店长 邀请员工 收银员（会员通示范店）',
      '赵经理 调整积分 陈一鸣 +30 原因：活动补发',
      '赵经理 调整积分 林晓雨 -50 原因：误操作更正',
      '王店长 调整积分 林晓雨 +200 原因：生日补录',
    ])
    expect(entries[4]).toMatchObject({ actorName: '王店长', actorRole: '店主', action: 'points.adjust', actionLabel: '调整积分', memberName: '林晓雨', memberCardNo: lin().cardNo })
    const times = entries.map((entry) => Date.parse(entry.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('filters by actor, by action and by member (their card number)', async () => {
    expect(texts(dataOf(await audit({ actorOpenid: ADMIN })).entries)).toEqual(['赵经理 调整积分 陈一鸣 +30 原因：活动补发', '赵经理 调整积分 林晓雨 -50 原因：误操作更正'])
    expect(dataOf(await audit({ action: 'points.adjust' })).entries.map((entry) => entry.memberName)).toEqual(['陈一鸣', '林晓雨', '林晓雨'])
    expect(dataOf(await audit({ action: 'staff.invite' })).entries.map((entry) => entry.action)).toEqual(['staff.invite'])
    expect(texts(dataOf(await audit({ cardNo: lin().cardNo })).entries)).toEqual(['赵经理 调整积分 林晓雨 -50 原因：误操作更正', '王店长 调整积分 林晓雨 +200 原因：生日补录'])
    expect(texts(dataOf(await audit({ cardNo: lin().cardNo, actorOpenid: OWNER, action: 'points.adjust' })).entries)).toEqual(['王店长 调整积分 林晓雨 +200 原因：生日补录'])
    expect(await audit({ cardNo: '1000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'cardNo' }] } })
  })

  it('filters by Beijing day: a minute before midnight is the day before', async () => {
    expect(texts(dataOf(await audit({ from: '2026-11-20', to: '2026-11-20' })).entries)).toEqual(['王店长 调整积分 林晓雨 +200 原因：生日补录'])
    expect(texts(dataOf(await audit({ from: '2026-11-21', to: '2026-11-21' })).entries)).toEqual(['赵经理 调整积分 林晓雨 -50 原因：误操作更正'])
    expect(dataOf(await audit({ from: '2026-11-20', to: '2026-11-21' })).entries).toHaveLength(2)
    expect(dataOf(await audit({ from: '2026-11-22' })).entries).toHaveLength(3)
    expect(dataOf(await audit({ to: '2026-11-19' })).entries).toEqual([])
  })

  it('names the system for timers and the console, the member for their own actions, and an erased member as erased', async () => {
    seedMember(cloud(), 'log-erased', { profile: profile(ERASED_NAME), erasedAt: NOW } as never)
    cloud().db.insertMany('audit', [
      { at: new Date(NOW.getTime() + 3_600_000), fn: 'jobs', action: 'expirePoints', actor: null, role: null, payload: {}, member: null },
      { at: new Date(NOW.getTime() + 7_200_000), fn: 'member', action: 'erase', actor: 'log-erased', role: null, payload: { confirm: true }, member: 'log-erased' },
      { at: new Date(NOW.getTime() + 10_800_000), fn: 'points', action: 'adjust', actor: 'log-gone', role: 'admin', actorName: '孙经理', payload: { delta: 5, reason: '补录' }, member: 'log-lin' },
    ])
    expect(texts(dataOf(await audit({ from: '2026-12-04' })).entries).slice(0, 3)).toEqual(['孙经理 调整积分 林晓雨 +5 原因：补录', `会员本人 会员注销账户 ${ERASED_NAME}`, '系统 积分过期任务'])
  })

  it('pages with a cursor, ties at one moment included, each entry once', async () => {
    const at = new Date('2026-10-01T12:00:00+08:00')
    cloud().db.insertMany(
      'audit',
      Array.from({ length: 2 * AUDIT_PAGE + 7 }, (_, index) => ({
        at: index < 40 ? at : new Date(at.getTime() - index * 60_000),
        fn: 'points',
        action: 'adjust',
        actor: 'log-bulk',
        role: 'cashier',
        actorName: '老员工',
        payload: { delta: index + 1, reason: `批量${index + 1}` },
        member: null,
      })),
    )
    const seen: AuditView[] = []
    let cursor: string | undefined
    const pages: number[] = []
    do {
      const page = dataOf(await audit({ actorOpenid: 'log-bulk', ...(cursor && { cursor }) }))
      pages.push(page.entries.length)
      seen.push(...page.entries)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(pages).toEqual([AUDIT_PAGE, AUDIT_PAGE, 7])
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(2 * AUDIT_PAGE + 7)
    expect(seen.map((entry) => Date.parse(entry.at))).toEqual(seen.map((entry) => Date.parse(entry.at)).sort((a, b) => b - a))
    expect(seen.every((entry) => entry.text.startsWith('老员工 调整积分 +'))).toBe(true)
  })

  it('is for the owner and admins only, and bad filters are named', async () => {
    const audits = cloud().db.find('audit').length
    expect(dataOf(await audit({}, ADMIN)).entries.length).toBeGreaterThan(0)
    for (const caller of [CASHIER, 'log-lin']) expect(await audit({}, caller)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await audit({ action: 'adjust' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'action' }] } })
    expect(await audit({ from: '2026-13-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'from' }] } })
    expect(await audit({ from: '2026-11-21', to: '2026-11-20' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'to' }] } })
    expect(await audit({ cursor: 'not-ours' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cursor' }] } })
    expect(await audit({ cardNo: '12345' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cardNo' }] } })
    // Reading the log is not itself logged.
    expect(cloud().db.find('audit')).toHaveLength(audits)
  })
})
