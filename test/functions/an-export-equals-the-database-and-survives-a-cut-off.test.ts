/**
 * Exports through the emulator, as the owner's export page makes them: members, the ledger and
 * consumption records for November 2026, read back from the emulator's storage with a strict RFC 4180
 * reader and compared cell by cell with what the database holds (names with Chinese, commas, quotes
 * and line breaks; the range's edges to the millisecond; members who joined in the same millisecond).
 * Every function instance reads 4 rows a page (HUIYUAN_EXPORT_PAGE_ROWS), so a part is 20 rows and
 * the fixtures take several parts. A chunk killed right after storing a part, before the job counted
 * it, is redone from the job's cursor once its claim lapses, and the file has each row once.
 * Exported on 10 December 2026, 10:00 Beijing.
 */
import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'
import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../../cloudfunctions/shared/contract/actions'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { ExportJob } from '../../cloudfunctions/shared/contract/staff'
import type { ExportDoc } from '../../cloudfunctions/shared/domain/exportJob'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { memberFixture } from '../../local/fixtures'
import { parseCsv } from '../support/csv'
import { dataOf, fileIdOfUrl } from '../support/localCloud'
import { memberCodeOf } from '../support/members'
import { settled } from '../support/wait'

const PAGE_ROWS = 4
/** What a part holds at that page size (5 pages a part). */
const PART_ROWS = 5 * PAGE_ROWS
const holder: { cloud?: LocalCloud } = {}
const cloud = () => holder.cloud!
beforeAll(async () => {
  holder.cloud = await startLocalCloud({ functionsDir: TEST_FUNCTIONS_OUTPUT, maxInstances: 2, timeoutScale: 5, strictIndexes: true, env: { HUIYUAN_EXPORT_PAGE_ROWS: String(PAGE_ROWS) } })
})
afterAll(async () => {
  await holder.cloud?.close()
})
const as = (openid: string | null) => ({
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload?: PayloadOf<F, A> | Record<string, unknown>): Promise<Envelope<ResultOf<F, A>>> {
    return cloud().call(fn, { action, payload }, { openid }) as Promise<Envelope<ResultOf<F, A>>>
  },
})

/** An instant named by Beijing wall-clock text, to the millisecond. */
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`)
const NOW = beijing('2026-12-10 10:00:00.000')
const OWNER = 'export-owner'
const CASHIER = 'export-cashier'
const STAFF = { [OWNER]: '王店长', 'export-admin': '李经理', [CASHIER]: '张收银', 'export-service': '赵客服', 'export-marketing': '钱营销' }
const ROLES = { [OWNER]: 'owner', 'export-admin': 'admin', [CASHIER]: 'cashier', 'export-service': 'service', 'export-marketing': 'marketing' } as const
const STORES = [
  { _id: 'store-001', name: '人民路店' },
  { _id: 'store-002', name: '滨江,"新"店' },
]
/** The names a spreadsheet would split or run: Chinese, commas, quotes, CR, LF, and a formula. */
const AWKWARD_NAMES = ['林晓雨', '王,小明', '"阿强"', '多行\n姓名', '回车\r\n换行', '=HYPERLINK("http://x","点我")', '-5 号', '@张三', ' 空格 ', 'Zoë 李']

let requestSeq = 0
const requestId = () => `exp-req-${String(++requestSeq).padStart(4, '0')}`
const owner = () => as(OWNER)
/** The clock only moves on (a claim lapses, a link expires); every export of November comes after 1 December whenever it runs. */
const laterBy = (ms: number) => cloud().setNow(new Date(cloud().now().getTime() + ms))
const exportDoc = (id: string) => cloud().db.find('exports', { _id: id })[0] as unknown as ExportDoc

// The expectations, written here from the documents, not with the code under test.
const KIND_NAMES: Record<string, string> = { earn: '获得', redeem: '使用', expire: '过期', adjust: '调整', reverse: '冲回' }
const TIER_NAMES: Record<string, string> = { regular: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' }
const GENDER_NAMES: Record<string, string> = { male: '男', female: '女', unknown: '保密' }
const beijingText = (at: Date | string) => {
  const shifted = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`
}
/** A cell that would start a formula is written with a leading ' (see domain/csv). */
const asText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)
const masked = (phone: string | null | undefined) => (phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '')
const yuan = (fen: number) => (fen / 100).toFixed(2)
const storeName = (id: string | null | undefined) => STORES.find((store) => store._id === id)?.name ?? id ?? ''
const staffName = (openid: string) => STAFF[openid as keyof typeof STAFF] ?? '已离职员工'
const inNovember = (at: Date | string) => new Date(at) >= beijing('2026-11-01 00:00:00.000') && new Date(at) < beijing('2026-12-01 00:00:00.000')
const byTimeThenId =
  <T extends { _id: string }>(time: (doc: T) => Date | string) =>
  (a: T, b: T) =>
    new Date(time(a)).getTime() - new Date(time(b)).getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

