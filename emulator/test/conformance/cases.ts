/**
 * The conformance table: every database feature the app's cloud functions use, and the ones a WeChat-cloud
 * user would reach for next, each run through the real wx-server-sdk against the emulator (runner.ts).
 * Expected answers follow what WeChat cloud documents and, where it is silent, MongoDB (the database behind
 * it); `sends` pins what the SDK puts on the wire where that is the surprising part.
 * emulator/CONFORMANCE.md is rendered from these (npx tsx emulator/scripts/conformance.ts).
 */
import type { IndexSpec } from '../../database'
import type { Case, Fixture, Sdk, SdkTransaction, View } from './case'

/** The emulator's clock for every case: what serverDate() resolves to. */
export const NOW = new Date('2024-05-01T08:00:00.000Z')

export const INDEXES: IndexSpec[] = [{ collection: 'people', name: 'phone_unique', fields: [['phone', 1]], unique: true }]

const WIDE_DOC = { _id: 'x', n: 10, s: 'str', nul: null, o: { a: 1, b: 2 }, arr: [1, 2, 3], objs: [{ k: 1 }, { k: 2 }, { k: 2 }] }

export const FIXTURES: Record<string, Fixture> = {
  q: {
    docs: [
      { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], items: [{ k: 1 }, { k: 2 }], nested: { v: 1 }, flag: true },
      { _id: 'b', n: 2, s: 'Banana', tags: ['y'], items: [{ k: 3 }], nested: { v: 2 } },
      { _id: 'c', n: 3, s: 'cherry', tags: [], items: [], nested: { v: 3 }, flag: false },
      { _id: 'd', n: 4, s: 'date', tags: ['x', 'y', 'z'], items: [{ k: 2 }, { k: 5 }], nested: { v: 4, w: 1 }, flag: null },
    ],
  },
  mixed: {
    docs: [
      { _id: 'm1', v: 'b' },
      { _id: 'm2', v: 2 },
      { _id: 'm3', v: null },
      { _id: 'm4', v: [0, 9] },
      { _id: 'm5', v: new Date('2020-01-01T00:00:00.000Z') },
      { _id: 'm6' },
      { _id: 'm7', v: [] },
      { _id: 'm8', v: true },
      { _id: 'm9', v: { a: 1 } },
    ],
  },
  big: { docs: Array.from({ length: 1200 }, (_x, i) => ({ _id: `b${String(i).padStart(4, '0')}`, i })), about: "1200 documents `{ _id: 'b0000' … 'b1199', i: 0 … 1199 }`" },
  w: { docs: [WIDE_DOC] },
  acc: {
    docs: [
      { _id: 'A', bal: 100 },
      { _id: 'B', bal: 0 },
    ],
  },
  people: {
    docs: [
      { _id: 'p1', phone: '111' },
      { _id: 'p2', phone: '222' },
    ],
    about: "`[{ _id: 'p1', phone: '111' }, { _id: 'p2', phone: '222' }]`, unique index `phone_unique` on `phone`",
  },
  dates: {
    docs: [
      { _id: 'past', at: new Date('2024-04-30T00:00:00.000Z') },
      { _id: 'future', at: new Date('2024-06-01T00:00:00.000Z') },
    ],
  },
  coupons: { docs: [{ _id: 'c1', code: 'K1', status: 'available', openid: 'o1' }] },
  members: {
    docs: [
      { _id: 'm1', tier: 'gold', points: 100, tags: ['a', 'b'], profile: { name: '林' }, joined: new Date('2024-01-02T00:00:00.000Z') },
      { _id: 'm2', tier: 'gold', points: 50, tags: ['a'], profile: { name: '陈' }, joined: new Date('2024-02-03T00:00:00.000Z') },
      { _id: 'm3', tier: 'silver', points: 20, tags: [], joined: new Date('2024-03-04T00:00:00.000Z') },
    ],
  },
  orders: {
    docs: [
      { _id: 'o1', member: 'm1', amount: 10 },
      { _id: 'o2', member: 'm1', amount: 30 },
      { _id: 'o3', member: 'm2', amount: 5 },
    ],
  },
}

const IDS: View = { label: '_ids (sorted)', of: (answer) => answer.data.map((doc: { _id: unknown }) => doc._id).sort() }
const ORDERED: View = { label: '_ids in order', of: (answer) => answer.data.map((doc: { _id: unknown }) => doc._id) }
const DATA: View = { label: 'data', of: (answer) => answer.data }
const STATS: View = { label: 'stats', of: (answer) => answer.stats }
const LIST: View = { label: 'list', of: (answer) => answer.list }
const LENGTH: View = { label: 'data.length', of: (answer) => answer.data.length }

const rejects = (thrown: unknown) => ({ rejects: thrown })
const failed = (api: string, message: string) => rejects({ errCode: -502001, errMsg: `${api}:fail -502001 database request fail. ${message}` })
/** `w` after an update: the fixture document with `patch` applied (`undefined` removes a field). */
const wAfter = (patch: Record<string, unknown>) => [Object.fromEntries(Object.entries({ ...WIDE_DOC, ...patch }).filter(([, value]) => value !== undefined))]
const wSame = [WIDE_DOC]

const queryCase = (where: string, ids: string[], note?: string): Case => ({ area: 'query operators', call: `db.collection('q').where(${where}).get()`, uses: ['q'], view: IDS, expected: ids, note })

const queryOperators: Case[] = [
  queryCase('{ n: 2 }', ['b']),
  queryCase('{ n: _.eq(1) }', ['a']),
  queryCase('{ n: _.neq(1) }', ['b', 'c', 'd']),
  queryCase('{ n: _.gt(2) }', ['c', 'd']),
  queryCase('{ n: _.gte(2) }', ['b', 'c', 'd']),
  queryCase('{ n: _.lt(2) }', ['a']),
  queryCase('{ n: _.lte(2) }', ['a', 'b']),
  queryCase('{ n: _.in([1, 4, 9]) }', ['a', 'd']),
  queryCase('{ n: _.nin([1, 4]) }', ['b', 'c']),
  queryCase('{ n: _.gt(1).and(_.lt(4)) }', ['b', 'c']),
  queryCase('{ n: _.lt(2).or(_.gt(3)) }', ['a', 'd']),
  queryCase('{ n: _.or(_.lt(2), _.gt(3)) }', ['a', 'd']),
  queryCase("_.and([{ n: _.gt(1) }, { tags: 'y' }])", ['b', 'd']),
  queryCase("_.or([{ n: 1 }, { s: 'date' }])", ['a', 'd']),
  queryCase('_.nor([{ n: 1 }, { n: 2 }])', ['c', 'd']),
  queryCase('{ n: _.not(_.gt(2)) }', ['a', 'b']),
  queryCase('{ n: _.mod([2, 0]) }', ['b', 'd']),
  queryCase('{ flag: _.exists(true) }', ['a', 'c', 'd'], 'a null value exists'),
  queryCase('{ flag: _.exists(false) }', ['b']),
  queryCase('{ flag: null }', ['b', 'd'], 'null matches a missing field too'),
  queryCase('{ flag: _.neq(null) }', ['a', 'c']),
  queryCase('{ flag: _.in([null, true]) }', ['a', 'b', 'd']),
  queryCase('{ s: _.gt(1) }', [], 'comparisons only match values of the same type: no string is > 1'),
  queryCase('{ n: { $gt: 3 } }', ['d'], 'raw MongoDB operators pass through the SDK unchanged'),
  queryCase("{ n: undefined, s: 'date' }", ['d'], 'undefined values are dropped by the SDK'),
  queryCase("_.expr($.gt(['$n', 2]))", ['c', 'd']),
  queryCase("_.and([{ tags: 'y' }, _.or([{ n: _.lt(4) }, { n: 4, _id: _.lt('d') }])])", ['a', 'b'], 'keyset pagination as the ledger page uses it'),
  {
    area: 'query operators',
    call: "db.collection('q').where(_.and([{ _id: _.gte('b') }, { _id: _.lte('c') }])).orderBy('_id', 'asc').limit(1000).field({ _id: true, n: true }).get()",
    uses: ['q'],
    view: DATA,
    expected: [
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ],
    note: 'an `_id` range bounded on both sides, as the members repo walks it',
  },
  { area: 'query operators', call: "db.collection('q').where({ _id: _.gt('b') }).orderBy('_id', 'asc').limit(1).get()", uses: ['q'], view: ORDERED, expected: ['c'] },
  {
    area: 'query operators',
    call: "db.collection('q').where({ _id: _.in(['a', 'c', 'zz']) }).field({ _id: true, s: true }).limit(3).get()",
    uses: ['q'],
    view: DATA,
    expected: [
      { _id: 'a', s: 'apple' },
      { _id: 'c', s: 'cherry' },
    ],
  },
  {
    area: 'query operators',
    call: "db.collection('q').where({ n: undefined })",
    uses: ['q'],
    expected: rejects({ message: '查询参数对象值不能均为undefined' }),
    note: 'thrown by the SDK at where(), before any request',
  },
]

