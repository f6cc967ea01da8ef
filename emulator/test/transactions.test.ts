import { startHarness, Harness } from './sdk-harness';
import { Store } from '../database/store';
import { TxnManager, TRANSACTION_TTL_MS } from '../database/transactions';

let h: Harness;
let _: any;

beforeAll(async () => {
  h = await startHarness();
  _ = h.sdb.command;
});
afterAll(() => h.close());
beforeEach(() => {
  h.db.clear();
  h.db.insertMany('acc', [{ _id: 'A', bal: 100 }, { _id: 'B', bal: 0 }, { _id: 'C', n: 0 }]);
});
afterEach(() => expect(h.db.openTransactions()).toBe(0));

const incrementC = async (t: any) => {
  const cur = await t.collection('acc').doc('C').get();
  await t.collection('acc').doc('C').update({ data: { n: cur.data.n + 1 } });
};

test('runTransaction commits reads and writes atomically and returns the callback result', async () => {
  const r = await h.sdb.runTransaction(async (t: any) => {
    const a = (await t.collection('acc').doc('A').get()).data;
    await t.collection('acc').doc('A').update({ data: { bal: a.bal - 30 } });
    await t.collection('acc').doc('B').update({ data: { bal: _.inc(30) } });
    await t.collection('ledger').add({ data: { _id: 'L1', amount: 30 } });
    // own writes are visible inside the transaction
    expect((await t.collection('acc').doc('A').get()).data.bal).toBe(70);
    // not visible outside before commit
    expect(h.db.find('acc', { _id: 'A' })[0].bal).toBe(100);
    return 'done';
  });
  expect(r).toBe('done');
  expect(h.db.find('acc').map((d) => d.bal)).toEqual([70, 30, undefined]);
  expect(h.db.find('ledger')).toEqual([{ _id: 'L1', amount: 30 }]);
});