function members(): MemberDoc[] {
  return cloud().db.find('members', {}) as unknown as MemberDoc[]
}
function memberOf(openid: string): MemberDoc {
  return members().find((member) => member._id === openid)!
}

function expectedMembers(fullPhone: boolean): string[][] {
  return members()
    .filter((member) => inNovember(member.joinedAt))
    .sort(byTimeThenId((member) => member.joinedAt))
    .map((member) => [
      member.cardNo,
      asText(member.profile.name),
      fullPhone ? (member.profile.phone ?? '') : masked(member.profile.phone),
      GENDER_NAMES[member.profile.gender],
      member.profile.birthday,
      TIER_NAMES[member.tier],
      String(member.pointsBalance),
      String(member.lifetimePoints),
      storeName(member.source.store),
      beijingText(member.joinedAt),
      member.lastPurchaseAt && new Date(member.lastPurchaseAt).getTime() > 0 ? beijingText(member.lastPurchaseAt) : '',
      member.tags.join('、'),
      member.removedAt ? '已注销' : '正常',
    ])
}

function novemberLedger(): LedgerRow[] {
  return (cloud().db.find('ledger', {}) as unknown as LedgerRow[]).filter((row) => inNovember(row.createdAt)).sort(byTimeThenId((row) => row.createdAt))
}

function expectedLedger(): string[][] {
  return novemberLedger().map((row) => {
    const member = memberOf(row.openid)
    const actor = row.by === 'system' ? '系统' : row.by === row.openid ? '会员本人' : staffName(row.by)
    return [beijingText(row.createdAt), member.cardNo, asText(member.profile.name), KIND_NAMES[row.kind], String(row.delta), String(row.balanceAfter), asText(row.reason), actor, row._id]
  })
}

function expectedOrders(fullPhone: boolean): string[][] {
  const refunds = cloud().db.find('refunds', {}) as unknown as Array<{ _id: string; refundedFen: number }>
  return novemberLedger()
    .filter((row) => row.kind === 'earn' && row.order)
    .map((row) => {
      const member = memberOf(row.openid)
      const order = row.order!
      return [
        beijingText(row.createdAt),
        storeName(order.storeId),
        order.orderNo,
        member.cardNo,
        asText(member.profile.name),
        fullPhone ? (member.profile.phone ?? '') : masked(member.profile.phone),
        yuan(order.amountFen),
        yuan(order.checkout?.paidFen ?? order.amountFen),
        yuan(order.checkout?.cashFen ?? 0),
        String(order.checkout?.pointsEarned ?? row.delta),
        yuan(refunds.find((refund) => refund._id === row._id)?.refundedFen ?? 0),
        staffName(order.cashier),
      ]
    })
}

const HEADERS = {
  members: ['卡号', '姓名', '手机号', '性别', '生日', '等级', '积分余额', '累计积分', '入会门店', '入会时间', '最近消费', '标签', '状态'],
  ledger: ['时间', '卡号', '会员姓名', '类型', '积分变动', '变动后余额', '说明', '操作人', '流水编号'],
  orders: ['时间', '门店', '单号', '卡号', '会员姓名', '手机号', '订单金额(元)', '实付金额(元)', '积分抵现(元)', '获得积分', '已退款(元)', '收银员'],
}

