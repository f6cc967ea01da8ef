import { EJSON } from 'bson'
import { EmulatedDatabase } from '../database'

/**
 * A filter naming `_id` by equality is a point lookup on the `_id` index whatever else it holds: a
 * conditional update's `{ _id, rev }` looks at one document, not the collection, and answers
 * `updated: 0` when the condition fails.
 */
const db = new EmulatedDatabase({ indexes: [] })
db.insertMany(
  'tickets',
  Array.from({ length: 500 }, (_, index) => ({ _id: `t${String(index).padStart(3, '0')}`, rev: 1, status: 'new' })),
)

async function call(action: string, body: Record<string, unknown>): Promise<{ examined: number; data: Record<string, unknown> }> {
  db.resetStats()
  const answer = (await db.handle({ action, collectionName: 'tickets', queryType: 'WHERE', ...body })) as { data: Record<string, unknown> }
  return { examined: db.stats().examined, data: answer.data }
}

const query = (filter: object) => EJSON.stringify(filter, { relaxed: false })

describe('an _id equality beside other conditions', () => {
  it('a conditional update looks at the one document and changes it only when the condition holds', async () => {
    const won = await call('database.modifyDocument', { query: query({ _id: 't042', rev: 1 }), data: EJSON.stringify({ $set: { rev: 2 } }, { relaxed: false }), multi: false })
    expect(won).toMatchObject({ examined: 1, data: { updated: 1 } })
    const lost = await call('database.modifyDocument', { query: query({ _id: 't042', rev: 1 }), data: EJSON.stringify({ $set: { rev: 3 } }, { relaxed: false }), multi: false })
    expect(lost).toMatchObject({ examined: 1, data: { updated: 0 } })
  })

  it('a read by ids with a condition looks only at those ids', async () => {
    const found = await call('database.getDocument', { query: query({ _id: { $in: ['t001', 't002', 't999'] }, status: 'new' }), limit: 10 })
    expect(found.examined).toBe(2)
    expect((found.data.list as string[]).length).toBe(2)
  })

  it('a missing id examines nothing', async () => {
    expect((await call('database.getDocument', { query: query({ _id: 'nope', status: 'new' }), limit: 1 })).examined).toBe(0)
  })
})
