import { createRequire } from 'node:module'
import { RuleTester, type Rule } from 'eslint'
import tseslint from 'typescript-eslint'

/** The rule is CommonJS (eslint.config.cjs loads it as is), so it is loaded the way ESLint does. */
const rule = createRequire(__filename)('../../../tools/eslint/no-query-in-transaction.cjs') as Rule.RuleModule

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } })

tester.run('no-query-in-transaction', rule, {
  valid: [
    {
      name: 'doc() and add() on a transaction collection are the transaction',
      code: `
        await inTransaction(db, async (transaction) => {
          const member = await transaction.collection('members').doc(openid).get()
          await transaction.collection('ledger').add({ data: row })
          await transaction.collection('members').doc(openid).update({ data: { points: transaction.command.inc(1) } })
        })`,
    },
    {
      name: 'a variable holding the transaction collection, used by doc()',
      code: `
        inTransaction(db, async (transaction) => {
          const members = transaction.collection('members')
          await members.doc(openid).update({ data: {} })
        })`,
    },
    {
      name: 'queries on the database itself are not this rule',
      code: `
        async function due(db: Database) {
          return db.collection('members').where({ nextExpiryAt: db.command.lte(now) }).orderBy('nextExpiryAt', 'asc').limit(100).get()
        }`,
    },
    {
      name: 'a parameter that is not a transaction (not passed to a runner, not typed or named as one)',
      code: `
        function query(t: Database) { return t.collection('members').where({ tier: 'gold' }).count() }
        list((t) => t.collection('members').where({}).get())`,
    },
    {
      name: 'the wrapper around the SDK, as in shared/data/transaction.ts',
      code: `
        function singleDocumentOnly(transaction: Pick<Transaction, 'collection'>, db: Database): Transaction {
          return {
            collection(name) {
              const collection = transaction.collection(name)
              return { doc: (id) => collection.doc(id), add: (options) => collection.add(options) }
            },
            command: db.command,
          }
        }`,
    },
  ],
  invalid: [
    {
      name: 'where().update() inside inTransaction',
      code: `
        await inTransaction(db, async (transaction) => {
          await transaction.collection('coupons').where({ code, status: 'available' }).update({ data: { status: 'used' } })
        })`,
      errors: [{ messageId: 'where' }],
    },
    {
      name: 'count() inside db.runTransaction, whatever the parameter is called',
      code: `await db.runTransaction(async (t) => { const { total } = await t.collection('acc').count(); return total })`,
      errors: [{ messageId: 'count' }],
    },
    {
      name: 'aggregate() inside runTransaction',
      code: `db.runTransaction(async (tx) => tx.collection('acc').aggregate().match({ _id: 'A' }).end())`,
      errors: [{ messageId: 'aggregate' }],
    },
    {
      name: 'a helper taking the transaction by its type',
      code: `
        async function cancelAll(tx: Transaction, openid: string) {
          await tx.collection('redemptions').where({ openid }).remove()
        }`,
      errors: [{ messageId: 'where' }],
    },
    {
      name: 'a helper taking a type built from Transaction',
      code: `const firstDue = (tx: Pick<Transaction, 'collection'>) => tx.collection('members').where({ due: true }).get()`,
      errors: [{ messageId: 'where' }],
    },
    {
      name: 'a helper taking a parameter named transaction, untyped',
      code: `function countLedger(transaction) { return transaction.collection('ledger').count() }`,
      errors: [{ messageId: 'count' }],
    },
    {
      name: 'a variable holding the transaction collection',
      code: `
        inTransaction(db, async (transaction) => {
          const members = transaction.collection('members')
          await members.where({ tier: 'gold' }).update({ data: { tier: 'silver' } })
        })`,
      errors: [{ messageId: 'where' }],
    },
    {
      name: 'a transaction from startTransaction()',
      code: `
        const t = await db.startTransaction()
        await t.collection('acc').where({ bal: 100 }).get()
        await t.commit()`,
      errors: [{ messageId: 'where' }],
    },
    {
      name: 'a nested function closing over the transaction',
      code: `
        inTransaction(db, async (trx) => {
          const remaining = () => trx.collection('lots').count()
          return remaining()
        })`,
      errors: [{ messageId: 'count' }],
    },
    {
      name: 'other collection-level calls: get(), orderBy(), limit()',
      code: `
        inTransaction(db, async (transaction) => {
          await transaction.collection('rules').get()
          await transaction.collection('ledger').orderBy('createdAt', 'desc').limit(1).get()
        })`,
      errors: [
        { messageId: 'other', data: { method: 'get' } },
        { messageId: 'other', data: { method: 'orderBy' } },
      ],
    },
    {
      name: 'computed, optional and cast forms',
      code: `
        inTransaction(db, async (transaction) => {
          await transaction.collection('a')['where']({}).get()
          await transaction?.collection('b').where({}).get()
          await (transaction as Transaction).collection('c').count()
        })`,
      errors: [{ messageId: 'where' }, { messageId: 'where' }, { messageId: 'count' }],
    },
  ],
})