/** The file a finished job's link points at, from the emulator's storage, as bytes. */
function fileBehind(job: ExportJob): Buffer {
  expect(job.url).toEqual(expect.any(String))
  const fileID = fileIdOfUrl(cloud(), job.url)!
  expect(fileID).toBe(exportDoc(job.id).fileId)
  const content = cloud().storage.get(fileID)
  if (!content) throw new Error(`no file ${fileID}`)
  return content
}

/** The file's records after the BOM, which must come once, first, as UTF-8's EF BB BF. */
function recordsOf(job: ExportJob): string[][] {
  const bytes = fileBehind(job)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  expect(text.indexOf('\uFEFF', 1)).toBe(-1)
  return parseCsv(text.slice(1))
}

const start = (payload: Record<string, unknown>) => owner().call('staff', 'startExport', { from: '2026-11-01', to: '2026-11-30', requestId: requestId(), ...payload })

/** Polls as the page does until the job is no longer running, running the hand-overs it asked for as WeChat would. */
async function finished(job: ExportJob): Promise<ExportJob> {
  let current = job
  for (let polls = 0; current.status === 'running'; polls++) {
    if (polls > 50) throw new Error(`export ${job.id} still running: ${JSON.stringify(exportDoc(job.id))}`)
    const handOvers = cloud().reinvocations.splice(0)
    for (const handOver of handOvers) await cloud().call(handOver.fn, handOver.event, {})
    current = dataOf(await owner().call('staff', 'exportStatus', { id: job.id }))
  }
  return current
}

