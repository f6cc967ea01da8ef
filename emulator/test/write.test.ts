import { startHarness, Harness } from './sdk-harness';
import { OPENID_TOKEN_PREFIX } from '../database';

const NOW = new Date('2024-05-01T08:00:00.000Z');
let h: Harness;
let _: any;
let seq = 0;

beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
  _ = h.sdb.command;
});
afterAll(() => h.close());

describe('add / doc get / set / update / remove', () => {
  test('add() generates a 32-hex _id and returns it', async () => {
    const r = await h.sdb.collection('w').add({ data: { a: 1 } });
    expect(r._id).toMatch(/^[0-9a-f]{32}$/);
    expect((await h.sdb.collection('w').doc(r._id).get()).data).toEqual({ _id: r._id, a: 1 });
  });
  test('add() with own _id', async () => {
    const r = await h.sdb.collection('w').add({ data: { _id: 'own', a: 2 } });
    expect(r._id).toBe('own');
  });
  test('add() with an existing _id fails (idempotency keys rely on it)', async () => {
    await h.sdb.collection('w').add({ data: { _id: 'dup', a: 1 } });
    await expect(h.sdb.collection('w').add({ data: { _id: 'dup', a: 2 } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000 duplicate key') });
    expect(h.db.find('w', { _id: 'dup' })).toEqual([{ _id: 'dup', a: 1 }]);
  });
  test('Dates round-trip as Date objects', async () => {
    const when = new Date('2023-02-03T04:05:06.789Z');
    const r = await h.sdb.collection('w').add({ data: { when, nested: { list: [when] } } });
    const got = (await h.sdb.collection('w').doc(r._id).get()).data;
    expect(got.when).toBeInstanceOf(Date);
    expect(got.when.getTime()).toBe(when.getTime());
    expect(got.nested.list[0]).toEqual(when);
    expect((await h.sdb.collection('w').where({ when: _.gte(new Date('2023-01-01')) }).count()).total).toBe(1);
  });
  test('serverDate() uses the injected clock, with offset', async () => {
    const r = await h.sdb.collection('w').add({ data: { at: h.sdb.serverDate(), later: h.sdb.serverDate({ offset: 60_000 }) } });
    const got = (await h.sdb.collection('w').doc(r._id).get()).data;
    expect(got.at).toEqual(NOW);
    expect(got.later).toEqual(new Date(NOW.getTime() + 60_000));
    await h.sdb.collection('w').doc(r._id).update({ data: { upd: h.sdb.serverDate() } });
    expect(h.db.find('w', { _id: r._id })[0].upd).toEqual(NOW);
  });
  test('doc().get() on a missing doc rejects like WeChat', async () => {
    await expect(h.sdb.collection('w').doc('missing').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  });
  test('doc().set() upserts (replace) and reports created / updated', async () => {
    const c = h.sdb.collection('w');
    const r1 = await c.doc('s1').set({ data: { a: 1, b: 2 } });
    expect(r1.stats).toEqual({ updated: 0, created: 1 });
    const r2 = await c.doc('s1').set({ data: { c: 3 } });
    expect(r2.stats).toEqual({ updated: 1, created: 0 });
    expect((await c.doc('s1').get()).data).toEqual({ _id: 's1', c: 3 });
  });
  test('doc().update() merges; on a missing doc updated is 0', async () => {
    const c = h.sdb.collection('w');
    await c.doc('u1').set({ data: { a: 1, o: { x: 1, y: 1 } } });
    expect((await c.doc('u1').update({ data: { o: { y: 2 }, b: 1 } })).stats.updated).toBe(1);
    expect((await c.doc('u1').get()).data).toEqual({ _id: 'u1', a: 1, b: 1, o: { x: 1, y: 2 } });
    expect((await c.doc('nope').update({ data: { a: 1 } })).stats.updated).toBe(0);
    expect(h.db.find('w', { _id: 'nope' })).toEqual([]);
  });
  test('update that changes nothing reports updated 0', async () => {
    const c = h.sdb.collection('w');
    expect((await c.doc('u1').update({ data: { a: 1 } })).stats.updated).toBe(0);
  });
  test('doc().remove()', async () => {
    const c = h.sdb.collection('w');
    await c.doc('r1').set({ data: { a: 1 } });
    expect((await c.doc('r1').remove()).stats.removed).toBe(1);
    expect((await c.doc('r1').remove()).stats.removed).toBe(0);
  });
  test('where().update() / where().remove() report counts', async () => {
    h.db.insertMany('wu', [{ g: 1, n: 0 }, { g: 1, n: 0 }, { g: 2, n: 0 }]);
    const c = h.sdb.collection('wu');
    expect((await c.where({ g: 1 }).update({ data: { n: _.inc(5) } })).stats.updated).toBe(2);
    expect(h.db.find('wu', { n: 5 })).toHaveLength(2);
    expect((await c.where({ g: 3 }).update({ data: { n: 1 } })).stats.updated).toBe(0);
    expect((await c.where({ g: 1 }).remove()).stats.removed).toBe(2);
    expect((await c.count()).total).toBe(1);
  });
});

describe('_openid on insert', () => {
  test('taken from the x-wx-openid caller', async () => {
    await h.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h1"}'] }, { openid: 'oHeader' });
    expect(h.db.find('id', { _id: 'h1' })[0]._openid).toBe('oHeader');
  });
  test('taken from WX_API_TOKEN carried as wxCloudApiToken', async () => {
    await h.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h2"}'], wxCloudApiToken: OPENID_TOKEN_PREFIX + 'oToken' });
    expect(h.db.find('id', { _id: 'h2' })[0]._openid).toBe('oToken');
  });
  test('left unset without an identity', async () => {
    await h.sdb.collection('id').add({ data: { _id: 'h3' } });
    expect(h.db.find('id', { _id: 'h3' })[0]).toEqual({ _id: 'h3' });
  });
});

describe('update operators', () => {
  const base = { n: 10, arr: [1, 2, 3], o: { a: 1, b: 2 }, tags: ['x'], objs: [{ k: 1 }, { k: 2 }] };
  const cases: Array<[string, () => any, any]> = [
    ['set (merge: replaces field)', () => ({ o: _.set({ z: 1 }) }), { o: { z: 1 } }],
    ['plain nested object merges', () => ({ o: { c: 3 } }), { o: { a: 1, b: 2, c: 3 } }],
    ['dotted path', () => ({ 'o.a': 9 }), { o: { a: 9, b: 2 } }],
    ['remove ($unset)', () => ({ n: _.remove() }), { n: undefined }],
    ['inc', () => ({ n: _.inc(-3) }), { n: 7 }],
    ['inc on a missing field', () => ({ m: _.inc(2) }), { m: 2 }],
    ['mul', () => ({ n: _.mul(3) }), { n: 30 }],
    ['min', () => ({ n: _.min(4) }), { n: 4 }],
    ['max', () => ({ n: _.max(4) }), { n: 10 }],
    ['rename', () => ({ n: _.rename('nn') }), { n: undefined, nn: 10 }],
    ['push values', () => ({ arr: _.push([4, 5]) }), { arr: [1, 2, 3, 4, 5] }],
    ['push each/position', () => ({ arr: _.push({ each: [9], position: 1 }) }), { arr: [1, 9, 2, 3] }],
    ['push each/sort/slice', () => ({ arr: _.push({ each: [0, 7], sort: -1, slice: 3 }) }), { arr: [7, 3, 2] }],
    ['pop', () => ({ arr: _.pop() }), { arr: [1, 2] }],
    ['shift', () => ({ arr: _.shift() }), { arr: [2, 3] }],
    ['unshift', () => ({ arr: _.unshift([0]) }), { arr: [0, 1, 2, 3] }],
    ['pull value', () => ({ arr: _.pull(2) }), { arr: [1, 3] }],
    ['pull condition', () => ({ arr: _.pull(_.gte(2)) }), { arr: [1] }],
    ['pull object match', () => ({ objs: _.pull({ k: 1 }) }), { objs: [{ k: 2 }] }],
    ['pullAll', () => ({ arr: _.pullAll([1, 3]) }), { arr: [2] }],
    ['addToSet existing', () => ({ tags: _.addToSet('x') }), { tags: ['x'] }],
    ['addToSet $each (SDK passes the object through: use $each, not each)', () => ({ tags: _.addToSet({ $each: ['x', 'y'] }) }), { tags: ['x', 'y'] }],
    ['array index path', () => ({ 'arr.0': 100 }), { arr: [100, 2, 3] }],
  ];
  test.each(cases)('%s', async (_name, data, expectedFields) => {
    const id = `op${++seq}`;
    const c = h.sdb.collection('ops');
    await c.doc(id).set({ data: base });
    await c.doc(id).update({ data: data() });
    const got = h.db.find('ops', { _id: id })[0];
    expect(got).toEqual(JSON.parse(JSON.stringify({ _id: id, ...base, ...expectedFields })));
  });
  test('where().update() cannot change _id', async () => {
    await expect(h.sdb.collection('ops').where({}).update({ data: { _id: 'x' } })).rejects.toBeTruthy();
  });
});
