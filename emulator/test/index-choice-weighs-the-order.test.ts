import { EJSON } from 'bson'
import { EmulatedDatabase } from '../database'
import type { IndexSpec } from '../database'

/**
 * Between indexes that match equally few documents, the planner takes the one that answers the
 * whole filter and gives the requested order, so such a page stops at its size; a cursor's bound
 * in a top-level `$and` counts as the query's own, and an `$or` never lets a page stop early.
 */
const indexes: IndexSpec[] = [
  {
    collection: 'activities',
    name: 'status_startAt',
    fields: [
      ['status', 1],
      ['startAt', 1],
    ],
  },
  {
    collection: 'activities',
    name: 'status_endAt',
    fields: [
      ['status', 1],
      ['endAt', -1],
    ],
  },
]
const DAY = 24 * 3600_000
const db = new EmulatedDatabase({ indexes })
db.insertMany(
  'activities',
  Array.from({ length: 300 }, (_, index) => ({ _id: `a${String(index).padStart(3, '0')}`, status: 'closed', startAt: new Date(index * DAY), endAt: new Date(index * DAY + 3600_000) })),
)

async function examined(query: object, order: object, limit = 20): Promise<{ examined: number; returned: number }> {
  db.resetStats()
  const answer = (await db.handle({
    action: 'database.getDocument',
    collectionName: 'activities',
    queryType: 'WHERE',
    query: EJSON.stringify(query, { relaxed: false }),
    order: JSON.stringify(order),
    limit,
  })) as {
    data: { list: string[] }
  }
  return { examined: db.stats().examined, returned: answer.data.list.length }
}

describe('the index a page walks', () => {
  it('is the one that gives the order when two match equally many', async () => {
    // Both indexes reach all 300 by `status`; only status_endAt walks them by endAt.
    expect(await examined({ status: 'closed' }, { endAt: -1 })).toEqual({ examined: 20, returned: 20 })
    expect(await examined({ status: 'closed' }, { startAt: 1 })).toEqual({ examined: 20, returned: 20 })
  })

  it('stops at the page when a cursor bound sits beside the query in a top-level $and', async () => {
    const bound = { $and: [{ status: 'closed' }, { startAt: { $gte: new Date(100 * DAY) } }] }
    expect(await examined(bound, { startAt: 1 })).toEqual({ examined: 20, returned: 20 })
  })

  it('examines the whole range when an $or is part of the filter', async () => {
    const either = { $and: [{ status: 'closed' }, { $or: [{ startAt: { $lt: new Date(10 * DAY) } }, { _id: 'a299' }] }] }
    const answer = await examined(either, { startAt: 1 })
    expect(answer.returned).toBe(11)
    expect(answer.examined).toBe(300)
  })
})
