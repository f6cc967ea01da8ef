import { startHarness, Harness } from './sdk-harness'
import { Store } from '../database/store'
import { TxnManager, TRANSACTION_TTL_MS } from '../database/transactions'

// Snapshot reads, own writes, rollback, conflicts at commit, where() inside a transaction and the SDK's
// retries are in the conformance table (conformance/cases.ts); this covers contention and expiry.
let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.close())
beforeEach(() => {
  harness.db.clear()
  harness.db.insertMany('acc', [
    { _id: 'A', bal: 100 },
    { _id: 'B', bal: 0 },
    { _id: 'C', n: 0 },
  ])
})
afterEach(() => expect(harness.db.openTransactions()).toBe(0))

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's transaction object, as runTransaction hands it over
const incrementC = async (txn: any) => {
  const cur = await txn.collection('acc').doc('C').get()
  await txn
    .collection('acc')
    .doc('C')
    .update({ data: { n: cur.data.n + 1 } })
}

test('4 concurrent read-modify-write transactions all succeed with the SDK default retries', async () => {
  harness.db.resetStats()
  await Promise.all(Array.from({ length: 4 }, () => harness.sdb.runTransaction(incrementC)))
  expect(harness.db.find('acc', { _id: 'C' })[0].n).toBe(4)
  // conflicts happened and were retried by the SDK
  expect(harness.db.stats().byAction['database.commitTransaction']).toBeGreaterThan(4)
})

test('20 concurrent increments end at exactly +20 (retryTimes 20)', async () => {
  await Promise.all(Array.from({ length: 20 }, () => harness.sdb.runTransaction(incrementC, 20)))
  expect(harness.db.find('acc', { _id: 'C' })[0].n).toBe(20)
})

test('transactions left open expire after 30 s', () => {
  let now = 0
  const store = new Store()
  const manager = new TxnManager(store, () => now)
  const txn = manager.start()
  expect(manager.active).toBe(1)
  now += TRANSACTION_TTL_MS + 1
  expect(() => manager.commit(txn.id)).toThrow(/not found|expired/)
  expect(manager.active).toBe(0)
})

test('under steady load (some transaction always open) old versions are dropped once no snapshot can read them', () => {
  const store = new Store()
  const manager = new TxnManager(store)
  store.put('c', { _id: 'a', n: 0 })
  let open = manager.start()
  const first = open
  for (let i = 1; i <= 1000; i++) {
    store.put('c', { _id: 'a', n: i })
    const next = manager.start()
    if (open !== first) manager.abort(open.id)
    open = next
  }
  // The oldest transaction still reads its snapshot; the versions between it and now are kept for it.
  expect(manager.read(first, 'c', 'a')).toEqual({ _id: 'a', n: 0 })
  manager.abort(first.id)
  // Now only the newest transaction is open: it needs one version, not a thousand.
  expect(store.coll('c').history.get('s:a')?.length ?? 0).toBeLessThanOrEqual(2)
  expect(manager.read(open, 'c', 'a')).toEqual({ _id: 'a', n: 1000 })
  store.put('c', { _id: 'a', n: 1001 })
  expect(manager.read(open, 'c', 'a')).toEqual({ _id: 'a', n: 1000 })
})