beforeAll(() => {
  const db = cloud().db
  db.insertMany(
    'staff',
    Object.entries(ROLES).map(([openid, role]) => ({ _id: openid, name: STAFF[openid as keyof typeof STAFF], role, updatedAt: NOW, updatedBy: null })),
  )
  db.insertMany('stores', STORES)
  // 48 members of November (parts of 20, 20 and 8 rows), six of them in one millisecond, the month's first and last millisecond, and two just outside.
  const novemberMembers = Array.from({ length: 40 }, (_, index) => {
    const joinedAt = new Date(beijing('2026-11-02 09:00:00.000').getTime() + index * 13 * 3600_000 + index * 7)
    return memberFixture(`exp-m-${String(index).padStart(3, '0')}`, joinedAt, {
      cardNo: `81${String(index).padStart(8, '0')}`,
      profile: {
        name: AWKWARD_NAMES[index % AWKWARD_NAMES.length],
        gender: (['male', 'female', 'unknown'] as const)[index % 3],
        birthday: '1990-03-18',
        birthdayMD: '03-18',
        avatarFileId: null,
        phone: index % 4 === 3 ? null : `139${String(10_000_000 + index * 7919).slice(0, 8)}`,
      },
      tier: (['regular', 'silver', 'gold', 'diamond'] as const)[index % 4],
      pointsBalance: index * 37,
      lifetimePoints: index * 101,
      source: { store: index % 5 === 0 ? 'store-002' : index % 7 === 0 ? 'store-gone' : 'store-001', referrer: null, scene: null },
      tags: index % 6 === 0 ? ['VIP', '咖啡,拿铁'] : [],
      lastPurchaseAt: index % 2 === 0 ? new Date(joinedAt.getTime() + 86_400_000) : new Date(0),
      removedAt: index === 35 ? beijing('2026-11-20 12:00:00.000') : null,
    })
  })
  const tied = Array.from({ length: 6 }, (_, index) =>
    memberFixture(`exp-tie-${index}`, beijing('2026-11-15 12:00:00.000'), {
      cardNo: `82${String(index).padStart(8, '0')}`,
      profile: { name: `同时入会${index},"甲"`, gender: 'unknown', birthday: '1991-01-01', birthdayMD: '01-01', avatarFileId: null, phone: `1370000000${index}` },
    }),
  )
  const edges = [
    memberFixture('exp-edge-first', beijing('2026-11-01 00:00:00.000'), {
      cardNo: '8300000001',
      profile: { name: '月初', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    }),
    memberFixture('exp-edge-last', beijing('2026-11-30 23:59:59.999'), {
      cardNo: '8300000002',
      profile: { name: '月末', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    }),
    memberFixture('exp-edge-before', beijing('2026-10-31 23:59:59.999'), {
      cardNo: '8300000003',
      profile: { name: '十月', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    }),
    memberFixture('exp-edge-after', beijing('2026-12-01 00:00:00.000'), {
      cardNo: '8300000004',
      profile: { name: '十二月', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    }),
  ]
  db.insertMany('members', [...novemberMembers, ...tied, ...edges])
})

beforeAll(async () => {
  // Purchases and a refund through the till, on November days; then rows no till makes, with awkward reasons.
  for (let index = 0; index < 24; index++) {
    const openid = `exp-m-${String(index).padStart(3, '0')}`
    cloud().setNow(new Date(beijing('2026-11-05 10:00:00.000').getTime() + index * 20 * 3600_000))
    const store = index % 3 === 0 ? 'store-002' : 'store-001'
    dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: store, orderNo: `N${index}`, amount: 20 + index * 3.5 }))
  }
  cloud().setNow(beijing('2026-10-20 10:00:00.000'))
  dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'exp-m-030'), storeId: 'store-001', orderNo: 'OCT1', amount: 99 }))
  cloud().setNow(beijing('2026-11-28 15:00:00.000'))
  dataOf(await as(CASHIER).call('points', 'refund', { storeId: 'store-001', orderNo: 'N4', refundId: 'R1', amount: 10 }))
  dataOf(await as(OWNER).call('points', 'adjust', { cardNo: '8100000005', delta: 50, reason: '补录,漏积分 "周年"', requestId: 'exp-adjust-1' }))
  cloud().db.insertMany('ledger', [
    {
      _id: 'birthday:exp-m-002:2026',
      openid: 'exp-m-002',
      kind: 'earn',
      delta: 50,
      balanceAfter: 50,
      reason: '生日礼遇',
      by: 'system',
      rulesVersion: 1,
      createdAt: beijing('2026-11-16 00:30:00.000'),
      expiresAt: null,
    },
    {
      _id: 'adjust:legacy-1',
      openid: 'exp-m-003',
      kind: 'adjust',
      delta: -20,
      balanceAfter: 0,
      reason: '多行\n原因,含"引号"',
      by: 'export-gone',
      rulesVersion: 1,
      createdAt: beijing('2026-11-16 00:30:00.000'),
      expiresAt: null,
    },
    {
      _id: 'expire:exp-m-004:2026-11-30',
      openid: 'exp-m-004',
      kind: 'expire',
      delta: -7,
      balanceAfter: 0,
      reason: '=积分过期',
      by: 'system',
      rulesVersion: 1,
      createdAt: beijing('2026-11-30 23:59:59.999'),
      expiresAt: null,
    },
    {
      _id: 'redeem:exp-m-005:r1',
      openid: 'exp-m-005',
      kind: 'redeem',
      delta: -30,
      balanceAfter: 0,
      reason: '兑换 咖啡券',
      by: 'exp-m-005',
      rulesVersion: 1,
      createdAt: beijing('2026-12-01 00:00:00.000'),
      expiresAt: null,
    },
  ])
  cloud().setNow(NOW)
})
afterAll(() => cloud().setNow(null))
beforeEach(() => {
  cloud().reinvocations.length = 0
})

