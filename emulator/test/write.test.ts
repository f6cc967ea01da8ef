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