test('a transaction whose callback throws leaves nothing written', async () => {
  await expect(
    h.sdb.runTransaction(async (t: any) => {
      await t.collection('acc').doc('A').update({ data: { bal: 0 } });
      await t.collection('ledger').add({ data: { _id: 'L2' } });
      await t.collection('acc').doc('B').remove();
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(h.db.find('acc', { _id: 'A' })[0].bal).toBe(100);
  expect(h.db.find('acc', { _id: 'B' })).toHaveLength(1);
  expect(h.db.find('ledger')).toEqual([]);
});

test('4 concurrent read-modify-write transactions all succeed with the SDK default retries', async () => {
  h.db.resetStats();
  await Promise.all(Array.from({ length: 4 }, () => h.sdb.runTransaction(incrementC)));
  expect(h.db.find('acc', { _id: 'C' })[0].n).toBe(4);
  // conflicts happened and were retried by the SDK
  expect(h.db.stats().byAction['database.commitTransaction']).toBeGreaterThan(4);
});

test('20 concurrent increments end at exactly +20 (retryTimes 20)', async () => {
  await Promise.all(Array.from({ length: 20 }, () => h.sdb.runTransaction(incrementC, 20)));
  expect(h.db.find('acc', { _id: 'C' })[0].n).toBe(20);
});

test('a forced write conflict at commit is retried by the SDK', async () => {
  h.db.resetStats();
  h.db.setFault({ conflictNextCommits: 2 });
  let attempts = 0;
  await h.sdb.runTransaction(async (t: any) => {
    attempts++;
    await incrementC(t);
  });
  expect(attempts).toBe(3);
  expect(h.db.find('acc', { _id: 'C' })[0].n).toBe(1);
});

test('conflicts exhaust the retries: runTransaction rejects with the conflict', async () => {
  h.db.setFault({ conflictNextCommits: 10 });
  await expect(h.sdb.runTransaction(incrementC, 1)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  h.db.setFault({ conflictNextCommits: 0 });
  expect(h.db.find('acc', { _id: 'C' })[0].n).toBe(0);
});

test('startTransaction + rollback writes nothing', async () => {
  const t = await h.sdb.startTransaction();
  await t.collection('acc').doc('A').set({ data: { bal: 1 } });
  await t.collection('acc').doc('Z').set({ data: { bal: 1 } });
  await t.rollback();
  expect(h.db.find('acc', { _id: 'A' })[0].bal).toBe(100);
  expect(h.db.find('acc', { _id: 'Z' })).toEqual([]);
});

test('startTransaction + commit', async () => {
  const t = await h.sdb.startTransaction();
  await t.collection('acc').doc('A').update({ data: { bal: _.inc(-1) } });
  await t.collection('acc').doc('B').remove();
  await t.commit();
  expect(h.db.find('acc').map((d) => d._id)).toEqual(['A', 'C']);
  expect(h.db.find('acc', { _id: 'A' })[0].bal).toBe(99);
});

test('snapshot read: a write outside after the transaction started is invisible inside; writing it then conflicts', async () => {
  const t = await h.sdb.startTransaction();
  await h.sdb.collection('acc').doc('A').update({ data: { bal: 5 } });
  await h.sdb.collection('acc').add({ data: { _id: 'NEW' } });
  expect((await t.collection('acc').doc('A').get()).data.bal).toBe(100);
  await expect(t.collection('acc').doc('NEW').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  await t.collection('acc').doc('A').update({ data: { bal: 101 } });
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(h.db.find('acc', { _id: 'A' })[0].bal).toBe(5);
});

test('a removed document stays readable in an older snapshot', async () => {
  const t = await h.sdb.startTransaction();
  await h.sdb.collection('acc').doc('B').remove();
  expect((await t.collection('acc').doc('B').get()).data).toEqual({ _id: 'B', bal: 0 });
  await t.rollback();
});

test('add() of an existing _id inside a transaction fails; concurrent adds of one _id: one wins', async () => {
  await expect(h.sdb.runTransaction(async (t: any) => t.collection('acc').add({ data: { _id: 'A' } }))).rejects.toMatchObject({ errMsg: expect.stringContaining('E11000') });
  const t1 = await h.sdb.startTransaction();
  const t2 = await h.sdb.startTransaction();
  await t1.collection('keys').add({ data: { _id: 'k', by: 1 } });
  await t2.collection('keys').add({ data: { _id: 'k', by: 2 } });
  await t1.commit();
  await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(h.db.find('keys')).toEqual([{ _id: 'k', by: 1 }]);
});

test('where() queries inside a transaction are refused (single-document operations only)', async () => {
  const t = await h.sdb.startTransaction();
  await expect(t.collection('acc').where({ bal: 100 }).get()).rejects.toMatchObject({ errCode: -502001 });
  await t.rollback();
});

test('transactions left open expire after 30 s', () => {
  let now = 0;
  const store = new Store();
  const m = new TxnManager(store, () => now);
  const t = m.start();
  expect(m.active).toBe(1);
  now += TRANSACTION_TTL_MS + 1;
  expect(() => m.commit(t.id)).toThrow(/not found|expired/);
  expect(m.active).toBe(0);
});

test('under steady load (some transaction always open) old versions are dropped once no snapshot can read them', () => {
  const store = new Store();
  const m = new TxnManager(store);
  store.put('c', { _id: 'a', n: 0 });
  let open = m.start();
  const first = open;
  for (let i = 1; i <= 1000; i++) {
    store.put('c', { _id: 'a', n: i });
    const next = m.start();
    if (open !== first) m.abort(open.id);
    open = next;
  }
  // The oldest transaction still reads its snapshot; the versions between it and now are kept for it.
  expect(m.read(first, 'c', 'a')).toEqual({ _id: 'a', n: 0 });
  m.abort(first.id);
  // Now only the newest transaction is open: it needs one version, not a thousand.
  expect(store.coll('c').history.get('s:a')?.length ?? 0).toBeLessThanOrEqual(2);
  expect(m.read(open, 'c', 'a')).toEqual({ _id: 'a', n: 1000 });
  store.put('c', { _id: 'a', n: 1001 });
  expect(m.read(open, 'c', 'a')).toEqual({ _id: 'a', n: 1000 });
});