describe('the file equals the database', () => {
  it.each([
    ['members, phones masked', 'members', false],
    ['members, phones in full', 'members', true],
    ['the ledger', 'ledger', false],
    ['consumption records, phones masked', 'orders', false],
    ['consumption records, phones in full', 'orders', true],
  ] as const)('%s: header once, every row of the range once, in time order, cell for cell', async (_label, kind, fullPhone) => {
    const started = dataOf(await start({ kind, fullPhone }))
    expect(started).toMatchObject({
      kind,
      status: expect.any(String),
      from: '2026-11-01',
      to: '2026-11-30',
      fullPhone,
      fileName: `${{ members: '会员资料', ledger: '积分流水', orders: '消费记录' }[kind]}_2026-11-01_2026-11-30.csv`,
    })
    const job = await finished(started)
    const expected = kind === 'members' ? expectedMembers(fullPhone) : kind === 'ledger' ? expectedLedger() : expectedOrders(fullPhone)
    expect(job).toMatchObject({ status: 'done', statusLabel: '已完成', rows: expected.length, total: expected.length, progress: 1, error: null })
    const [header, ...rows] = recordsOf(job)
    expect(header).toEqual(HEADERS[kind])
    expect(rows).toEqual(expected)
    // The fixture is the awkward one it claims to be, and spans parts.
    expect(rows.length).toBeGreaterThan(PART_ROWS)
  })

  it('the fixture holds what the walk must get right: the range edges, six members in one millisecond, every awkward name, rows outside November', async () => {
    const ids = expectedMembers(false).map((row) => row[0])
    expect(ids).toEqual(expect.arrayContaining(['8300000001', '8300000002', ...Array.from({ length: 6 }, (_, index) => `82${String(index).padStart(8, '0')}`)]))
    expect(ids).not.toEqual(expect.arrayContaining(['8300000003']))
    expect(ids).not.toContain('8300000004')
    const names = members().map((member) => member.profile.name)
    for (const name of AWKWARD_NAMES) expect(names).toContain(name)
    expect(expectedLedger().map((row) => row[8])).toEqual(expect.arrayContaining(['birthday:exp-m-002:2026', 'adjust:legacy-1', 'expire:exp-m-004:2026-11-30', 'refund:store-001:N4:R1']))
    expect(expectedLedger().map((row) => row[8])).not.toEqual(expect.arrayContaining(['order:store-001:OCT1']))
    expect(expectedLedger().map((row) => row[8])).not.toContain('redeem:exp-m-005:r1')
    // The birthday's earn row is no consumption record.
    expect(expectedOrders(false).map((row) => row[2])).not.toContain('')
    expect(expectedOrders(false)).toHaveLength(24)
  })

  it('masks each phone as 139****1234 unless the owner asks for full numbers, and the audit log says which', async () => {
    const maskedJob = await finished(dataOf(await start({ kind: 'members' })))
    const fullJob = await finished(dataOf(await start({ kind: 'members', fullPhone: true })))
    const phones = (job: ExportJob) =>
      recordsOf(job)
        .slice(1)
        .map((row) => row[2])
    const withPhone = members().filter((member) => inNovember(member.joinedAt) && member.profile.phone)
    expect(phones(maskedJob).filter((phone) => phone !== '')).toHaveLength(withPhone.length)
    for (const phone of phones(maskedJob)) expect(phone).toMatch(/^$|^\d{3}\*{4}\d{4}$/)
    expect(
      phones(fullJob)
        .filter((phone) => phone !== '')
        .sort(),
    ).toEqual(withPhone.map((member) => member.profile.phone!).sort())
    const audited = (id: string) =>
      (cloud().db.find('audit', { action: 'startExport' }) as Array<{ actor: string; role: string; payload: { exportId: string } }>).filter((entry) => entry.payload.exportId === id)
    expect(audited(maskedJob.id)).toEqual([
      expect.objectContaining({ actor: OWNER, role: 'owner', payload: { exportId: maskedJob.id, kind: 'members', from: '2026-11-01', to: '2026-11-30', fullPhone: false } }),
    ])
    expect(audited(fullJob.id)).toEqual([
      expect.objectContaining({ actor: OWNER, role: 'owner', payload: { exportId: fullJob.id, kind: 'members', from: '2026-11-01', to: '2026-11-30', fullPhone: true } }),
    ])
  })
})