const nested: Case[] = [
  {
    area: 'nested paths',
    call: "db.collection('q').where({ nested: { v: 4 } }).get()",
    uses: ['q'],
    view: IDS,
    expected: ['d'],
    sends: [{ action: 'getDocument', queryType: 'WHERE', query: { 'nested.v': 4 }, limit: 100 }],
    note: 'the SDK flattens a nested object into dotted paths: it matches on `nested.v` alone, other fields of `nested` (d has `w`) do not matter',
  },
  { area: 'nested paths', call: "db.collection('q').where({ 'nested.v': 4 }).get()", uses: ['q'], view: IDS, expected: ['d'] },
  {
    area: 'nested paths',
    call: "db.collection('q').where({ nested: _.eq({ v: 4 }) }).get()",
    uses: ['q'],
    view: IDS,
    expected: [],
    note: '`_.eq` with an object is whole-object equality: d is `{ v: 4, w: 1 }`',
  },
  { area: 'nested paths', call: "db.collection('q').where({ nested: _.eq({ v: 4, w: 1 }) }).get()", uses: ['q'], view: IDS, expected: ['d'] },
  {
    area: 'nested paths',
    call: "db.collection('q').where({ nested: {} }).get()",
    uses: ['q'],
    view: IDS,
    expected: ['a', 'b', 'c', 'd'],
    sends: [{ action: 'getDocument', queryType: 'WHERE', query: {}, limit: 100 }],
    note: 'the SDK drops an empty nested object, leaving an empty filter: everything matches',
  },
  { area: 'nested paths', call: "db.collection('q').where({ 'nested.w': _.exists(true) }).get()", uses: ['q'], view: IDS, expected: ['d'] },
  { area: 'nested paths', call: "db.collection('q').orderBy('nested.v', 'desc').get()", uses: ['q'], view: ORDERED, expected: ['d', 'c', 'b', 'a'] },
  { area: 'nested paths', call: "db.collection('q').where({ _id: 'a' }).field({ n: true, 'nested.v': true }).get()", uses: ['q'], view: DATA, expected: [{ _id: 'a', n: 1, nested: { v: 1 } }] },
]

const arrays: Case[] = [
  { area: 'arrays', call: "db.collection('q').where({ tags: 'z' }).get()", uses: ['q'], view: IDS, expected: ['d'], note: 'a scalar matches an array containing it' },
  { area: 'arrays', call: "db.collection('q').where({ tags: ['x', 'y'] }).get()", uses: ['q'], view: IDS, expected: ['a'], note: 'an array is matched exactly (order and length), not flattened' },
  { area: 'arrays', call: "db.collection('q').where({ tags: _.all(['x', 'y']) }).get()", uses: ['q'], view: IDS, expected: ['a', 'd'] },
  { area: 'arrays', call: "db.collection('q').where({ tags: _.in(['z', 'q']) }).get()", uses: ['q'], view: IDS, expected: ['d'] },
  { area: 'arrays', call: "db.collection('q').where({ tags: _.size(1) }).get()", uses: ['q'], view: IDS, expected: ['b'] },
  { area: 'arrays', call: "db.collection('q').where({ tags: _.size(0) }).get()", uses: ['q'], view: IDS, expected: ['c'] },
  { area: 'arrays', call: "db.collection('q').where({ 'tags.1': 'y' }).get()", uses: ['q'], view: IDS, expected: ['a', 'd'], note: 'a numeric path part indexes the array' },
  { area: 'arrays', call: "db.collection('q').where({ 'items.k': 2 }).get()", uses: ['q'], view: IDS, expected: ['a', 'd'], note: 'a path through an array of objects matches any element' },
  { area: 'arrays', call: "db.collection('q').where({ 'items.0.k': 2 }).get()", uses: ['q'], view: IDS, expected: ['d'] },
  { area: 'arrays', call: "db.collection('q').where({ items: _.elemMatch({ k: _.gte(3) }) }).get()", uses: ['q'], view: IDS, expected: ['b', 'd'] },
  { area: 'arrays', call: "db.collection('q').where({ items: _.elemMatch({ k: { $gt: 2, $lt: 5 } }) }).get()", uses: ['q'], view: IDS, expected: ['b'], note: 'one element must satisfy both' },
  {
    area: 'arrays',
    call: "db.collection('q').where({ 'items.k': _.gt(2).and(_.lt(5)) }).get()",
    uses: ['q'],
    view: IDS,
    expected: ['b', 'd'],
    note: 'without elemMatch each condition may be met by a different element (d: 5 > 2, 2 < 5)',
  },
  {
    area: 'arrays',
    call: "db.collection('q').where({ items: _.elemMatch({ k: _.gt(2).and(_.lt(5)) }) }).get()",
    uses: ['q'],
    view: IDS,
    expected: [],
    sends: [
      {
        action: 'getDocument',
        queryType: 'WHERE',
        query: {
          items: {
            $elemMatch: {
              k: {
                operator: 'and',
                operands: [
                  { operator: 'gt', operands: [2], fieldName: {} },
                  { operator: 'lt', operands: [5], fieldName: {} },
                ],
                fieldName: {},
              },
            },
          },
        },
        limit: 100,
      },
    ],
    note: 'the SDK does not encode a logic command (`.and`, `.or`) inside elemMatch: it sends its internals, which match nothing. Write `{ $gt: 2, $lt: 5 }`',
  },
]

const regex: Case[] = [
  {
    area: 'regex',
    call: "db.collection('q').where({ s: db.RegExp({ regexp: '^b', options: 'i' }) }).get()",
    uses: ['q'],
    view: IDS,
    expected: ['b'],
    sends: [{ action: 'getDocument', queryType: 'WHERE', query: { s: /^b/i }, limit: 100 }],
  },
  { area: 'regex', call: "db.collection('q').where({ s: /an/ }).get()", uses: ['q'], view: IDS, expected: ['b'] },
  { area: 'regex', call: "db.collection('q').where({ tags: /^z/ }).get()", uses: ['q'], view: IDS, expected: ['d'], note: 'matches any element of an array' },
  { area: 'regex', call: "db.collection('q').where({ s: _.not(/a/) }).get()", uses: ['q'], view: IDS, expected: ['c'] },
  { area: 'regex', call: "db.collection('q').where({ n: /1/ }).get()", uses: ['q'], view: IDS, expected: [], note: 'a regex never matches a number' },
  {
    area: 'regex',
    call: "db.collection('q').where({ s: _.in([/^a/, 'date']) }).get()",
    uses: ['q'],
    view: IDS,
    expected: ['a', 'd'],
    note: 'WeChat documents regexes as not usable inside db.command (e.g. `in`); MongoDB, and so the emulator, accept it: do not rely on it',
  },
  {
    area: 'regex',
    call: "db.collection('q').where({ s: /an/g }).get()",
    uses: ['q'],
    expected: rejects({ errCode: -501007, errMsg: 'collection.get:fail -501007 invalid parameters. bad EJSON: The regular expression option [g] is not supported' }),
    note: 'the SDK sends JS flags as they are; `g` is not a BSON regex option',
  },
  {
    area: 'regex',
    call: "db.collection('q').where({ s: db.RegExp({ regexp: 'a p p', options: 'x' }) }).get()",
    uses: ['q'],
    view: IDS,
    expected: [],
    note: 'WeChat documents the options i, m, s; the emulator drops others (MongoDB would honour x, extended)',
  },
]

const paging: Case[] = [
  { area: 'order / paging / projection', call: "db.collection('q').orderBy('n', 'desc').skip(1).limit(2).get()", uses: ['q'], view: ORDERED, expected: ['c', 'b'] },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').orderBy('flag', 'asc').orderBy('n', 'desc').get()",
    uses: ['q'],
    view: ORDERED,
    expected: ['d', 'b', 'c', 'a'],
    note: 'missing sorts as null; ties broken by the next key',
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').orderBy('s', 'asc').get()",
    uses: ['q'],
    view: ORDERED,
    expected: ['b', 'a', 'c', 'd'],
    note: 'binary string order: upper case first',
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('mixed').orderBy('v', 'asc').get()",
    uses: ['mixed'],
    view: ORDERED,
    expected: ['m7', 'm3', 'm6', 'm4', 'm2', 'm1', 'm9', 'm8', 'm5'],
    note: 'BSON order: empty array < null = missing < numbers < strings < objects < booleans < dates; an array sorts by its smallest element ascending (m4 as 0)',
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('mixed').orderBy('v', 'desc').get()",
    uses: ['mixed'],
    view: ORDERED,
    expected: ['m5', 'm8', 'm9', 'm1', 'm4', 'm2', 'm3', 'm6', 'm7'],
    note: 'descending, an array sorts by its largest element (m4 as 9)',
  },
  { area: 'order / paging / projection', call: "db.collection('q').orderBy('tags', 'asc').get()", uses: ['q'], view: ORDERED, expected: ['c', 'a', 'd', 'b'] },
  { area: 'order / paging / projection', call: "db.collection('q').orderBy('tags', 'desc').get()", uses: ['q'], view: ORDERED, expected: ['d', 'a', 'b', 'c'] },
  { area: 'order / paging / projection', call: "db.collection('big').get()", uses: ['big'], view: LENGTH, expected: 100, note: 'the SDK asks for 100 when no limit is set' },
  {
    area: 'order / paging / projection',
    call: "db.collection('big').limit(1200).get()",
    uses: ['big'],
    view: LENGTH,
    expected: 1000,
    sends: [{ action: 'getDocument', queryType: 'WHERE', limit: 1000 }],
    note: 'the SDK caps the limit at 1000 (the emulator caps a larger raw request too)',
  },
  { area: 'order / paging / projection', call: "db.collection('big').limit(0).get()", uses: ['big'], view: LENGTH, expected: 100, note: 'limit 0 is taken as no limit' },
  {
    area: 'order / paging / projection',
    call: "db.collection('big').orderBy('i', 'asc').skip(1150).get()",
    uses: ['big'],
    view: { label: '[data.length, first i, last i]', of: (answer) => [answer.data.length, answer.data[0].i, answer.data[answer.data.length - 1].i] },
    expected: [50, 1150, 1199],
  },
  { area: 'order / paging / projection', call: "db.collection('q').skip(10).get()", uses: ['q'], expected: { data: [], errMsg: 'collection.get:ok' } },
  { area: 'order / paging / projection', call: "db.collection('q').doc('b').field({ s: true, _id: false }).get()", uses: ['q'], expected: { data: { s: 'Banana' }, errMsg: 'document.get:ok' } },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'b' }).field({ tags: false, items: false, nested: false }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'b', n: 2, s: 'Banana' }],
  },
  { area: 'order / paging / projection', call: "db.collection('q').where({ _id: 'b' }).field({ nope: true }).get()", uses: ['q'], view: DATA, expected: [{ _id: 'b' }] },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'a' }).field({ 'items.k': true }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'a', items: [{ k: 1 }, { k: 2 }] }],
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'b' }).field({ tags: false, n: true }).get()",
    uses: ['q'],
    expected: failed('collection.get', '[InvalidParameter] Cannot do exclusion and inclusion in projection.'),
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'd' }).field({ tags: _.project.slice(1) }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'd', n: 4, s: 'date', tags: ['x'], items: [{ k: 2 }, { k: 5 }], nested: { v: 4, w: 1 }, flag: null }],
    note: 'a $slice alone keeps every other field',
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'd' }).field({ s: true, tags: _.project.slice([1, 1]) }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'd', s: 'date', tags: ['y'] }],
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'd' }).field({ items: _.project.elemMatch({ k: { $gt: 2 } }) }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'd', items: [{ k: 5 }] }],
  },
  {
    area: 'order / paging / projection',
    call: "db.collection('q').where({ _id: 'd' }).field({ items: _.project.elemMatch({ k: _.gt(2) }) }).get()",
    uses: ['q'],
    view: DATA,
    expected: [{ _id: 'd' }],
    sends: [{ action: 'getDocument', queryType: 'WHERE', query: { _id: 'd' }, limit: 100, projection: { items: { $elemMatch: { k: { operator: 'gt', operands: [2], fieldName: {} } } } } }],
    note: 'field() does not encode commands: the SDK sends the internals of `_.gt(2)`, nothing matches and the field is omitted. Write `{ $gt: 2 }`',
  },
]

