import { inTransaction } from '../../../cloudfunctions/shared/data/transaction'
import type { Database } from '../../../cloudfunctions/shared/runtime/cloud'

/**
 * The SDK's transaction collections answer where() too, but send the query without the
 * transaction id: it runs outside the transaction and survives a rollback. inTransaction hands its
 * work only doc() and add(), so such a query fails at once.
 */
function fakeDatabase() {
  const sent: string[] = []
  const collection = (name: string) => ({
    doc: (id: string) => ({ get: async () => (sent.push(`get ${name}/${id}`), { data: { _id: id } }), set: async () => undefined, update: async () => undefined, remove: async () => undefined }),
    add: async ({ data }: { data: { _id: string } }) => (sent.push(`add ${name}/${data._id}`), { _id: data._id }),
    where: () => sent.push(`where ${name} (outside the transaction)`),
  })
  const db = { command: { set: (value: unknown) => ({ $set: value }) }, runTransaction: async (work: (transaction: unknown) => Promise<unknown>) => work({ collection }) }
  return { db: db as unknown as Database, sent }
}

it('passes single-document reads and inserts through, with the update commands', async () => {
  const { db, sent } = fakeDatabase()
  await inTransaction(db, async (transaction) => {
    await transaction.collection('members').doc('m1').get()
    await transaction.collection('ledger').add({ data: { _id: 'order:s:1' } })
    expect(transaction.command.set([1])).toEqual({ $set: [1] })
  })
  expect(sent).toEqual(['get members/m1', 'add ledger/order:s:1'])
})

it('has no where() on a transaction’s collection', async () => {
  const { db, sent } = fakeDatabase()
  await inTransaction(db, async (transaction) => {
    expect('where' in transaction.collection('members')).toBe(false)
  })
  expect(sent).toEqual([])
})
