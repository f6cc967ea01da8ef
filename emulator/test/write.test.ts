import { startHarness, Harness } from './sdk-harness';
import { OPENID_TOKEN_PREFIX } from '../database';

// add/get/set/update/remove and every update operator through the SDK are in the conformance table
// (conformance/cases.ts); this covers the caller's identity, which the SDK never sends itself.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('_openid on insert', () => {
  test('taken from the x-wx-openid caller', async () => {
    await h.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h1"}'] }, { openid: 'oHeader' });
    expect(h.db.find('id', { _id: 'h1' })[0]._openid).toBe('oHeader');
  });
  test('taken from WX_API_TOKEN carried as wxCloudApiToken', async () => {
    await h.db.handle({ action: 'database.insertDocument', collectionName: 'id', data: ['{"_id":"h2"}'], wxCloudApiToken: OPENID_TOKEN_PREFIX + 'oToken' });
    expect(h.db.find('id', { _id: 'h2' })[0]._openid).toBe('oToken');
  });
  test('left unset without an identity', async () => {
    await h.sdb.collection('id').add({ data: { _id: 'h3' } });
    expect(h.db.find('id', { _id: 'h3' })[0]).toEqual({ _id: 'h3' });
  });
});
