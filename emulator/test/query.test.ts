import { startHarness, Harness } from './sdk-harness';

// Query operators, ordering, paging and projection through the SDK are in the conformance table
// (conformance/cases.ts); this covers what the SDK never sends.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.db.insertMany('big', Array.from({ length: 1200 }, (_x, i) => ({ i })));
});
afterAll(() => h.close());

test('the server caps a raw request at 1000 too', async () => {
  const ans: any = await h.db.handle({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', limit: 5000 });
  expect(ans.data.list).toHaveLength(1000);
  expect(ans.data.limit).toBe(1000);
});
