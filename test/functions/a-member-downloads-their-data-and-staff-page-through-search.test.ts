/**
 * 我的数据: the member's own data as one JSON file in cloud storage (what the shop holds, read back
 * from the file itself), replaced by each download and deleted by erasure. Member search a page at
 * a time (last 4 digits shared by more members than a page holds; a name prefix), and the till's
 * lookup masking the phone for every records role.
 */
import type { MemberHit } from '../../cloudfunctions/shared/contract/archive'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { dataOf, fileBehindUrl, fileIdOfUrl, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import { fileFor } from '../support/tickets'

const { cloud, as } = useLocalCloud()

const OPENID = 'my-data-member'
const PHONE = '13566667777'
const memberDoc = (openid = OPENID) => cloud().db.find('members', { _id: openid })[0] as MemberDoc
/** The file a MyDataFile's link points at, read back from the emulator's storage. */
const fileOf = (url: string) => fileBehindUrl(cloud(), url)

beforeAll(async () => {
  seedStaff(cloud(), { 'md-owner': 'owner', 'md-admin': 'admin', 'md-cashier': 'cashier', 'md-service': 'service', 'md-marketing': 'marketing' })
  seedMember(cloud(), OPENID, { profile: { name: '钱多多', gender: 'female', birthday: '1995-05-05', birthdayMD: '05-05', avatarFileId: null, phone: PHONE, phone4: '7777' }, tags: ['常客'] })
  for (const [orderNo, amount] of [
    ['MD-0001', 88],
    ['MD-0002', 120],
  ] as const)
    dataOf(await as('md-cashier').call('points', 'accrue', { memberCode: memberCodeOf(cloud(), OPENID), storeId: 'store-001', orderNo, amount }))
  await fileFor(as, OPENID, { text: '希望多开一个收银台' })
})

describe('我的数据', () => {
  it('is one JSON file named after the card, holding the profile, ledger, orders, coupons, activities and tickets as the database has them', async () => {
    const { cardNo } = memberDoc()
    const answer = dataOf(await as(OPENID).call('member', 'myData', {}))
    expect(answer.fileName).toBe(`会员数据_${cardNo}.json`)
    const content = fileOf(answer.url)
    expect(content).not.toBeNull()
    expect(answer.bytes).toBe(content!.length)
    const data = JSON.parse(content!.toString('utf8'))
    expect(data.会员资料).toMatchObject({ 卡号: cardNo, 姓名: '钱多多', 性别: '女', 生日: '1995-05-05', 手机号: PHONE, 等级: '普通', 积分余额: memberDoc().pointsBalance, 标签: ['常客'] })
    const ledger = cloud().db.find('ledger', { openid: OPENID }) as Array<{ _id: string }>
    expect(data.积分明细.map((entry: { id: string }) => entry.id).sort()).toEqual(ledger.map((row) => row._id).sort())
    expect(data.消费记录.map((order: { orderNo: string }) => order.orderNo).sort()).toEqual(['MD-0001', 'MD-0002'])
    expect(data.优惠券).toHaveLength(cloud().db.find('coupons', { openid: OPENID }).length)
    expect(data.活动报名).toEqual([])
    expect(data.反馈工单).toMatchObject([{ 内容: '希望多开一个收银台', 状态: expect.stringMatching(/[\u4e00-\u9fff]/) }])
  })

  it('replaces the file on the next download, and erasure deletes it', async () => {
    const first = dataOf(await as(OPENID).call('member', 'myData', {}))
    const second = dataOf(await as(OPENID).call('member', 'myData', {}))
    expect(fileIdOfUrl(cloud(), second.url)).toBe(fileIdOfUrl(cloud(), first.url))
    expect(fileOf(second.url)).not.toBeNull()
    dataOf(await as(OPENID).call('member', 'erase', { confirm: true }))
    expect(fileOf(second.url)).toBeNull()
    expect(await as(OPENID).call('member', 'myData', {})).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })

  it('is for members only: a visitor who never joined hears NOT_MEMBER', async () => {
    expect(await as('md-visitor').call('member', 'myData', {})).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })
})

describe('member search, a page at a time', () => {
  const TAIL = '4321'
  const SHARED = Array.from({ length: 23 }, (_, index) => `tail-member-${String(index).padStart(2, '0')}`)

  beforeAll(() => {
    SHARED.forEach((openid, index) =>
      seedMember(cloud(), openid, {
        profile: { name: `欧阳${index}`, gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: `1390${String(index).padStart(3, '0')}${TAIL}`, phone4: TAIL },
      }),
    )
  })

  async function everyHit(query: string, caller = 'md-service'): Promise<{ pages: number; hits: MemberHit[] }> {
    const hits: MemberHit[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = dataOf(await as(caller).call('member', 'search', cursor ? { query, cursor } : { query }))
      pages++
      hits.push(...page.members)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return { pages, hits }
  }

  it('pages through every member sharing the last 4 digits, each once', async () => {
    const { pages, hits } = await everyHit(TAIL)
    expect(pages).toBe(2)
    expect(hits.map((hit) => hit.cardNo).sort()).toEqual(SHARED.map((openid) => memberDoc(openid).cardNo).sort())
    expect([...new Set(hits.map((hit) => hit.phone))]).toEqual([`139****${TAIL}`])
  })

  it('pages through a name prefix, and a prefix matches only names that start with it', async () => {
    const { pages, hits } = await everyHit('欧阳')
    expect(pages).toBe(2)
    expect(hits).toHaveLength(SHARED.length)
    expect(dataOf(await as('md-service').call('member', 'search', { query: '阳' })).members).toEqual([])
  })

  it('refuses a cursor it did not give, naming the field', async () => {
    expect(await as('md-service').call('member', 'search', { query: TAIL, cursor: '%%%' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cursor' }] } })
  })
})

describe('the till lookup', () => {
  it('masks the phone for every records role, audits each view, and refuses marketing', async () => {
    const openid = 'lookup-masked-member'
    seedMember(cloud(), openid, { profile: { name: '孙小圣', gender: 'male', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: '13612345678', phone4: '5678' } })
    for (const caller of ['md-owner', 'md-admin', 'md-cashier', 'md-service']) {
      const view = dataOf(await as(caller).call('member', 'lookup', { cardNo: memberDoc(openid).cardNo }))
      expect({ caller, phone: view.phoneMasked }).toEqual({ caller, phone: '136****5678' })
      expect(JSON.stringify(view)).not.toContain('13612345678')
    }
    const views = cloud().db.find('audit', { action: 'lookup', member: openid }) as Array<{ actor: string }>
    expect(views.map((entry) => entry.actor)).toEqual(['md-owner', 'md-admin', 'md-cashier', 'md-service'])
    expect(await as('md-marketing').call('member', 'lookup', { cardNo: memberDoc(openid).cardNo })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