const count: Case[] = [
  { area: 'count', call: "db.collection('q').where({ tags: 'y' }).count()", uses: ['q'], expected: { total: 3, errMsg: 'collection.count:ok' } },
  { area: 'count', call: "db.collection('q').count()", uses: ['q'], expected: { total: 4, errMsg: 'collection.count:ok' } },
  { area: 'count', call: "db.collection('nothing').count()", expected: { total: 0, errMsg: 'collection.count:ok' } },
  {
    area: 'count',
    call: "db.collection('q').limit(1).count()",
    uses: ['q'],
    expected: { total: 4, errMsg: 'collection.count:ok' },
    sends: [{ action: 'calculateDocument', queryType: 'WHERE' }],
    note: 'count() sends no limit',
  },
  { area: 'count', call: "db.collection('q').where({ s: /^[a-c]/i }).count()", uses: ['q'], expected: { total: 3, errMsg: 'collection.count:ok' } },
]

const writes: Case[] = [
  {
    area: 'add / get / set / remove',
    call: "db.collection('c').add({ data: { a: 1 } })",
    expected: { _id: '<id1>', errMsg: 'collection.add:ok' },
    then: { c: [{ _id: '<id1>', a: 1 }] },
    note: 'generated `_id`s are 32 hex characters',
  },
  { area: 'add / get / set / remove', call: "db.collection('c').add({ data: { _id: 'own', a: 2 } })", expected: { _id: 'own', errMsg: 'collection.add:ok' } },
  {
    area: 'add / get / set / remove',
    call: "db.collection('c').add({ data: [{ a: 1 }, { a: 2 }] })",
    expected: { _ids: ['<id1>', '<id2>'], errMsg: 'collection.add:ok' },
    then: {
      c: [
        { _id: '<id1>', a: 1 },
        { _id: '<id2>', a: 2 },
      ],
    },
    sends: [{ action: 'insertDocument', data: [{ a: 1 }, { a: 2 }] }],
  },
  { area: 'add / get / set / remove', call: "db.collection('c').add({ data: {} })", expected: { _id: '<id1>', errMsg: 'collection.add:ok' } },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').add({ data: { _id: 'x', n: 1 } })",
    uses: ['w'],
    expected: failed('collection.add', '[FailedOperation] E11000 duplicate key error collection: w index: _id_ dup key: { _id: "x" }'),
    then: { w: wSame },
    note: 'idempotency keys rely on this: the app matches /duplicate|E11000/',
  },
  { area: 'add / get / set / remove', call: "db.collection('w').doc('x').get()", uses: ['w'], expected: { data: WIDE_DOC, errMsg: 'document.get:ok' } },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('missing').get()",
    uses: ['w'],
    expected: rejects({ errCode: -1, errMsg: 'document.get:fail document with _id missing does not exist' }),
    note: 'the server answers an empty list; wx-server-sdk turns it into this error',
  },
  { area: 'add / get / set / remove', call: "cloud.database({ throwOnNotFound: false }).collection('w').doc('missing').get()", uses: ['w'], expected: { data: null, errMsg: 'document.get:ok' } },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').where({ _id: 'missing' }).limit(1).get()",
    uses: ['w'],
    expected: { data: [], errMsg: 'collection.get:ok' },
    note: 'how the app reads a document that may be missing, in one round trip',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').set({ data: { n: 1, o: { z: 1 } } })",
    uses: ['w'],
    expected: { _id: 'x', errMsg: 'document.set:ok', stats: { updated: 1, created: 0 } },
    then: { w: [{ _id: 'x', n: 1, o: { z: 1 } }] },
    sends: [{ action: 'modifyDocument', queryType: 'DOC', data: { n: 1, o: { z: 1 } }, multi: false, merge: false, upsert: true, query: { _id: 'x' } }],
    note: 'set() replaces the whole document (no $set, nothing flattened: merge false, upsert true)',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('new').set({ data: { n: 1 } })",
    uses: ['w'],
    expected: { _id: 'new', errMsg: 'document.set:ok', stats: { updated: 0, created: 1 } },
    then: { w: [WIDE_DOC, { _id: 'new', n: 1 }] },
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').set({ data: { n: _.inc(1) } })",
    uses: ['w'],
    expected: rejects({ errCode: -502001, errMsg: 'document.set:fail -502001 database request fail. update operator complicit' }),
    sends: [],
    note: 'refused by the SDK',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').set({ data: { _id: 'x', n: 1 } })",
    uses: ['w'],
    expected: rejects({ errCode: -501007, errMsg: 'document.set:fail -501007 invalid parameters. 不能更新_id的值' }),
    sends: [],
    note: 'refused by the SDK',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').set({ data: {} })",
    uses: ['w'],
    expected: rejects({ errCode: -1, errMsg: 'options.data must not be empty' }),
    sends: [],
    note: 'refused by the SDK',
  },
  { area: 'add / get / set / remove', call: "db.collection('w').doc('x').remove()", uses: ['w'], expected: { stats: { removed: 1 }, errMsg: 'document.remove:ok' }, then: { w: [] } },
  { area: 'add / get / set / remove', call: "db.collection('w').doc('missing').remove()", uses: ['w'], expected: { stats: { removed: 0 }, errMsg: 'document.remove:ok' } },
  {
    area: 'add / get / set / remove',
    call: "db.collection('acc').where({ bal: _.gt(10) }).remove()",
    uses: ['acc'],
    expected: { stats: { removed: 1 }, errMsg: 'collection.remove:ok' },
    then: { acc: [{ _id: 'B', bal: 0 }] },
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('acc').where({ bal: 0 }).update({ data: { bal: _.inc(5) } })",
    uses: ['acc'],
    expected: { stats: { updated: 1 }, errMsg: 'collection.update:ok' },
    then: {
      acc: [
        { _id: 'A', bal: 100 },
        { _id: 'B', bal: 5 },
      ],
    },
    sends: [{ action: 'modifyDocument', queryType: 'WHERE', multi: true, merge: true, upsert: false, data: { $inc: { bal: 5 } }, query: { bal: 0 } }],
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('acc').where({ bal: 7 }).update({ data: { x: 1 } })",
    uses: ['acc'],
    expected: { stats: { updated: 0 }, errMsg: 'collection.update:ok' },
    then: {
      acc: [
        { _id: 'A', bal: 100 },
        { _id: 'B', bal: 0 },
      ],
    },
    note: 'no upsert',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('acc').where({ bal: _.gte(0) }).update({ data: { seen: true } })",
    uses: ['acc'],
    expected: { stats: { updated: 2 }, errMsg: 'collection.update:ok' },
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('acc').where({ bal: _.gte(0) }).update({ data: { bal: 100 } })",
    uses: ['acc'],
    expected: { stats: { updated: 1 }, errMsg: 'collection.update:ok' },
    note: '`updated` counts documents changed: A already had 100',
  },
  {
    area: 'add / get / set / remove',
    call: "Promise.all([1, 2].map(() => db.collection('coupons').where({ code: 'K1', status: 'available', openid: _.neq('o2') }).update({ data: { status: 'used' } })))",
    uses: ['coupons'],
    view: { label: '[stats.updated]', of: (answer) => answer.map((result: { stats: { updated: number } }) => result.stats.updated) },
    expected: [1, 0],
    note: 'a conditional update as compare-and-set: of two tills redeeming one coupon, exactly one wins',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').update({ data: { n: 10 } })",
    uses: ['w'],
    expected: { stats: { updated: 0 }, errMsg: 'document.update:ok' },
    note: 'nothing changed',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('missing').update({ data: { a: 1 } })",
    uses: ['w'],
    expected: { stats: { updated: 0 }, errMsg: 'document.update:ok' },
    then: { w: wSame },
    note: 'no error, no upsert',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').update({ data: { _id: 'y' } })",
    uses: ['w'],
    expected: rejects({ errCode: -501007, errMsg: 'document.update:fail -501007 invalid parameters. 不能更新_id的值' }),
    sends: [],
    note: 'refused by the SDK',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').where({}).update({ data: { _id: 'y' } })",
    uses: ['w'],
    expected: rejects({ errCode: -501007, errMsg: 'collection.update:fail -501007 invalid parameters. 不能更新_id的值' }),
    sends: [],
    note: 'refused by the SDK',
  },
  {
    area: 'add / get / set / remove',
    call: "db.collection('w').doc('x').update({ data: {} })",
    uses: ['w'],
    expected: rejects({ errCode: -1, errMsg: 'options.data must not be empty' }),
    sends: [],
    note: 'refused by the SDK',
  },
]

