import { startHarness, Harness } from './sdk-harness';

let h: Harness;
let _: any;
const docs = [
  { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], items: [{ k: 1 }, { k: 2 }], nested: { v: 1 }, flag: true },
  { _id: 'b', n: 2, s: 'Banana', tags: ['y'], items: [{ k: 3 }], nested: { v: 2 } },
  { _id: 'c', n: 3, s: 'cherry', tags: [], items: [], nested: { v: 3 }, flag: false },
  { _id: 'd', n: 4, s: 'date', tags: ['x', 'y', 'z'], items: [{ k: 2 }, { k: 5 }], nested: { v: 4 }, flag: null },
];

beforeAll(async () => {
  h = await startHarness();
  _ = h.sdb.command;
  h.db.insertMany('q', docs);
});
afterAll(() => h.close());

const ids = async (where: any) => (await h.sdb.collection('q').where(where).orderBy('_id', 'asc').get()).data.map((d: any) => d._id).join('');

describe('command operators', () => {
  const cases: Array<[string, () => any, string]> = [
    ['plain equality', () => ({ n: 2 }), 'b'],
    ['nested object equality (flattened by SDK)', () => ({ nested: { v: 3 } }), 'c'],
    ['dotted path', () => ({ 'nested.v': 4 }), 'd'],
    ['eq', () => ({ n: _.eq(1) }), 'a'],
    ['neq', () => ({ n: _.neq(1) }), 'bcd'],
    ['gt', () => ({ n: _.gt(2) }), 'cd'],
    ['gte', () => ({ n: _.gte(2) }), 'bcd'],
    ['lt', () => ({ n: _.lt(2) }), 'a'],
    ['lte', () => ({ n: _.lte(2) }), 'ab'],
    ['in', () => ({ n: _.in([1, 4, 9]) }), 'ad'],
    ['nin', () => ({ n: _.nin([1, 4]) }), 'bc'],
    ['field-level and', () => ({ n: _.gt(1).and(_.lt(4)) }), 'bc'],
    ['field-level or', () => ({ n: _.lt(2).or(_.gt(3)) }), 'ad'],
    ['top-level and', () => _.and([{ n: _.gt(1) }, { tags: 'y' }]), 'bd'],
    ['top-level or', () => _.or([{ n: 1 }, { s: 'date' }]), 'ad'],
    ['nor', () => _.nor([{ n: 1 }, { n: 2 }]), 'cd'],
    ['not', () => ({ n: _.not(_.gt(2)) }), 'ab'],
    ['exists true', () => ({ flag: _.exists(true) }), 'acd'],
    ['exists false', () => ({ flag: _.exists(false) }), 'b'],
    ['size', () => ({ tags: _.size(1) }), 'b'],
    ['all', () => ({ tags: _.all(['x', 'y']) }), 'ad'],
    ['array contains', () => ({ tags: 'z' }), 'd'],
    ['elemMatch', () => ({ items: _.elemMatch({ k: _.gte(3) }) }), 'bd'],
    ['array element dotted path', () => ({ 'items.k': 2 }), 'ad'],
    ['db.RegExp case-insensitive', () => ({ s: h.sdb.RegExp({ regexp: '^b', options: 'i' }) }), 'b'],
    ['JS RegExp', () => ({ s: /an/ }), 'b'],
    ['null matches missing', () => ({ flag: null }), 'bd'],
    ['mod', () => ({ n: _.mod([2, 0]) }), 'bd'],
  ];
  test.each(cases)('%s', async (_name, where, expected) => {
    expect(await ids(where())).toBe(expected);
  });
});

describe('orderBy / skip / limit / field', () => {
  test('orderBy desc, skip, limit', async () => {
    const r = await h.sdb.collection('q').orderBy('n', 'desc').skip(1).limit(2).get();
    expect(r.data.map((d: any) => d._id)).toEqual(['c', 'b']);
  });
  test('multiple orderBy keys', async () => {
    h.db.insertMany('o', [{ a: 1, b: 2 }, { a: 1, b: 1 }, { a: 0, b: 9 }]);
    const r = await h.sdb.collection('o').orderBy('a', 'asc').orderBy('b', 'desc').get();
    expect(r.data.map((d: any) => [d.a, d.b])).toEqual([[0, 9], [1, 2], [1, 1]]);
  });
  test('field() projection includes _id', async () => {
    const r = await h.sdb.collection('q').where({ _id: 'a' }).field({ n: true, 'nested.v': true }).get();
    expect(r.data).toEqual([{ _id: 'a', n: 1, nested: { v: 1 } }]);
  });
  test('doc().field()', async () => {
    const r = await h.sdb.collection('q').doc('b').field({ s: true, _id: false }).get();
    expect(r.data).toEqual({ s: 'Banana' });
  });
  test('count()', async () => {
    expect((await h.sdb.collection('q').where({ tags: 'y' }).count()).total).toBe(3);
    expect((await h.sdb.collection('q').count()).total).toBe(4);
    expect((await h.sdb.collection('nothing').count()).total).toBe(0);
  });
});

describe('limits', () => {
  beforeAll(() => {
    h.db.insertMany('big', Array.from({ length: 1200 }, (_x, i) => ({ i })));
  });
  test('get() without limit returns 100', async () => {
    expect((await h.sdb.collection('big').get()).data).toHaveLength(100);
  });
  test('limit(n > 1000) is capped at 1000', async () => {
    expect((await h.sdb.collection('big').limit(1200).get()).data).toHaveLength(1000);
  });
  test('server caps a raw request too', async () => {
    const ans: any = await h.db.handle({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', limit: 5000 });
    expect(ans.data.list).toHaveLength(1000);
    expect(ans.data.limit).toBe(1000);
  });
  test('skip past the 100-row default page', async () => {
    const r = await h.sdb.collection('big').orderBy('i', 'asc').skip(1150).get();
    expect(r.data.map((d: any) => d.i)).toEqual(Array.from({ length: 50 }, (_x, k) => 1150 + k));
  });
});