describe('cut off', () => {
  /** Kills every staff instance the moment the named part is stored, before the function hears back: the job never counts that part. */
  function killAfterStoring(path: string): () => void {
    const storage = cloud().storage
    const put = storage.put
    storage.put = function (this: typeof storage, cloudPath, content) {
      const fileId = put.call(this, cloudPath, content)
      if (cloudPath === path) cloud().runner.kill('staff')
      return fileId
    }
    return () => void (storage.put = put)
  }

  it('after storing a part and before counting it: the part is written again from the cursor, and every row is in the file once', async () => {
    const id = requestId()
    const restore = killAfterStoring(`exports/${id}/part-1.csv`)
    try {
      await expect(owner().call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-30', requestId: id })).rejects.toMatchObject({ errCode: -504002 })
    } finally {
      restore()
    }
    await settled(() => cloud().db.stats().roundTrips)
    // Cut where it was meant to be: part 1 is in storage, the job counts part 0 only, and the dead chunk's claim still holds.
    const cut = exportDoc(id)
    expect(cut).toMatchObject({ status: 'running', parts: 1, rows: PART_ROWS, walked: false, lease: expect.any(String) })
    expect(cloud().storage.get(`cloud://${cloud().storage.bucket}/exports/${id}/part-1.csv`)).not.toBeNull()
    // Whatever the dead chunk left there (here: a row of part 0 again) is overwritten, not joined.
    const part0 = cloud().storage.get(`cloud://${cloud().storage.bucket}/exports/${id}/part-0.csv`)!.toString('utf8')
    cloud().storage.put(`exports/${id}/part-1.csv`, Buffer.from(part0.split('\r\n')[0] + '\r\n', 'utf8'))

    // Inside the claim, a poll answers the progress so far and leaves the job alone.
    const inside = dataOf(await owner().call('staff', 'exportStatus', { id }))
    expect(inside).toMatchObject({ status: 'running', rows: PART_ROWS, progress: PART_ROWS / expectedMembers(false).length, url: null })
    expect(exportDoc(id).lease).toBe(cut.lease)

    // Past the claim (70 s), the next poll runs the job on from its cursor.
    laterBy(71_000)
    const job = await finished(inside)
    expect(job).toMatchObject({ status: 'done', rows: expectedMembers(false).length, total: expectedMembers(false).length })
    const rows = recordsOf(job).slice(1)
    expect(rows).toEqual(expectedMembers(false))
    expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length)
    expect(exportDoc(id).parts).toBe(Math.ceil(rows.length / PART_ROWS))
  })

  it('while the start tap runs its first chunk: the tap fails, the job is there, and the poll finishes it once the claim lapses', async () => {
    const id = requestId()
    const restore = killAfterStoring(`exports/${id}/part-0.csv`)
    try {
      await expect(owner().call('staff', 'startExport', { kind: 'ledger', from: '2026-11-01', to: '2026-11-30', requestId: id })).rejects.toMatchObject({ errCode: -504002 })
    } finally {
      restore()
    }
    await settled(() => cloud().db.stats().roundTrips)
    expect(exportDoc(id)).toMatchObject({ status: 'running', parts: 0, rows: 0, total: expectedLedger().length })
    // The owner taps again (the same request): the same job, not a second one.
    const again = dataOf(await owner().call('staff', 'startExport', { kind: 'ledger', from: '2026-11-01', to: '2026-11-30', requestId: id }))
    expect(again).toMatchObject({ id, status: 'running', rows: 0 })
    laterBy(71_000)
    const job = await finished(again)
    expect(recordsOf(job).slice(1)).toEqual(expectedLedger())
  })

  it('a finished job run again changes nothing: the same file, no part written', async () => {
    const job = await finished(dataOf(await start({ kind: 'orders' })))
    const before = fileBehind(job)
    const puts: string[] = []
    const storage = cloud().storage
    const put = storage.put
    storage.put = function (this: typeof storage, cloudPath, content) {
      puts.push(cloudPath)
      return put.call(this, cloudPath, content)
    }
    try {
      const again = dataOf(await as(null).call('staff', 'exportChunk', { id: job.id }))
      expect(again).toMatchObject({ status: 'done', rows: job.rows })
    } finally {
      storage.put = put
    }
    expect(puts).toEqual([])
    expect(fileBehind(job).equals(before)).toBe(true)
  })
})