/** doc('x').update() on the `w` fixture: `data` is the code as written, shown and run. */
const upd = (area: string, data: string, expected: unknown, then: unknown[] | null, extra: Partial<Case> = {}): Case => ({
  area,
  call: `db.collection('w').doc('x').update({ data: ${data} })`,
  uses: ['w'],
  ...(then ? { view: STATS } : {}),
  expected,
  ...(then ? { then: { w: then } } : {}),
  ...extra,
})
const updated = { updated: 1 }
const unchanged = { updated: 0 }
const updFailed = (message: string) => failed('document.update', `[FailedOperation] ${message}`)

const nestedUpdates: Case[] = [
  upd('update: nested objects vs _.set', '{ o: { b: 3 } }', updated, wAfter({ o: { a: 1, b: 3 } }), {
    sends: [{ action: 'modifyDocument', data: { $set: { 'o.b': 3 } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
    note: 'a nested object changes only its leaves: the SDK flattens it to `$set: { "o.b": 3 }`',
  }),
  upd('update: nested objects vs _.set', '{ o: _.set({ b: 3 }) }', updated, wAfter({ o: { b: 3 } }), {
    sends: [{ action: 'modifyDocument', data: { $set: { o: { b: 3 } } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
    note: '`_.set` replaces the object whole',
  }),
  upd('update: nested objects vs _.set', "{ 'o.b': 3 }", updated, wAfter({ o: { a: 1, b: 3 } })),
  upd('update: nested objects vs _.set', '{ o: { c: { d: 1 } } }', updated, wAfter({ o: { a: 1, b: 2, c: { d: 1 } } }), {
    sends: [{ action: 'modifyDocument', data: { $set: { 'o.c.d': 1 } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
  }),
  upd('update: nested objects vs _.set', '{ o: {} }', unchanged, wSame, {
    sends: [{ action: 'modifyDocument', data: {}, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
    note: 'the SDK drops an empty nested object: nothing is sent to change',
  }),
  upd('update: nested objects vs _.set', '{ arr: [9] }', updated, wAfter({ arr: [9] }), { note: 'arrays are not flattened: a plain array replaces the field whole, like `_.set`' }),
  upd('update: nested objects vs _.set', '{ o: null }', updated, wAfter({ o: null })),
  upd('update: nested objects vs _.set', '{ o: { a: _.inc(1) } }', updated, wAfter({ o: { a: 2, b: 2 } }), {
    sends: [{ action: 'modifyDocument', data: { $inc: { 'o.a': 1 } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
  }),
  upd('update: nested objects vs _.set', '{ o: { a: _.remove() } }', updated, wAfter({ o: { b: 2 } }), {
    sends: [{ action: 'modifyDocument', data: { $unset: { 'o.a': '' } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
  }),
  upd('update: nested objects vs _.set', '{ p: { q: _.inc(1) } }', updated, wAfter({ p: { q: 1 } }), { note: 'missing parents are created' }),
  upd('update: nested objects vs _.set', "{ o: _.set({ c: 1 }), 'o.a': 2 }", updFailed("updating the path 'o.a' would create a conflict at 'o.a'"), null),
  upd('update: nested objects vs _.set', "{ 'n.q': 1 }", updFailed("Cannot create field 'q' in element {n: 10}"), null, { then: { w: wSame } }),
  upd('update: nested objects vs _.set', "{ 'nul.q': 1 }", updFailed("Cannot create field 'q' in element {nul: null}"), null),
  upd('update: nested objects vs _.set', "{ 'arr.0': 100 }", updated, wAfter({ arr: [100, 2, 3] })),
  upd('update: nested objects vs _.set', "{ 'arr.5': 1 }", updated, wAfter({ arr: [1, 2, 3, null, null, 1] }), { note: 'padded with null' }),
  upd('update: nested objects vs _.set', "{ 'objs.1.k': 9 }", updated, wAfter({ objs: [{ k: 1 }, { k: 9 }, { k: 2 }] })),
  {
    area: 'update: nested objects vs _.set',
    call: "db.collection('w').where({ 'objs.k': 2 }).update({ data: { 'objs.$.k': 20 } })",
    uses: ['w'],
    view: STATS,
    expected: updated,
    then: { w: wAfter({ objs: [{ k: 1 }, { k: 20 }, { k: 2 }] }) },
    note: '`$` is the first element the where() matched',
  },
  upd('update: nested objects vs _.set', "{ 'objs.$.k': 20 }", updFailed("You must include the array field for '.$' as part of the query document."), null, {
    note: '`$` needs the array in the query',
  }),
  upd('update: nested objects vs _.set', "{ 'objs.$[].k': _.inc(100) }", updated, wAfter({ objs: [{ k: 101 }, { k: 102 }, { k: 102 }] }), { note: '`$[]`: every element' }),
]

const operators: Case[] = [
  upd('update operators', '{ n: _.remove() }', updated, wAfter({ n: undefined })),
  upd('update operators', '{ zz: _.remove() }', unchanged, wSame),
  upd('update operators', '{ n: _.inc(-3) }', updated, wAfter({ n: 7 })),
  upd('update operators', '{ m: _.inc(2) }', updated, wAfter({ m: 2 })),
  upd('update operators', '{ n: _.mul(3) }', updated, wAfter({ n: 30 })),
  upd('update operators', '{ m: _.mul(3) }', updated, wAfter({ m: 0 }), { note: 'a missing field becomes 0' }),
  upd('update operators', '{ n: _.min(4) }', updated, wAfter({ n: 4 })),
  upd('update operators', '{ n: _.max(4) }', unchanged, wSame),
  upd('update operators', '{ m: _.max(4) }', updated, wAfter({ m: 4 })),
  upd('update operators', "{ n: _.rename('nn') }", updated, wAfter({ n: undefined, nn: 10 })),
  upd('update operators', "{ n: _.rename('s') }", updated, wAfter({ n: undefined, s: 10 }), { note: 'overwrites the target' }),
  upd('update operators', '{ arr: _.push([4, 5]) }', updated, wAfter({ arr: [1, 2, 3, 4, 5] }), {
    sends: [{ action: 'modifyDocument', data: { $push: { arr: { $each: [4, 5] } } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
  }),
  upd('update operators', '{ arr: _.push(7, 8) }', updated, wAfter({ arr: [1, 2, 3, 7, 8] })),
  upd('update operators', '{ arr: _.push({ each: [9], position: 1 }) }', updated, wAfter({ arr: [1, 9, 2, 3] })),
  upd('update operators', '{ arr: _.push({ each: [8], position: -1 }) }', updated, wAfter({ arr: [1, 2, 8, 3] })),
  upd('update operators', '{ arr: _.push({ each: [0, 7], sort: -1, slice: 3 }) }', updated, wAfter({ arr: [7, 3, 2] })),
  upd('update operators', '{ objs: _.push({ each: [{ k: 0 }], sort: { k: 1 } }) }', updated, wAfter({ objs: [{ k: 0 }, { k: 1 }, { k: 2 }, { k: 2 }] })),
  upd('update operators', '{ arr: _.pop() }', updated, wAfter({ arr: [1, 2] })),
  upd('update operators', '{ arr: _.shift() }', updated, wAfter({ arr: [2, 3] })),
  upd('update operators', '{ arr: _.unshift([0]) }', updated, wAfter({ arr: [0, 1, 2, 3] }), {
    sends: [{ action: 'modifyDocument', data: { $push: { arr: { $each: [0], $position: 0 } } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
  }),
  upd('update operators', '{ arr: _.pull(2) }', updated, wAfter({ arr: [1, 3] })),
  upd('update operators', '{ arr: _.pull(_.gte(2)) }', updated, wAfter({ arr: [1] })),
  upd('update operators', '{ arr: _.pull(_.in([1, 2])) }', updated, wAfter({ arr: [3] })),
  upd('update operators', '{ objs: _.pull({ k: 2 }) }', updated, wAfter({ objs: [{ k: 1 }] }), { note: 'every matching element goes' }),
  upd('update operators', '{ arr: _.pullAll([1, 3]) }', updated, wAfter({ arr: [2] })),
  upd('update operators', '{ arr: _.addToSet(2) }', unchanged, wSame),
  upd('update operators', '{ arr: _.addToSet(4) }', updated, wAfter({ arr: [1, 2, 3, 4] })),
  upd('update operators', '{ objs: _.addToSet({ k: 9 }) }', updated, wAfter({ objs: [{ k: 1 }, { k: 2 }, { k: 2 }, { k: 9 }] }), { note: 'duplicates already in the array stay' }),
  upd('update operators', '{ arr: _.addToSet({ $each: [1, 9, 9] }) }', updated, wAfter({ arr: [1, 2, 3, 9] })),
  upd('update operators', '{ arr: _.addToSet([1, 9]) }', updated, wAfter({ arr: [1, 2, 3, [1, 9]] }), { note: 'the SDK passes the array as one value: it is added as an element' }),
  upd('update operators', '{ arr: _.addToSet({ each: [4] }) }', updated, wAfter({ arr: [1, 2, 3, { each: [4] }] }), {
    note: 'unlike push, the SDK does not turn `each` into `$each`: write `{ $each: [...] }`',
  }),
  upd('update operators', '{ s: _.inc(1) }', updFailed(`Cannot apply $inc to a value of non-numeric type. {_id: "x"} has the field 's' of non-numeric type string`), null, { then: { w: wSame } }),
  upd('update operators', '{ nul: _.inc(1) }', updFailed(`Cannot apply $inc to a value of non-numeric type. {_id: "x"} has the field 'nul' of non-numeric type null`), null),
  upd('update operators', "{ n: _.inc('1') }", updFailed('Cannot increment with non-numeric argument.'), null),
  upd('update operators', '{ n: _.push(1) }', updFailed(`The field 'n' must be an array but is of type int in document {_id: "x"}`), null),
  upd('update operators', '{ n: _.addToSet(1) }', updFailed("Cannot apply $addToSet to non-array field. Field named 'n' has non-array type int"), null),
  upd('update operators', '{ n: _.pop() }', updFailed("Path 'n' contains an element of non-array type 'int'"), null),
  upd('update operators', '{ s: _.pull(1) }', updFailed('Cannot apply $pull to a non-array value'), null),
  upd('update operators', '{ zz: _.pop() }', unchanged, wSame, { note: 'array operators on a missing field: nothing to do' }),
]

const dates: Case[] = [
  {
    area: 'serverDate / dates',
    call: "db.collection('t').add({ data: { _id: 'd1', at: db.serverDate() } })",
    expected: { _id: 'd1', errMsg: 'collection.add:ok' },
    then: { t: [{ _id: 'd1', at: NOW }] },
    note: "the server's clock (here the emulator's `now`)",
  },
  {
    area: 'serverDate / dates',
    call: "db.collection('t').add({ data: { _id: 'd1', later: db.serverDate({ offset: 60000 }) } })",
    expected: { _id: 'd1', errMsg: 'collection.add:ok' },
    then: { t: [{ _id: 'd1', later: new Date(NOW.getTime() + 60_000) }] },
    sends: [{ action: 'insertDocument', data: [{ _id: 'd1', later: { $tcb_server_date: { offset: 60000 } } }] }],
  },
  upd('serverDate / dates', '{ at: db.serverDate() }', updated, wAfter({ at: NOW })),
  upd('serverDate / dates', '{ log: _.push(db.serverDate()) }', updated, wAfter({ log: [NOW] })),
  upd('serverDate / dates', '{ at: _.set(db.serverDate()) }', updated, wAfter({ at: { offset: 0 } }), {
    sends: [{ action: 'modifyDocument', data: { $set: { at: { offset: 0 } } }, query: { _id: 'x' }, queryType: 'DOC', multi: false, merge: true, upsert: false }],
    note: 'the SDK does not encode serverDate inside `_.set` (nor `_.max`/`_.min`/`_.inc`): an object `{ offset: 0 }` is stored. Use a plain `db.serverDate()` value',
  }),
  { area: 'serverDate / dates', call: "db.collection('dates').where({ at: _.lte(db.serverDate()) }).get()", uses: ['dates'], view: IDS, expected: ['past'] },
  { area: 'serverDate / dates', call: "db.collection('dates').where({ at: _.gte(new Date('2024-05-01T00:00:00Z')) }).get()", uses: ['dates'], view: IDS, expected: ['future'] },
  {
    area: 'serverDate / dates',
    call: "db.collection('dates').doc('past').get()",
    uses: ['dates'],
    expected: { data: { _id: 'past', at: new Date('2024-04-30T00:00:00.000Z') }, errMsg: 'document.get:ok' },
    note: 'dates come back as Date objects',
  },
  {
    area: 'serverDate / dates',
    call: "db.collection('t').add({ data: { _id: 'd1', when: new Date('2023-02-03T04:05:06.789Z'), nested: { list: [new Date(0)] } } }).then(() => db.collection('t').doc('d1').get())",
    expected: { data: { _id: 'd1', when: new Date('2023-02-03T04:05:06.789Z'), nested: { list: [new Date(0)] } }, errMsg: 'document.get:ok' },
    note: 'nested dates round-trip too',
  },
]

const unique: Case[] = [
  {
    area: 'unique indexes',
    call: "db.collection('people').add({ data: { phone: '111' } })",
    uses: ['people'],
    expected: failed('collection.add', '[FailedOperation] E11000 duplicate key error collection: people index: phone_unique dup key: {"phone":"111"}'),
    then: { people: FIXTURES.people.docs },
    note: 'DATABASE_REQUEST_FAILED, errCode -502001',
  },
  {
    area: 'unique indexes',
    call: "db.collection('people').doc('p3').set({ data: { phone: '111' } })",
    uses: ['people'],
    expected: failed('document.set', '[FailedOperation] E11000 duplicate key error collection: people index: phone_unique dup key: {"phone":"111"}'),
  },
  {
    area: 'unique indexes',
    call: "db.collection('people').doc('p2').update({ data: { phone: '111' } })",
    uses: ['people'],
    expected: failed('document.update', '[FailedOperation] E11000 duplicate key error collection: people index: phone_unique dup key: {"phone":"111"}'),
  },
  {
    area: 'unique indexes',
    call: "db.collection('people').add({ data: { _id: 'n1' } }).then(() => db.collection('people').add({ data: { _id: 'n2' } }))",
    uses: ['people'],
    expected: failed('collection.add', '[FailedOperation] E11000 duplicate key error collection: people index: phone_unique dup key: {"phone":null}'),
    note: 'a missing field is indexed as null: two documents without it collide',
  },
  {
    area: 'unique indexes',
    call: "db.runTransaction(async (t) => { await t.collection('people').add({ data: { _id: 'p3', phone: '111' } }) })",
    uses: ['people'],
    expected: rejects({ code: 'DATABASE_REQUEST_FAILED', message: '[FailedOperation] E11000 duplicate key error collection: people index: phone_unique dup key: {"phone":"111"}' }),
    then: { people: FIXTURES.people.docs },
    note: 'inside a transaction the emulator checks unique indexes at commit, whose error keeps its `code` (no errCode)',
  },
]

const aggregate: Case[] = [
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ points: _.gt(10) }).group({ _id: '$tier', total: $.sum('$points'), n: $.sum(1) }).sort({ _id: 1 }).end()",
    uses: ['members'],
    expected: {
      list: [
        { _id: 'gold', total: 150, n: 2 },
        { _id: 'silver', total: 20, n: 1 },
      ],
      errMsg: 'collection.aggregate:ok',
    },
    sends: [{ action: 'aggregateDocuments', stages: [{ $match: { points: { $gt: 10 } } }, { $group: { _id: '$tier', total: { $sum: '$points' }, n: { $sum: 1 } } }, { $sort: { _id: 1 } }] }],
  },
  { area: 'aggregate', call: "db.collection('members').aggregate().sort({ points: -1 }).skip(1).limit(1).project({ _id: 1 }).end()", uses: ['members'], view: LIST, expected: [{ _id: 'm2' }] },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm1' }).project({ _id: 0, double: $.multiply(['$points', 2]) }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ double: 200 }],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm1' }).project({ label: $.concat(['$tier', '-', '$_id']), day: $.dateToString({ date: '$joined', format: '%Y-%m-%d' }) }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm1', label: 'gold-m1', day: '2024-01-02' }],
  },
  { area: 'aggregate', call: "db.collection('members').aggregate().match({ tier: 'gold' }).count('n').end()", uses: ['members'], view: LIST, expected: [{ n: 2 }] },
  { area: 'aggregate', call: "db.collection('members').aggregate().match({ tier: 'none' }).count('n').end()", uses: ['members'], view: LIST, expected: [], note: 'no input, no count document' },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().unwind('$tags').group({ _id: '$tags', n: $.sum(1) }).sort({ _id: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 'a', n: 2 },
      { _id: 'b', n: 1 },
    ],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().unwind({ path: '$tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true }).project({ tags: 1, i: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 'm1', tags: 'a', i: 0 },
      { _id: 'm1', tags: 'b', i: 1 },
      { _id: 'm2', tags: 'a', i: 0 },
      { _id: 'm3', i: null },
    ],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm3' }).addFields({ vip: $.gte(['$points', 50]) }).project({ vip: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm3', vip: false }],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().sort({ points: 1 }).group({ _id: '$tier', ids: $.push('$_id'), avg: $.avg('$points'), max: $.max('$points'), first: $.first('$_id') }).sort({ _id: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 'gold', ids: ['m2', 'm1'], avg: 75, max: 100, first: 'm2' },
      { _id: 'silver', ids: ['m3'], avg: 20, max: 20, first: 'm3' },
    ],
  },
  { area: 'aggregate', call: "db.collection('members').aggregate().group({ _id: null, total: $.sum('$points') }).end()", uses: ['members'], view: LIST, expected: [{ _id: null, total: 170 }] },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().sortByCount('$tier').end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 'gold', count: 2 },
      { _id: 'silver', count: 1 },
    ],
  },
  { area: 'aggregate', call: "db.collection('members').aggregate().match({ _id: 'm1' }).replaceRoot({ newRoot: '$profile' }).end()", uses: ['members'], view: LIST, expected: [{ name: '林' }] },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().bucket({ groupBy: '$points', boundaries: [0, 50, 200], default: 'other', output: { n: $.sum(1) } }).end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 0, n: 1 },
      { _id: 50, n: 2 },
    ],
    note: 'lower bounds are inclusive: 50 is in the 50 bucket',
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().bucket({ groupBy: '$points', boundaries: [0, 30, 60, 90], default: 'high' }).end()",
    uses: ['members'],
    view: LIST,
    expected: [
      { _id: 0, count: 1 },
      { _id: 30, count: 1 },
      { _id: 'high', count: 1 },
    ],
    note: 'empty buckets are left out; `count` without `output`',
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ joined: _.gte(new Date('2024-02-01')) }).project({ _id: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm2' }, { _id: 'm3' }],
  },
  { area: 'aggregate', call: "db.collection('members').aggregate().match({ tier: /^gol/ }).project({ _id: 1 }).end()", uses: ['members'], view: LIST, expected: [{ _id: 'm1' }, { _id: 'm2' }] },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match(_.expr($.gt(['$points', 30]))).project({ _id: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm1' }, { _id: 'm2' }],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().sort({ tags: -1 }).project({ _id: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm1' }, { _id: 'm2' }, { _id: 'm3' }],
    note: 'descending, an array sorts by its largest element',
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm1' }).lookup({ from: 'orders', localField: '_id', foreignField: 'member', as: 'orders' }).project({ n: $.size('$orders') }).end()",
    uses: ['members', 'orders'],
    view: LIST,
    expected: [{ _id: 'm1', n: 2 }],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ tier: 'gold' }).lookup({ from: 'orders', let: { mid: '$_id' }, pipeline: $.pipeline().match(_.expr($.eq(['$member', '$$mid']))).group({ _id: null, sum: $.sum('$amount') }).done(), as: 'spent' }).sort({ _id: 1 }).project({ spent: '$spent.sum' }).end()",
    uses: ['members', 'orders'],
    view: LIST,
    expected: [
      { _id: 'm1', spent: [40] },
      { _id: 'm2', spent: [5] },
    ],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm1' }).limit(1).lookup({ from: 'orders', pipeline: $.pipeline().match({ amount: _.gt(8) }).project({ _id: 0, amount: 1 }).done(), as: 'big' }).project({ big: 1 }).end()",
    uses: ['members', 'orders'],
    view: LIST,
    expected: [{ _id: 'm1', big: [{ amount: 10 }, { amount: 30 }] }],
    note: 'an uncorrelated sub-pipeline, as the join-source lookup uses it',
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().match({ _id: 'm1' }).lookup({ from: 'nothing', localField: '_id', foreignField: 'x', as: 'xs' }).project({ xs: 1 }).end()",
    uses: ['members'],
    view: LIST,
    expected: [{ _id: 'm1', xs: [] }],
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().sample({ size: 2 }).end()",
    uses: ['members'],
    view: { label: '[list.length, distinct _ids]', of: (answer) => [answer.list.length, new Set(answer.list.map((doc: { _id: unknown }) => doc._id)).size] },
    expected: [2, 2],
    note: 'drawn without replacement',
  },
  {
    area: 'aggregate',
    call: "db.collection('big').aggregate().end()",
    uses: ['big'],
    view: { label: 'list.length', of: (answer) => answer.list.length },
    expected: 20,
    note: 'without a limit stage WeChat returns 20 records',
  },
  { area: 'aggregate', call: "db.collection('big').aggregate().limit(25).end()", uses: ['big'], view: { label: 'list.length', of: (answer) => answer.list.length }, expected: 25 },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate([{ $match: { tier: 'silver' } }]).end()",
    uses: ['members'],
    view: { label: 'list.length', of: (answer) => answer.list.length },
    expected: 3,
    note: "wx-server-sdk's aggregate() takes no pipeline argument: the stage is dropped",
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().limit(0).end()",
    uses: ['members'],
    expected: rejects({ errCode: -1, code: 'DATABASE_REQUEST_FAILED', errMsg: 'collection.aggregate:fail [InvalidParameter] aggregate: the limit must be positive' }),
    note: "aggregate errors keep the server's `code` and get errCode -1 (wx-server-sdk does not map them)",
  },
  {
    area: 'aggregate',
    call: "db.collection('members').aggregate().group({ tier: '$tier' }).end()",
    uses: ['members'],
    expected: rejects({ errCode: -1, code: 'DATABASE_REQUEST_FAILED', errMsg: "collection.aggregate:fail [InvalidParameter] aggregate: $group specification must include an '_id'" }),
  },
]

const txn = 'transactions'
const transactions: Case[] = [
  {
    area: txn,
    call: "db.runTransaction(async (t) => { const a = (await t.collection('acc').doc('A').get()).data; await t.collection('acc').doc('A').update({ data: { bal: a.bal - 30 } }); await t.collection('acc').doc('B').update({ data: { bal: _.inc(30) } }); await t.collection('ledger').add({ data: { _id: 'L1', amount: 30 } }); return 'done' })",
    run: ({ db, _ }) =>
      db.runTransaction(async (txn: SdkTransaction) => {
        const accountA = (await txn.collection('acc').doc('A').get()).data
        await txn
          .collection('acc')
          .doc('A')
          .update({ data: { bal: accountA.bal - 30 } })
        await txn
          .collection('acc')
          .doc('B')
          .update({ data: { bal: _.inc(30) } })
        await txn.collection('ledger').add({ data: { _id: 'L1', amount: 30 } })
        return 'done'
      }),
    uses: ['acc'],
    expected: 'done',
    then: {
      acc: [
        { _id: 'A', bal: 70 },
        { _id: 'B', bal: 30 },
      ],
      ledger: [{ _id: 'L1', amount: 30 }],
    },
    note: "resolves with the callback's value",
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('A').update({ data: { bal: 1 } }); [inside, outside] = [(await t.collection('acc').doc('A').get()).data.bal, (await db.collection('acc').doc('A').get()).data.bal]; await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await txn
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 1 } })
      const inside = (await txn.collection('acc').doc('A').get()).data.bal
      const outside = (await db.collection('acc').doc('A').get()).data.bal
      const commit = await txn.commit()
      return { inside, outside, commit }
    },
    uses: ['acc'],
    expected: { inside: 1, outside: 100, commit: { requestId: '<requestId>', data: {} } },
    then: {
      acc: [
        { _id: 'A', bal: 1 },
        { _id: 'B', bal: 0 },
      ],
    },
    note: 'the transaction sees its own writes, nobody else does before commit; commit() answers the raw server reply',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await db.collection('acc').doc('A').update({ data: { bal: 5 } }); [inside, outside] = [(await t.collection('acc').doc('A').get()).data.bal, (await db.collection('acc').doc('A').get()).data.bal]; await t.rollback()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await db
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 5 } })
      const inside = (await txn.collection('acc').doc('A').get()).data.bal
      const outside = (await db.collection('acc').doc('A').get()).data.bal
      await txn.rollback()
      return { inside, outside }
    },
    uses: ['acc'],
    expected: { inside: 100, outside: 5 },
    note: 'snapshot isolation: reads see the database as it was at startTransaction',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await db.collection('acc').add({ data: { _id: 'NEW' } }); await t.collection('acc').doc('NEW').get()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      try {
        await db.collection('acc').add({ data: { _id: 'NEW' } })
        return await txn.collection('acc').doc('NEW').get()
      } finally {
        await txn.rollback()
      }
    },
    uses: ['acc'],
    expected: rejects({ errCode: -1, errMsg: 'document.get:fail document with _id NEW does not exist' }),
    note: 'created after the snapshot: invisible',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await db.collection('acc').doc('B').remove(); await t.collection('acc').doc('B').get()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await db.collection('acc').doc('B').remove()
      const result = await txn.collection('acc').doc('B').get()
      await txn.rollback()
      return result
    },
    uses: ['acc'],
    expected: { data: { _id: 'B', bal: 0 }, errMsg: 'document.get:ok' },
    note: 'removed after the snapshot: still readable inside',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await db.collection('acc').doc('A').update({ data: { bal: 5 } }); await t.collection('acc').doc('A').update({ data: { bal: 101 } }); await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await db
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 5 } })
      await txn
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 101 } })
      return txn.commit()
    },
    uses: ['acc'],
    expected: rejects({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe last transaction still executing, transactionId: <txn>',
    }),
    then: {
      acc: [
        { _id: 'A', bal: 5 },
        { _id: 'B', bal: 0 },
      ],
    },
    note: "writing a document changed since the snapshot fails at commit. The error is node-sdk's (`code`, no errCode): the one runTransaction retries on. WeChat documents a lock instead: the plain update would wait for the transaction",
  },
  {
    area: txn,
    call: "[t1, t2] = [await db.startTransaction(), await db.startTransaction()]; await t1.collection('acc').doc('A').update({ data: { bal: 1 } }); await t2.collection('acc').doc('A').update({ data: { bal: 2 } }); await t1.commit(); await t2.commit()",
    run: async ({ db }) => {
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 1 } })
      await t2
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 2 } })
      await t1.commit()
      return t2.commit()
    },
    uses: ['acc'],
    expected: rejects({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe last transaction still executing, transactionId: <txn>',
    }),
    then: {
      acc: [
        { _id: 'A', bal: 1 },
        { _id: 'B', bal: 0 },
      ],
    },
    note: "first committer wins. WeChat documents that t2's write itself fails at once (t1 holds a lock); the emulator reports it at t2's commit",
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('A').get(); await db.collection('acc').doc('A').update({ data: { bal: 7 } }); await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await txn.collection('acc').doc('A').get()
      await db
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 7 } })
      return txn.commit()
    },
    uses: ['acc'],
    expected: { requestId: '<requestId>', data: {} },
    note: 'only writes conflict: a document merely read may change',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').where({ bal: 100 }).get()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      try {
        return await txn.collection('acc').where({ bal: 100 }).get()
      } finally {
        await txn.rollback()
      }
    },
    uses: ['acc'],
    expected: failed('collection.get', '[InvalidParameter] transactions only support single-document operations (get with where())'),
    sends: [
      { action: 'startTransaction' },
      { action: 'getDocument', queryType: 'WHERE', transactionId: '<txn>', query: { bal: 100 }, limit: 100 },
      { action: 'abortTransaction', transactionId: '<txn>' },
    ],
    note: 'WeChat: transactions support single-document operations only (doc, add). This get() does carry the transaction id, and is refused',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').where({ _id: 'A' }).update({ data: { bal: 1 } }); await t.rollback()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      const result = await txn
        .collection('acc')
        .where({ _id: 'A' })
        .update({ data: { bal: 1 } })
      await txn.rollback()
      return result
    },
    uses: ['acc'],
    expected: { stats: { updated: 1 }, errMsg: 'collection.update:ok' },
    then: {
      acc: [
        { _id: 'A', bal: 1 },
        { _id: 'B', bal: 0 },
      ],
    },
    sends: [
      { action: 'startTransaction' },
      { action: 'modifyDocument', queryType: 'WHERE', multi: true, merge: true, upsert: false, data: { $set: { bal: 1 } }, query: { _id: 'A' } },
      { action: 'abortTransaction', transactionId: '<txn>' },
    ],
    note: 'the SDK sends no transaction id with where().update(): it runs outside the transaction, at once, and survives the rollback',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').where({ _id: 'B' }).remove(); await t.rollback()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      const result = await txn.collection('acc').where({ _id: 'B' }).remove()
      await txn.rollback()
      return result
    },
    uses: ['acc'],
    expected: { stats: { removed: 1 }, errMsg: 'collection.remove:ok' },
    then: { acc: [{ _id: 'A', bal: 100 }] },
    note: 'likewise where().remove()',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').add({ data: { _id: 'C' } }); await t.collection('acc').count()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await txn.collection('acc').add({ data: { _id: 'C' } })
      const result = await txn.collection('acc').count()
      await txn.rollback()
      return result
    },
    uses: ['acc'],
    expected: { total: 2, errMsg: 'collection.count:ok' },
    note: "count() carries no transaction id: it counts committed documents, not the transaction's",
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await db.collection('acc').doc('A').update({ data: { bal: 9 } }); await t.collection('acc').aggregate().match({ _id: 'A' }).end()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      await db
        .collection('acc')
        .doc('A')
        .update({ data: { bal: 9 } })
      const result = await txn.collection('acc').aggregate().match({ _id: 'A' }).end()
      await txn.rollback()
      return result
    },
    uses: ['acc'],
    view: LIST,
    expected: [{ _id: 'A', bal: 9 }],
    note: 'aggregate() carries no transaction id either: it reads the live data, not the snapshot',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('N').set({ data: { bal: 1 } }); await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      const result = await txn
        .collection('acc')
        .doc('N')
        .set({ data: { bal: 1 } })
      await txn.commit()
      return result
    },
    uses: ['acc'],
    expected: { _id: 'N', errMsg: 'document.set:ok', stats: { updated: 0, created: 0 } },
    then: {
      acc: [
        { _id: 'A', bal: 100 },
        { _id: 'B', bal: 0 },
        { _id: 'N', bal: 1 },
      ],
    },
    note: 'inside a transaction set() reports created: 0 even when it creates (node-sdk answers `upserted`, wx-server-sdk reads `upsertedId`)',
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('Z').update({ data: { bal: 1 } }); await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      const result = await txn
        .collection('acc')
        .doc('Z')
        .update({ data: { bal: 1 } })
      await txn.commit()
      return result
    },
    uses: ['acc'],
    expected: { stats: { updated: 0 }, errMsg: 'document.update:ok' },
    then: { acc: FIXTURES.acc.docs },
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('B').remove(); await t.commit()",
    run: async ({ db }) => {
      const txn = await db.startTransaction()
      const result = await txn.collection('acc').doc('B').remove()
      await txn.commit()
      return result
    },
    uses: ['acc'],
    expected: { stats: { removed: 1 }, errMsg: 'document.remove:ok' },
    then: { acc: [{ _id: 'A', bal: 100 }] },
  },
  {
    area: txn,
    call: "t = await db.startTransaction(); await t.collection('acc').doc('A').update({ data: { bal: _.inc(-1) } }); await t.collection('acc').doc('Z').set({ data: { bal: 1 } }); await t.rollback()",
    run: async ({ db, _ }) => {
      const txn = await db.startTransaction()
      await txn
        .collection('acc')
        .doc('A')
        .update({ data: { bal: _.inc(-1) } })
      await txn
        .collection('acc')
        .doc('Z')
        .set({ data: { bal: 1 } })
      return txn.rollback()
    },
    uses: ['acc'],
    expected: { requestId: '<requestId>', data: {} },
    then: { acc: FIXTURES.acc.docs },
    note: 'rollback writes nothing',
  },
  {
    area: txn,
    call: "cloud.database({ throwOnNotFound: false }).runTransaction(async (t) => (await t.collection('acc').doc('Z').get()).data)",
    uses: ['acc'],
    expected: null,
    note: 'WeChat recommends throwOnNotFound: false for transactions',
  },
  {
    area: txn,
    call: "db.runTransaction(async (t) => (await t.collection('acc').doc('A').field({ _id: false }).get()).data)",
    uses: ['acc'],
    expected: { bal: 100 },
  },
  {
    area: txn,
    call: "db.runTransaction(async (t) => t.collection('acc').doc('Z').get())",
    uses: ['acc'],
    expected: rejects({ errCode: -1, errMsg: 'document.get:fail document with _id Z does not exist' }),
    note: 'the app catches /does not exist/ (getOrNull)',
  },
  {
    area: txn,
    call: "db.runTransaction(async (t) => t.collection('acc').add({ data: { _id: 'A' } }))",
    uses: ['acc'],
    expected: failed('collection.add', '[FailedOperation] E11000 duplicate key error collection: acc index: _id_ dup key: { _id: "A" }'),
    note: 'an existing `_id` fails at the add, not at commit',
  },
  {
    area: txn,
    call: "[t1, t2] = [await db.startTransaction(), await db.startTransaction()]; await t1.collection('keys').add({ data: { _id: 'k', by: 1 } }); await t2.collection('keys').add({ data: { _id: 'k', by: 2 } }); await t1.commit(); await t2.commit()",
    run: async ({ db }) => {
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1.collection('keys').add({ data: { _id: 'k', by: 1 } })
      await t2.collection('keys').add({ data: { _id: 'k', by: 2 } })
      await t1.commit()
      return t2.commit()
    },
    expected: rejects({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe last transaction still executing, transactionId: <txn>',
    }),
    then: { keys: [{ _id: 'k', by: 1 }] },
    note: 'two transactions adding one `_id`: one wins',
  },
  {
    area: txn,
    call: "db.runTransaction(async (t) => { await t.collection('acc').doc('A').update({ data: { bal: 0 } }); await t.collection('ledger').add({ data: { _id: 'L2' } }); await t.collection('acc').doc('B').remove(); throw new Error('boom') })",
    run: ({ db }) =>
      db.runTransaction(async (txn: SdkTransaction) => {
        await txn
          .collection('acc')
          .doc('A')
          .update({ data: { bal: 0 } })
        await txn.collection('ledger').add({ data: { _id: 'L2' } })
        await txn.collection('acc').doc('B').remove()
        throw new Error('boom')
      }),
    uses: ['acc'],
    expected: rejects({ message: 'boom' }),
    then: { acc: FIXTURES.acc.docs, ledger: [] },
    note: "the callback's error, nothing written (the SDK aborts)",
  },
  {
    area: txn,
    call: "db.runTransaction(async (t) => { await t.collection('acc').doc('A').update({ data: { bal: 0 } }); await t.rollback('no money') })",
    run: ({ db }) =>
      db.runTransaction(async (txn: SdkTransaction) => {
        await txn
          .collection('acc')
          .doc('A')
          .update({ data: { bal: 0 } })
        await txn.rollback('no money')
      }),
    uses: ['acc'],
    expected: rejects('no money'),
    then: { acc: FIXTURES.acc.docs },
    note: 'rejects with the value given to rollback()',
  },
  {
    area: txn,
    call: "emu.setFault({ conflictNextCommits: 2 }); db.runTransaction(async (t) => { attempts++; await t.collection('acc').doc('A').update({ data: { bal: _.inc(1) } }) })",
    run: async ({ db, _, emu }) => {
      emu.setFault({ conflictNextCommits: 2 })
      let attempts = 0
      await db.runTransaction(async (txn: SdkTransaction) => {
        attempts++
        await txn
          .collection('acc')
          .doc('A')
          .update({ data: { bal: _.inc(1) } })
      })
      return { attempts }
    },
    uses: ['acc'],
    expected: { attempts: 3 },
    then: {
      acc: [
        { _id: 'A', bal: 101 },
        { _id: 'B', bal: 0 },
      ],
    },
    note: 'conflicts at commit are retried by the SDK (3 retries by default)',
  },
  {
    area: txn,
    call: "emu.setFault({ conflictNextCommits: 1 }); db.runTransaction(async (t) => { attempts++; await t.collection('acc').doc('A').update({ data: { bal: 1 } }) }, 0)",
    run: async ({ db, emu }) => {
      emu.setFault({ conflictNextCommits: 1 })
      let attempts = 0
      try {
        await db.runTransaction(async (txn: SdkTransaction) => {
          attempts++
          await txn
            .collection('acc')
            .doc('A')
            .update({ data: { bal: 1 } })
        }, 0)
        return { attempts }
      } catch (error) {
        return { attempts, code: (error as { code?: unknown }).code }
      }
    },
    uses: ['acc'],
    expected: { attempts: 1, code: 'DATABASE_TRANSACTION_CONFLICT' },
    then: { acc: FIXTURES.acc.docs },
    note: 'with 0 retries (as the app runs it, retrying with its own backoff) the conflict is thrown',
  },
  {
    area: txn,
    call: "emu.setFault({ conflictNextCommits: 10 }); db.runTransaction(async (t) => { attempts++; await t.collection('acc').doc('A').update({ data: { bal: _.inc(1) } }) }, 1)",
    run: async ({ db, _, emu }) => {
      emu.setFault({ conflictNextCommits: 10 })
      let attempts = 0
      try {
        await db.runTransaction(async (txn: SdkTransaction) => {
          attempts++
          await txn
            .collection('acc')
            .doc('A')
            .update({ data: { bal: _.inc(1) } })
        }, 1)
        return { attempts }
      } catch (error) {
        return { attempts, code: (error as { code?: unknown }).code }
      }
    },
    uses: ['acc'],
    expected: { attempts: 2, code: 'DATABASE_TRANSACTION_CONFLICT' },
    then: { acc: FIXTURES.acc.docs },
    note: 'retries exhausted: 1 + retries attempts, then the conflict',
  },
]

