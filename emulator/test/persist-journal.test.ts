import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { EmulatedDatabase } from '../database'

/** What SIGKILL leaves: only what reached the disk counts, and the old process writes nothing more. */
function abandon(db: EmulatedDatabase): void {
  db.simulateCrash()
}

const insert = (db: EmulatedDatabase, collection: string, doc: object) => db.handle({ action: 'database.insertDocument', collectionName: collection, data: [JSON.stringify(doc)] })

async function transfer(db: EmulatedDatabase, from: string, to: string, amount: number) {
  const started = (await db.handle({ action: 'database.startTransaction' })) as { transactionId: string }
  const transactionId = started.transactionId
  for (const [id, delta] of [
    [from, -amount],
    [to, amount],
  ] as const) {
    await db.handle({
      action: 'database.modifyDocument',
      collectionName: 'accounts',
      queryType: 'DOC',
      query: JSON.stringify({ _id: id }),
      data: JSON.stringify({ $inc: { balance: delta } }),
      merge: true,
      transactionId,
    })
  }
  return db.handle({ action: 'database.commitTransaction', transactionId })
}

const journalFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith('journal-'))

describe('durable persistence (journal + snapshots)', () => {
  let dir: string
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-journal-'))))
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('every answered write is on disk before its answer: a database abandoned without close() loses none', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    for (let i = 0; i < 50; i++) await insert(firstDb, 'orders', { _id: `o${i}`, n: i })
    abandon(firstDb)
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(reopened.find('orders')).toHaveLength(50)
    expect(reopened.persistStats()).toMatchObject({ replayed: 50, dropped: 0 })
    await reopened.close()
  })

  test('concurrent commits share an fsync (group commit) and all survive', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    await Promise.all(Array.from({ length: 200 }, (_, i) => insert(firstDb, 'orders', { _id: `o${i}` })))
    const stats = firstDb.persistStats()!
    expect(stats.commits).toBe(200)
    expect(stats.syncs).toBeLessThan(200)
    abandon(firstDb)
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(reopened.find('orders')).toHaveLength(200)
    await reopened.close()
  })

  test('a transaction is one journal line: cut short by a kill, none of its writes come back', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    firstDb.insertMany('accounts', [
      { _id: 'x', balance: 100 },
      { _id: 'y', balance: 0 },
    ])
    await firstDb.flush()
    expect(await transfer(firstDb, 'x', 'y', 30)).toMatchObject({ data: {} })
    expect(
      firstDb
        .find('accounts')
        .map((doc) => doc.balance)
        .sort(),
    ).toEqual([30, 70])
    abandon(firstDb)
    const [segment] = journalFiles(dir)
    const file = path.join(dir, segment)
    const text = fs.readFileSync(file, 'utf8')
    // The kill landed in the middle of writing the transfer's line.
    fs.writeFileSync(file, text.slice(0, text.length - 20))
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(
      reopened
        .find('accounts')
        .map((doc) => doc.balance)
        .sort(),
    ).toEqual([0, 100])
    expect(reopened.persistStats()).toMatchObject({ dropped: 1 })
    await reopened.close()
  })

  test('a line with a wrong checksum ends the replay there', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    await insert(firstDb, 'orders', { _id: 'kept' })
    await insert(firstDb, 'orders', { _id: 'torn' })
    abandon(firstDb)
    const file = path.join(dir, journalFiles(dir)[0])
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines[1] = lines[1].replace('torn', 'tOrn')
    fs.writeFileSync(file, lines.join('\n'))
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(reopened.find('orders').map((doc) => doc._id)).toEqual(['kept'])
    await reopened.close()
  })

  test('start folds the journal into snapshots and removes stray temp files', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    await insert(firstDb, 'orders', { _id: 'o1' })
    abandon(firstDb)
    fs.writeFileSync(path.join(dir, 'orders.json.1234.tmp'), '{"half":')
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(fs.readdirSync(dir).sort()).toEqual(['LOCK', 'orders.json'])
    expect(reopened.find('orders')).toHaveLength(1)
    await reopened.close()
  })

  test('compaction in the background keeps every commit, while commits go on', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir, compactAtBytes: 4 * 1024 })
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => insert(firstDb, 'orders', { _id: `r${round}-${i}`, text: 'x'.repeat(100) })))
      await firstDb.handle({
        action: 'database.modifyDocument',
        collectionName: 'counters',
        queryType: 'DOC',
        query: '{"_id":"c"}',
        data: JSON.stringify({ $inc: { n: 1 } }),
        merge: true,
        upsert: true,
      })
    }
    expect(firstDb.persistStats()!.compactions).toBeGreaterThan(0)
    abandon(firstDb)
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(reopened.find('orders')).toHaveLength(400)
    expect(reopened.find('counters')).toEqual([{ _id: 'c', n: 20 }])
    await reopened.close()
  })

  test('one process per folder: a live holder is refused, a dead one is taken over, close() releases it', async () => {
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid))
    expect(() => new EmulatedDatabase({ persistDir: dir })).toThrow(/in use by process/)
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999999')
    const db = new EmulatedDatabase({ persistDir: dir })
    expect(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8')).toBe(String(process.pid))
    await db.close()
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false)
  })

  test('removals and clear() are journaled too', async () => {
    const firstDb = new EmulatedDatabase({ persistDir: dir })
    await insert(firstDb, 'orders', { _id: 'gone' })
    await insert(firstDb, 'orders', { _id: 'stays' })
    await firstDb.handle({ action: 'database.removeDocument', collectionName: 'orders', queryType: 'DOC', query: '{"_id":"gone"}' })
    abandon(firstDb)
    const reopened = new EmulatedDatabase({ persistDir: dir })
    expect(reopened.find('orders').map((doc) => doc._id)).toEqual(['stays'])
    reopened.clear()
    await reopened.flush()
    abandon(reopened)
    const reopenedAgain = new EmulatedDatabase({ persistDir: dir })
    expect(reopenedAgain.collections()).toEqual([])
    await reopenedAgain.close()
  })
})
