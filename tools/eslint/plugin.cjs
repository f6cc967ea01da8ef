// @ts-check
/** The project's own lint rules, loaded by eslint.config.cjs as the `huiyuan` plugin. */
module.exports = {
  meta: { name: 'eslint-plugin-huiyuan', version: '0.1.0' },
  rules: {
    'no-query-in-transaction': require('./no-query-in-transaction.cjs'),
  },
}