const errors: Case[] = [
  { area: 'error shapes', call: "db.collection('q').where({ n: { $foo: 1 } }).get()", uses: ['q'], expected: failed('collection.get', '[InvalidParameter] bad query: unknown query operator $foo') },
  {
    area: 'error shapes',
    call: "db.collection('q').where({ $where: 'true' }).get()",
    uses: ['q'],
    expected: failed('collection.get', '[InvalidParameter] bad query: $where only accepts a Function objects'),
  },
  { area: 'error shapes', call: "db.collection('q').orderBy('n', 'up').get()", uses: ['q'], expected: rejects({ message: '排序字符不合法' }), note: 'thrown by the SDK at orderBy()' },
  { area: 'error shapes', call: "db.collection('q').limit(1.5).get()", uses: ['q'], expected: rejects({ message: 'limitmust be integer' }), note: 'thrown by the SDK at limit() (its wording)' },
]

const notEmulated: Case[] = [
  {
    area: 'not emulated',
    call: "db.collection('q').where({ loc: _.geoNear({ geometry: db.Geo.Point(113, 23), maxDistance: 1000 }) }).get()",
    uses: ['q'],
    expected: failed('collection.get', '[InvalidParameter] bad query: unknown query operator $nearSphere'),
    note: 'geo queries are refused',
  },
  {
    area: 'not emulated',
    call: "db.collection('q').aggregate().geoNear({ near: db.Geo.Point(113, 23), distanceField: 'd' }).end()",
    uses: ['q'],
    expected: rejects({ errCode: -1, code: 'DATABASE_REQUEST_FAILED', errMsg: 'collection.aggregate:fail [InvalidParameter] aggregate: unregistered pipeline operator $geoNear.' }),
  },
  {
    area: 'not emulated',
    call: "db.collection('q').where(_.text({ search: 'apple' })).get()",
    uses: ['q'],
    expected: failed('collection.get', '[InvalidParameter] bad query: unknown top level operator: $search'),
    note: 'text search is refused',
  },
  { area: 'not emulated', call: "db.collection('q').where({ flag: _.gte(null) }).get()", uses: ['q'], view: IDS, expected: ['d'], note: 'MongoDB would match the missing field too (b)' },
  {
    area: 'not emulated',
    call: "db.collection('never').get()",
    expected: { data: [], errMsg: 'collection.get:ok' },
    note: 'WeChat answers -502005 (collection not exists) for a collection not created in the console; the emulator has every collection',
  },
  {
    area: 'not emulated',
    call: "db.createCollection('c').then(() => db.createCollection('c'))",
    expected: { errMsg: 'createCollection:ok', requestId: '<requestId>' },
    note: 'WeChat refuses to create an existing collection; the emulator accepts',
  },
]

