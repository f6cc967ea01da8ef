import { startHarness, Harness } from './sdk-harness';

let h: Harness;
let $: any;

beforeAll(async () => {
  h = await startHarness();
  $ = h.sdb.command.aggregate;
  h.db.insertMany('members', [
    { _id: 'm1', tier: 'gold', points: 100, tags: ['a', 'b'] },
    { _id: 'm2', tier: 'gold', points: 50, tags: ['a'] },
    { _id: 'm3', tier: 'silver', points: 20, tags: [] },
  ]);
  h.db.insertMany('orders', [
    { _id: 'o1', member: 'm1', amount: 10 },
    { _id: 'o2', member: 'm1', amount: 30 },
    { _id: 'o3', member: 'm2', amount: 5 },
  ]);
  h.db.insertMany('many', Array.from({ length: 30 }, (_x, i) => ({ i })));
});
afterAll(() => h.close());

const agg = () => h.sdb.collection('members').aggregate();

describe('aggregate stages', () => {
  const cases: Array<[string, () => any, any]> = [
    ['match + group + sort', () => agg().match({ points: h.sdb.command.gt(10) }).group({ _id: '$tier', total: $.sum('$points'), n: $.sum(1) }).sort({ _id: 1 }),
      [{ _id: 'gold', total: 150, n: 2 }, { _id: 'silver', total: 20, n: 1 }]],
    ['sort + skip + limit', () => agg().sort({ points: -1 }).skip(1).limit(1).project({ _id: 1 }), [{ _id: 'm2' }]],
    ['project with expression', () => agg().match({ _id: 'm1' }).project({ _id: 0, double: $.multiply(['$points', 2]) }), [{ double: 200 }]],
    ['count', () => agg().match({ tier: 'gold' }).count('n'), [{ n: 2 }]],
    ['unwind', () => agg().unwind('$tags').group({ _id: '$tags', n: $.sum(1) }).sort({ _id: 1 }), [{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }]],
    ['addFields', () => agg().match({ _id: 'm3' }).addFields({ vip: $.gte(['$points', 50]) }).project({ vip: 1 }), [{ _id: 'm3', vip: false }]],
    ['lookup (localField/foreignField)', () => agg().match({ _id: 'm1' }).lookup({ from: 'orders', localField: '_id', foreignField: 'member', as: 'orders' }).project({ n: $.size('$orders') }), [{ _id: 'm1', n: 2 }]],
    ['lookup (let/pipeline)', () => agg().match({ tier: 'gold' }).lookup({
      from: 'orders', let: { mid: '$_id' },
      pipeline: h.sdb.command.aggregate.pipeline().match(h.sdb.command.expr($.eq(['$member', '$$mid']))).group({ _id: null, sum: $.sum('$amount') }).done(),
      as: 'spent' }).sort({ _id: 1 }).project({ spent: '$spent.sum' }), [{ _id: 'm1', spent: [40] }, { _id: 'm2', spent: [5] }]],
  ];
  test.each(cases)('%s', async (_name, build, expected) => {
    expect((await build().end()).list).toEqual(expected);
  });
  test('sample', async () => {
    const r = await agg().sample({ size: 2 }).end();
    expect(r.list).toHaveLength(2);
    expect(new Set(r.list.map((d: any) => d._id)).size).toBe(2);
  });
  test('without a limit stage at most 20 records come back; limit lifts it', async () => {
    expect((await h.sdb.collection('many').aggregate().end()).list).toHaveLength(20);
    expect((await h.sdb.collection('many').aggregate().limit(25).end()).list).toHaveLength(25);
  });
});
