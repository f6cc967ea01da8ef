import { EJSON } from 'bson'
import fc from 'fast-check'
import { Query } from 'mingo'
import { EmulatedDatabase } from '../database'
import type { IndexSpec } from '../database'
import { plan } from '../database/indexes'

/** Equality buckets are an optimisation only: every answer and every examined count must equal a
 *  whole-collection evaluation, whatever the documents hold (arrays, nested arrays, null, missing). */
/** What the SDK sends: canonical EJSON, so dates stay dates. */
const wire = (value: object) => EJSON.stringify(value, { relaxed: false })

const indexes: IndexSpec[] = [
  {
    collection: 'c',
    name: 'a_n',
    fields: [
      ['a', 1],
      ['n', -1],
    ],
  },
  { collection: 'c', name: 'b.c', fields: [['b.c', 1]] },
  { collection: 'c', name: 'n', fields: [['n', 1]] },
]

const scalar = fc.oneof(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.boolean(), fc.constantFrom(new Date(0), new Date(1000)))
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }))
const doc = fc.record({ a: value, b: fc.oneof(fc.record({ c: value }), fc.array(fc.record({ c: value }), { maxLength: 3 }), scalar), n: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: [] })
const condition = fc.oneof(scalar, fc.record({ $eq: scalar }), fc.record({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }), fc.record({ $gte: fc.integer({ min: 0, max: 5 }) }))
const filter = fc.oneof(
  fc.record({ a: condition }),
  fc.record({ 'b.c': condition }),
  fc.record({ a: condition, 'b.c': condition }),
  fc.record({ a: condition, n: condition }),
  fc.record({ $and: fc.tuple(fc.record({ a: condition }), fc.record({ n: condition })).map((parts) => [...parts]) }),
)

test('answers and examined counts equal a whole-collection evaluation', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(doc, { maxLength: 25 }), filter, fc.array(fc.tuple(fc.nat(24), doc), { maxLength: 5 }), async (docs, query, rewrites) => {
      const db = new EmulatedDatabase({ indexes })
      db.insertMany(
        'c',
        docs.map((doc, i) => ({ _id: `d${i}`, ...doc })),
      )
      // Rewrites move documents between buckets; removals take them out.
      for (const [index, next] of rewrites) {
        if (index >= docs.length) continue
        await db.handle({
          action: 'database.modifyDocument',
          collectionName: 'c',
          queryType: 'DOC',
          query: JSON.stringify({ _id: `d${index}` }),
          data: wire({ ...next, _id: `d${index}` }),
          merge: false,
          upsert: true,
        })
      }
      if (docs.length > 3) await db.handle({ action: 'database.removeDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"d3"}' })
      const all = db.find('c')
      const expected = all
        .filter((doc) => new Query(query).test(doc))
        .map((doc) => doc._id)
        .sort()
      db.resetStats()
      const answer = (await db.handle({ action: 'database.getDocument', collectionName: 'c', queryType: 'WHERE', query: wire(query), limit: 1000 })) as { data: { list: string[] } }
      const got = answer.data.list.map((text) => JSON.parse(text)._id).sort()
      expect(got).toEqual(expected)
      expect(db.stats().examined).toBe(plan(query, indexes, () => all).examined)
      const count = (await db.handle({ action: 'database.calculateDocument', collectionName: 'c', query: wire(query) })) as { data: { total: number } }
      expect(count.data.total).toBe(expected.length)
    }),
    { numRuns: 300 },
  )
})