const BIRTHDAY = "{ touser: 'o1', templateId: 'tpl', page: 'pages/index/index', data: { thing1: { value: '生日快乐' }, time2: { value: '2024年5月1日' } } }"
/** An image answer as the table shows it: what it is, not its bytes. */
const IMAGE: View = {
  label: 'image',
  of: (answer: { errCode: number; errMsg: string; contentType: string; buffer: Buffer }) => ({
    errCode: answer.errCode,
    errMsg: answer.errMsg,
    contentType: answer.contentType,
    png: answer.buffer.subarray(1, 4).toString(),
  }),
}
/** A temporary URL with the parts that change (the emulator's port, the signature) replaced. */
const urlShape = (url: string) => url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '<emulator>').replace(/sign=[0-9a-f]+/, 'sign=<sign>')
const TEMP_URLS: View = {
  label: 'fileList',
  of: (answer: { fileList: Array<{ tempFileURL: string }> }) => answer.fileList.map((file) => ({ ...file, tempFileURL: urlShape(file.tempFileURL) })),
}
const CONTENT: View = { label: 'fileContent (text)', of: (answer: { fileContent: Buffer }) => answer.fileContent.toString('utf8') }

const openapi: Case[] = [
  {
    area: 'openapi',
    call: `local.consent('o1', 'tpl').then(() => cloud.openapi.subscribeMessage.send(${BIRTHDAY}))`,
    expected: { errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 },
    note: 'the outbox holds the message; the consent is used',
  },
  {
    area: 'openapi',
    call: `cloud.openapi.subscribeMessage.send(${BIRTHDAY})`,
    expected: { rejects: { errCode: 43101, errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' } },
    note: 'no consent left for (o1, tpl)',
  },
  {
    area: 'openapi',
    call: "local.consent('o1', 'tpl').then(() => cloud.openapi.subscribeMessage.send({ touser: 'o1', templateId: 'tpl', data: { thing1: { value: '这是一段超过二十个字的活动名称不能发送出去' } } }))",
    expected: { rejects: { errCode: 47003, errMsg: 'openapi.subscribeMessage.send:fail argument invalid! data.thing1.value invalid' } },
    note: 'thing is at most 20 characters; the consent is kept',
  },
  {
    area: 'openapi',
    call: `local.consent('o1', 'tpl').then(() => local.as('bystander', () => cloud.openapi.subscribeMessage.send(${BIRTHDAY})))`,
    expected: { rejects: { errCode: -604101, errMsg: 'system error: error code: -604101' } },
    note: "the calling function's config.json does not list it under permissions.openapi",
  },
  {
    area: 'openapi',
    call: `local.as(null, () => cloud.openapi.subscribeMessage.send(${BIRTHDAY}))`,
    expected: { rejects: { errCode: -604104, errMsg: 'system error: error code: -604104' } },
    note: 'a caller outside any cloud function',
  },
  {
    area: 'openapi',
    call: "cloud.openapi.wxacode.getUnlimited({ scene: 'j=ABC123', page: 'pages/join/index', checkPath: false })",
    view: IMAGE,
    expected: { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', png: 'PNG' },
    note: 'a plain QR code of page?scene= stands in for the round sun code',
  },
  {
    area: 'openapi',
    call: "cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33), page: 'pages/join/index' })",
    expected: { rejects: { errCode: 40169, errMsg: 'openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is not json string' } },
  },
  {
    area: 'openapi',
    call: "cloud.openapi.phonenumber.getPhoneNumber({ code: 'phone:13800000000' })",
    expected: { phoneInfo: { phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86' }, errMsg: 'openapi.phonenumber.getPhoneNumber:ok', errCode: 0 },
    note: 'the stand-in code `phone:<digits>` answers that number',
  },
  {
    area: 'openapi',
    call: "cloud.openapi.phonenumber.getPhoneNumber({ code: 'abc' })",
    expected: { rejects: { errCode: 40029, errMsg: 'openapi.phonenumber.getPhoneNumber:fail invalid code' } },
  },
  {
    area: 'openapi',
    call: "cloud.openapi.security.msgSecCheck({ content: '你好' })",
    expected: { rejects: { errCode: -604100, errMsg: 'system error: error code: -604100' } },
    note: 'an API without a stand-in',
  },
]

const storage: Case[] = [
  {
    area: 'storage',
    call: "cloud.uploadFile({ cloudPath: 'docs/a.txt', fileContent: Buffer.from('你好') })",
    expected: { fileID: 'cloud://local.local-bucket/docs/a.txt', statusCode: -1, errMsg: 'uploadFile:ok' },
    note: 'getUploadMetadata, then a PUT to the URL it signed; statusCode is -1 as the SDK never reports it',
  },
  {
    area: 'storage',
    call: "cloud.uploadFile({ cloudPath: 'docs/b.txt', fileContent: Buffer.from('b') }).then(({ fileID }) => cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }, 'cloud://local.local-bucket/docs/none.txt'] }))",
    view: TEMP_URLS,
    expected: [
      { fileID: 'cloud://local.local-bucket/docs/b.txt', status: 0, errMsg: 'ok', maxAge: 60, tempFileURL: '<emulator>/storage/object/docs/b.txt?sign=<sign>&t=1714550460' },
      { fileID: 'cloud://local.local-bucket/docs/none.txt', status: -503003, errMsg: 'storage file not exists', tempFileURL: '' },
    ],
    note: 'valid maxAge seconds on the emulated clock (7,200 without one)',
  },
  {
    area: 'storage',
    call: "cloud.uploadFile({ cloudPath: 'docs/c.txt', fileContent: Buffer.from('你好') }).then(({ fileID }) => cloud.downloadFile({ fileID }))",
    view: CONTENT,
    expected: '你好',
  },
  {
    area: 'storage',
    call: "cloud.downloadFile({ fileID: 'cloud://local.local-bucket/docs/none.txt' })",
    expected: { rejects: { errCode: -1, code: 'STORAGE_FILE_NONEXIST', errMsg: 'downloadFile:fail file not exists' } },
  },
  {
    area: 'storage',
    call: "cloud.uploadFile({ cloudPath: 'docs/d.txt', fileContent: Buffer.from('d') }).then(({ fileID }) => cloud.deleteFile({ fileList: [fileID, 'cloud://local.local-bucket/docs/none.txt'] }))",
    expected: {
      fileList: [
        { fileID: 'cloud://local.local-bucket/docs/d.txt', status: 0, errMsg: 'ok' },
        { fileID: 'cloud://local.local-bucket/docs/none.txt', status: -503003, errMsg: 'storage file not exists' },
      ],
      errMsg: 'deleteFile:ok',
    },
    note: 'a file that was not there is reported, not an error',
  },
  {
    area: 'storage',
    call: "cloud.uploadFile({ cloudPath: '../outside.txt', fileContent: Buffer.from('x') })",
    expected: { rejects: { errCode: -1, code: 'INVALID_PARAM', errMsg: 'uploadFile:fail invalid cloud path: ../outside.txt' } },
    note: 'refused at getUploadMetadata: the path would leave the storage folder',
  },
]

export const CASES: Case[] = [
  ...queryOperators,
  ...nested,
  ...arrays,
  ...regex,
  ...paging,
  ...count,
  ...writes,
  ...nestedUpdates,
  ...operators,
  ...dates,
  ...unique,
  ...aggregate,
  ...transactions,
  ...errors,
  ...notEmulated,
  ...openapi,
  ...storage,
]

/** Runs a case's code: its `run`, or its `call` text. */
export function runnerOf(testCase: Case): (sdk: Sdk) => Promise<unknown> {
  if (testCase.run) return testCase.run
  // The call column is the code itself, so the table cannot show one thing and test another.
  const fn = new Function('db', '_', '$', 'cloud', 'emu', 'local', `return (async () => (${testCase.call}))();`) as (...args: unknown[]) => Promise<unknown>
  return (sdk) => fn(sdk.db, sdk._, sdk.$, sdk.cloud, sdk.emu, sdk.local)
}
