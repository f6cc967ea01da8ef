import { startHarness, Harness } from './sdk-harness'
import { OPENID_TOKEN_PREFIX } from '../database'

// add/get/set/update/remove and every update operator through the SDK are in the conformance table
// (conformance/cases.ts); this covers the caller's identity, which the SDK never sends itself.
let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.close())

describe('_openid on insert', () => {
  test('taken from the x-wx-openid caller', async () => {
    await harness.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h1"}'] }, { openid: 'oHeader' })
    expect(harness.db.find('id', { _id: 'h1' })[0]._openid).toBe('oHeader')
  })
  test('taken from WX_API_TOKEN carried as wxCloudApiToken', async () => {
    await harness.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h2"}'], wxCloudApiToken: OPENID_TOKEN_PREFIX + 'oToken' })
    expect(harness.db.find('id', { _id: 'h2' })[0]._openid).toBe('oToken')
  })
  test('left unset without an identity', async () => {
    await harness.sdb.collection('id').add({ data: { _id: 'h3' } })
    expect(harness.db.find('id', { _id: 'h3' })[0]).toEqual({ _id: 'h3' })
  })
})

describe('one update over many documents', () => {
  test('addToSet and pull change every document the where() matches, not only the first', async () => {
    const _ = harness.sdb.command
    await Promise.all(['t1', 't2', 't3', 't4'].map((id) => harness.sdb.collection('tagged').add({ data: { _id: id, group: 'a', tags: id === 't2' ? ['vip'] : [] } })))
    await harness.sdb.collection('tagged').add({ data: { _id: 't5', group: 'b', tags: [] } })
    const added = await harness.sdb
      .collection('tagged')
      .where({ group: 'a' })
      .update({ data: { tags: _.addToSet('vip') } })
    expect(added.stats.updated).toBe(3)
    expect(harness.db.find('tagged', {}).map((doc) => [doc._id, doc.tags])).toEqual([
      ['t1', ['vip']],
      ['t2', ['vip']],
      ['t3', ['vip']],
      ['t4', ['vip']],
      ['t5', []],
    ])
    const pulled = await harness.sdb
      .collection('tagged')
      .where({ group: 'a' })
      .update({ data: { tags: _.pull('vip') } })
    expect(pulled.stats.updated).toBe(4)
    expect(harness.db.find('tagged', { tags: 'vip' })).toEqual([])
  })
})
