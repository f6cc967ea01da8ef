import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { EmulatedDatabase, IndexSpec } from '../database'
import { startHarness, Harness } from './sdk-harness'

const indexes: IndexSpec[] = [
  {
    collection: 'members',
    name: 'shop_tier',
    fields: [
      ['shop', 1],
      ['tier', 1],
    ],
  },
  { collection: 'members', name: 'phone_unique', fields: [['phone', 1]], unique: true },
]

let harness: Harness
let _: Harness['sdb']
beforeAll(async () => {
  harness = await startHarness({ indexes })
  _ = harness.sdb.command
  harness.db.insertMany(
    'members',
    Array.from({ length: 50 }, (_x, i) => ({ _id: `m${i}`, shop: `s${i % 5}`, tier: i % 2 ? 'gold' : 'silver', phone: `p${i}`, pts: i })),
  )
})
afterAll(() => harness.close())

const measure = async (fn: () => Promise<unknown>) => {
  harness.db.resetStats()
  await fn()
  return harness.db.stats()
}

describe('examined / returned counting', () => {
  test('full collection scan without a usable index', async () => {
    const stats = await measure(() =>
      harness.sdb
        .collection('members')
        .where({ pts: _.gt(45) })
        .get(),
    )
    expect(stats).toMatchObject({ roundTrips: 1, examined: 50, returned: 4, byAction: { 'database.getDocument': 1 } })
  })
  test('equality on the leading index field examines only matching docs', async () => {
    const stats = await measure(() =>
      harness.sdb
        .collection('members')
        .where({ shop: 's1', pts: _.gt(30) })
        .get(),
    )
    expect(stats).toMatchObject({ examined: 10, returned: 4 })
  })
  test('equality on both index fields narrows further', async () => {
    const stats = await measure(() => harness.sdb.collection('members').where({ shop: 's1', tier: 'gold' }).get())
    expect(stats).toMatchObject({ examined: 5, returned: 5 })
    const s2 = await measure(() => harness.sdb.collection('members').where({ shop: 's9', tier: 'gold' }).get())
    expect(s2).toMatchObject({ examined: 0, returned: 0 })
  })
  test('a non-leading field alone cannot use the index', async () => {
    const stats = await measure(() => harness.sdb.collection('members').where({ tier: 'gold' }).count())
    expect(stats.examined).toBe(50)
  })
  test('range on the leading field', async () => {
    const stats = await measure(() =>
      harness.sdb
        .collection('members')
        .where({ shop: _.in(['s0', 's1']) })
        .count(),
    )
    expect(stats.examined).toBe(20)
  })
  test('_id lookup examines at most one', async () => {
    expect((await measure(() => harness.sdb.collection('members').doc('m3').get())).examined).toBe(1)
    expect(
      (
        await measure(() =>
          harness.sdb
            .collection('members')
            .doc('m3')
            .update({ data: { x: 1 } }),
        )
      ).examined,
    ).toBe(1)
  })
})

describe('unique indexes and strictIndexes', () => {
  test('unique index violations fail like a duplicate key, on add and on update', async () => {
    await expect(harness.sdb.collection('members').add({ data: { phone: 'p1' } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000') })
    await expect(
      harness.sdb
        .collection('members')
        .doc('m2')
        .update({ data: { phone: 'p1' } }),
    ).rejects.toMatchObject({ errCode: -502001 })
    expect(harness.db.find('members', { phone: 'p1' })).toHaveLength(1)
  })
  test('strictIndexes refuses unsupported filters but allows indexed and _id ones', async () => {
    const db = new EmulatedDatabase({ indexes, strictIndexes: true })
    db.insertMany('members', [{ _id: 'x', shop: 's', pts: 1 }])
    const queryMembers = (query: object) => db.handle({ action: 'database.getDocument', collectionName: 'members', queryType: 'WHERE', query: JSON.stringify(query) })
    expect(await queryMembers({ pts: 1 })).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('strictIndexes') })
    expect(await queryMembers({ shop: 's', pts: 1 })).toMatchObject({ data: { list: [expect.any(String)] } })
    expect(await queryMembers({ _id: 'x' })).toMatchObject({ data: { list: [expect.any(String)] } })
  })
  test('$all on an indexed array field is served by the index, examining the documents that hold its first value', async () => {
    const db = new EmulatedDatabase({ indexes: [{ collection: 'members', name: 'tags', fields: [['tags', 1]] }], strictIndexes: true })
    db.insertMany('members', [
      { _id: 'both', tags: ['vip', 'new'] },
      { _id: 'vip', tags: ['vip'] },
      { _id: 'new', tags: ['new'] },
      { _id: 'none', tags: [] },
    ])
    const answer = await db.handle({ action: 'database.getDocument', collectionName: 'members', queryType: 'WHERE', query: JSON.stringify({ tags: { $all: ['vip', 'new'] } }) })
    expect(answer).toMatchObject({ data: { list: [expect.stringContaining('both')] } })
    expect(db.stats().examined).toBe(2)
  })
})

describe('persistence', () => {
  test('round-trips through a directory (types kept, _id duplicates still refused)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-db-'))
    try {
      const firstDb = new EmulatedDatabase({ persistDir: dir })
      firstDb.insertMany('members', [{ _id: 'p1', when: new Date('2024-01-02T03:04:05Z'), n: 1.5, arr: [1, { x: 'y' }] }])
      firstDb.insertMany('weird/name', [{ _id: 1, ok: true }])
      await firstDb.handle({ action: 'database.removeDocument', collectionName: 'members', queryType: 'DOC', query: '{"_id":"zz"}' })
      await firstDb.close()
      expect(fs.readdirSync(dir).sort()).toEqual(['members.json', 'weird%2Fname.json'])
      const reopened = new EmulatedDatabase({ persistDir: dir })
      const [doc] = reopened.find('members')
      expect(doc).toEqual({ _id: 'p1', when: new Date('2024-01-02T03:04:05Z'), n: 1.5, arr: [1, { x: 'y' }] })
      expect(doc.when).toBeInstanceOf(Date)
      expect(reopened.find('weird/name')).toEqual([{ _id: 1, ok: true }])
      expect(() => reopened.insertMany('members', [{ _id: 'p1' }])).toThrow(/E11000/)
      reopened.clear()
      await reopened.close()
      expect(fs.readdirSync(dir)).toEqual([])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
