// @ts-check
/**
 * A transaction's collection offers two calls that belong to the transaction: doc(id) and add().
 * Everything else on it is a collection-level query that the SDK sends without the transaction id
 * (where().update()/remove(), count(), aggregate()): it runs outside the transaction, at once, sees
 * committed data rather than the snapshot, and survives a rollback; where().get() is refused.
 * emulator/CONFORMANCE.md records each of these against the real wx-server-sdk.
 *
 * A "transaction" here is, resolved through scopes:
 * - the first parameter of a function passed to runTransaction() / inTransaction() (option `runners`);
 * - a parameter or variable whose type annotation mentions `Transaction` (option `types`), e.g.
 *   `transaction: Transaction` or `transaction: Pick<Transaction, 'collection'>`;
 * - a parameter or variable named `transaction` (option `names`);
 * - a variable holding `await db.startTransaction()`.
 * Its collection is `transaction.collection(name)`, or a variable initialised with it.
 */

const DEFAULTS = {
  runners: ['runTransaction', 'inTransaction'],
  types: ['Transaction'],
  names: ['transaction'],
  allowed: ['doc', 'add'],
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow collection-level queries (where, count, aggregate, …) on a transaction's collection: they run outside the transaction",
    },
    schema: [
      {
        type: 'object',
        properties: {
          runners: { type: 'array', items: { type: 'string' } },
          types: { type: 'array', items: { type: 'string' } },
          names: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      where:
        "where() on a transaction's collection is not part of the transaction: the SDK sends it without the transaction id, so it runs at once and survives a rollback (where().get() is refused). Inside a transaction, read and write single documents with doc(id).",
      count: "count() on a transaction's collection is not part of the transaction: it counts committed documents, not the transaction's snapshot and writes.",
      aggregate: "aggregate() on a transaction's collection is not part of the transaction: it reads the live data, not the snapshot.",
      other: "{{method}}() on a transaction's collection is a collection-level query, which the transaction does not cover. Inside a transaction use only doc(id) and add().",
    },
  },

  create(context) {
    const options = { ...DEFAULTS, ...(context.options[0] ?? {}) }
    const sourceCode = context.sourceCode

    /** @param {any} callee */
    function calleeName(callee) {
      if (!callee) return null
      if (callee.type === 'Identifier') return callee.name
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name
      if (callee.type === 'MemberExpression' && callee.computed && callee.property.type === 'Literal') return String(callee.property.value)
      return null
    }

    /** @param {any} node */
    function unwrap(node) {
      let current = node
      while (
        current &&
        (current.type === 'AwaitExpression' ||
          current.type === 'TSAsExpression' ||
          current.type === 'TSNonNullExpression' ||
          current.type === 'ChainExpression' ||
          current.type === 'TSSatisfiesExpression')
      ) {
        current = current.type === 'AwaitExpression' ? current.argument : current.expression
      }
      return current
    }

    /** Does a type annotation mention one of the transaction types anywhere (Transaction, Pick<Transaction, …>, Tx.Transaction)? */
    /** @param {any} node */
    function mentionsTransactionType(node) {
      if (!node || typeof node !== 'object') return false
      if (node.type === 'TSTypeReference') {
        const name = node.typeName.type === 'Identifier' ? node.typeName.name : node.typeName.type === 'TSQualifiedName' ? node.typeName.right.name : null
        if (name && options.types.includes(name)) return true
      }
      for (const key of Object.keys(node)) {
        if (key === 'parent') continue
        const value = node[key]
        if (Array.isArray(value)) {
          if (value.some((child) => child && typeof child.type === 'string' && mentionsTransactionType(child))) return true
        } else if (value && typeof value.type === 'string' && mentionsTransactionType(value)) {
          return true
        }
      }
      return false
    }

    /** @param {any} scope @param {string} name */
    function findVariable(scope, name) {
      for (let current = scope; current; current = current.upper) {
        const variable = current.set.get(name)
        if (variable) return variable
      }
      return null
    }

    /** Is this identifier (a use) a transaction? */
    /** @param {any} identifier */
    function isTransaction(identifier) {
      if (!identifier || identifier.type !== 'Identifier') return false
      const variable = findVariable(sourceCode.getScope(identifier), identifier.name)
      if (!variable) return options.names.includes(identifier.name)
      return variable.defs.some((/** @type {any} */ def) => {
        const binding = def.name
        if (options.names.includes(binding.name)) return true
        if (binding.typeAnnotation && mentionsTransactionType(binding.typeAnnotation)) return true
        if (def.type === 'Parameter') {
          const fn = def.node
          const first = fn.params[0]
          const isFirst = first === binding || (first && first.type === 'AssignmentPattern' && first.left === binding)
          const call = fn.parent
          return isFirst && call && call.type === 'CallExpression' && call.arguments.includes(fn) && options.runners.includes(calleeName(call.callee) ?? '')
        }
        if (def.type === 'Variable' && def.node.init) {
          const init = unwrap(def.node.init)
          return init && init.type === 'CallExpression' && calleeName(init.callee) === 'startTransaction'
        }
        return false
      })
    }

    /** `transaction.collection(name)` */
    /** @param {any} node */
    function isTransactionCollectionCall(node) {
      const call = unwrap(node)
      return call && call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && calleeName(call.callee) === 'collection' && isTransaction(unwrap(call.callee.object))
    }

    /** `transaction.collection(name)`, or a variable initialised with it. */
    /** @param {any} node */
    function isTransactionCollection(node) {
      const target = unwrap(node)
      if (!target) return false
      if (isTransactionCollectionCall(target)) return true
      if (target.type !== 'Identifier') return false
      const variable = findVariable(sourceCode.getScope(target), target.name)
      return !!variable && variable.defs.some((/** @type {any} */ def) => def.type === 'Variable' && def.node.init && isTransactionCollectionCall(def.node.init))
    }

    return {
      /** @param {any} node */
      CallExpression(node) {
        const callee = node.callee
        if (callee.type !== 'MemberExpression') return
        const method = calleeName(callee)
        if (!method || options.allowed.includes(method)) return
        if (!isTransactionCollection(callee.object)) return
        const messageId = method === 'where' || method === 'count' || method === 'aggregate' ? method : 'other'
        context.report({ node: callee.property, messageId, data: { method } })
      },
    }
  },
}
