import { EmulatedDatabase } from '../database'

/** Queries ordered by `_id` walk the `_id` index: same answers as a full sort, far fewer documents examined. */
describe('the _id index walk', () => {
  const db = new EmulatedDatabase()
  const ids = Array.from({ length: 500 }, (_, index) => `m${String((index * 7919) % 500).padStart(4, '0')}`)
  db.insertMany(
    'members',
    ids.map((_id, index) => ({ _id, even: index % 2 === 0 })),
  )
  const sorted = [...ids].sort()
  const get = async (query: object, order: object, limit: number, offset = 0) => {
    db.resetStats()
    const answer = (await db.handle({ action: 'database.getDocument', collectionName: 'members', queryType: 'WHERE', query: JSON.stringify(query), order: JSON.stringify(order), limit, offset })) as {
      data: { list: string[] }
    }
    return { ids: answer.data.list.map((text) => JSON.parse(text)._id as string), examined: db.stats().examined }
  }

  it('pages through every document in order, examining only what each page walks', async () => {
    const seen: string[] = []
    let after: string | null = null
    for (;;) {
      const page = await get(after ? { _id: { $gt: after } } : {}, { _id: 1 }, 100)
      expect(page.examined).toBe(page.ids.length)
      seen.push(...page.ids)
      if (page.ids.length < 100) break
      after = page.ids[page.ids.length - 1]
    }
    expect(seen).toEqual(sorted)
  })

  it('applies the rest of the filter, offsets and descending order like the general path', async () => {
    const evens = ids.filter((_, index) => index % 2 === 0).sort()
    expect((await get({ even: true }, { _id: 1 }, 10, 5)).ids).toEqual(evens.slice(5, 15))
    expect((await get({ _id: { $gte: sorted[490] } }, { _id: 1 }, 100)).ids).toEqual(sorted.slice(490))
    expect((await get({}, { _id: -1 }, 3)).ids).toEqual(sorted.slice(-3).reverse())
  })
})

describe('examined documents on an index walk with a limit', () => {
  it('stop at the page when the index serves filter and order; count the whole range otherwise', async () => {
    const { EmulatedDatabase: Database } = await import('../database')
    const db = new Database({ indexes: [{ collection: 'members', name: 'due', fields: [['dueAt', 1]] }] })
    db.insertMany(
      'members',
      Array.from({ length: 300 }, (_, index) => ({ _id: `d${index}`, dueAt: new Date(Date.UTC(2026, 0, 1 + (index % 200))), tier: index % 2 ? 'gold' : 'silver' })),
    )
    const examine = async (query: object, order: object) => {
      db.resetStats()
      await db.handle({ action: 'database.getDocument', collectionName: 'members', queryType: 'WHERE', query: JSON.stringify(query), order: JSON.stringify(order), limit: 10, offset: 0 })
      return db.stats().examined
    }
    const due = { dueAt: { $lte: { $date: '2026-03-01T00:00:00Z' } } }
    expect(await examine(due, { dueAt: 1 })).toBe(10)
    expect(await examine({ ...due, tier: 'gold' }, { dueAt: 1 })).toBeGreaterThan(10)
  })
})

describe('an _id range bounded on both sides', () => {
  it('walks only the range, also when written as an $and', async () => {
    const { EmulatedDatabase: Database } = await import('../database')
    const db = new Database()
    db.insertMany(
      'members',
      Array.from({ length: 1000 }, (_, index) => ({ _id: `r${String(index).padStart(4, '0')}` })),
    )
    db.resetStats()
    const answer = (await db.handle({
      action: 'database.getDocument',
      collectionName: 'members',
      queryType: 'WHERE',
      query: JSON.stringify({ $and: [{ _id: { $gte: 'r0500' } }, { _id: { $lte: 'r0509' } }] }),
      order: JSON.stringify({ _id: 1 }),
      limit: 1000,
      offset: 0,
    })) as { data: { list: string[] } }
    expect(answer.data.list.map((text) => JSON.parse(text)._id)).toEqual(Array.from({ length: 10 }, (_, index) => `r05${String(index).padStart(2, '0')}`))
    expect(db.stats().examined).toBe(10)
  })
})