describe('the job', () => {
  it('answers a repeated tap with the same job, and refuses the same request id for another export', async () => {
    const id = requestId()
    const first = dataOf(await owner().call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-30', requestId: id }))
    const count = cloud().db.find('exports', {}).length
    const again = dataOf(await owner().call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-30', requestId: id }))
    expect(again.id).toBe(first.id)
    expect(cloud().db.find('exports', {})).toHaveLength(count)
    const other = await owner().call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-29', requestId: id })
    expect(other).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
  })

  it('lists the recent jobs newest first, and a link lasts 2 hours after the file was made', async () => {
    const job = await finished(dataOf(await start({ kind: 'members', from: '2026-11-15', to: '2026-11-15' })))
    expect(recordsOf(job).slice(1)).toEqual(expectedMembers(false).filter((row) => row[9].startsWith('2026-11-15')))
    const listed = dataOf(await owner().call('staff', 'exports', {}))
    expect(listed[0]).toMatchObject({ id: job.id, status: 'done', url: expect.any(String) })
    const created = listed.map((each) => each.createdAt)
    expect(created).toEqual([...created].sort().reverse())
    const madeAt = new Date(job.finishedAt!).getTime()
    cloud().setNow(new Date(madeAt + 2 * 3600_000 - 1_000))
    expect(dataOf(await owner().call('staff', 'exportStatus', { id: job.id }))).toMatchObject({ status: 'done', url: expect.any(String), error: null })
    cloud().setNow(new Date(madeAt + 2 * 3600_000 + 1_000))
    expect(dataOf(await owner().call('staff', 'exportStatus', { id: job.id }))).toMatchObject({ status: 'done', url: null, error: '下载链接已过期，请重新导出' })
  })

  it('an unknown job is NOT_FOUND', async () => {
    expect(await owner().call('staff', 'exportStatus', { id: 'exp-nobody-0000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('who may export, and what is refused', () => {
  it.each(['export-admin', CASHIER, 'export-service', 'export-marketing', 'exp-m-001'])('%s cannot start, follow or list exports, and writes nothing', async (openid) => {
    const before = cloud().db.find('exports', {}).length
    const [some] = cloud().db.find('exports', {}) as unknown as ExportDoc[]
    expect(await as(openid).call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-30', requestId: requestId() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as(openid).call('staff', 'exportStatus', { id: some._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as(openid).call('staff', 'exports', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('exports', {})).toHaveLength(before)
  })

  it('a chunk runs only server-side: not even the owner can call it', async () => {
    const [some] = cloud().db.find('exports', {}) as unknown as ExportDoc[]
    expect(await owner().call('staff', 'exportChunk', { id: some._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it.each([
    ['a range over 366 days', { from: '2025-11-01', to: '2026-11-30' }, 'to', '导出范围不能超过 366 天'],
    ['an end before the start', { from: '2026-11-30', to: '2026-11-01' }, 'to', '结束日期不能早于开始日期'],
    ['a date that does not exist', { from: '2026-02-30', to: '2026-03-01' }, 'from', '开始日期不是有效日期'],
    ['no kind', { kind: undefined }, 'kind', '请选择导出内容'],
    ['an unknown kind', { kind: 'coupons' }, 'kind', '请选择导出内容'],
    ['a bad request id', { requestId: 'x' }, 'requestId', '请求编号不正确'],
  ])('%s: INVALID_INPUT naming the field, nothing written', async (_label, change, field, message) => {
    const before = cloud().db.find('exports', {}).length
    const answer = await owner().call('staff', 'startExport', { kind: 'members', from: '2026-11-01', to: '2026-11-30', requestId: requestId(), ...change })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message, fields: [expect.objectContaining({ path: field, message })] } })
    expect(cloud().db.find('exports', {})).toHaveLength(before)
  })
})
