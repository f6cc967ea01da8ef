import { startHarness, Harness } from './sdk-harness'

// Query operators, ordering, paging and projection through the SDK are in the conformance table
// (conformance/cases.ts); this covers what the SDK never sends.
let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
  harness.db.insertMany(
    'big',
    Array.from({ length: 1200 }, (_x, i) => ({ i })),
  )
})
afterAll(() => harness.close())

test('the server caps a raw request at 1000 too', async () => {
  const ans = (await harness.db.handle({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', limit: 5000 })) as { data: { list: unknown[]; limit: number } }
  expect(ans.data.list).toHaveLength(1000)
  expect(ans.data.limit).toBe(1000)
})
