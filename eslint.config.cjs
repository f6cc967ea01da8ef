// @ts-check
/**
 * One lint for the whole tree: ESLint's and typescript-eslint's recommended rules, plus the layers
 * (issue 8, part 6). Later blocks refine earlier ones for their folders; a rule set again in a later
 * block replaces its options there, so each folder's import rule lists everything that applies to it.
 *
 * - client/ imports only the contract from the functions, and never calls .collection().
 * - cloudfunctions/ imports nothing that is not deployed with it (emulator/, local/, tests, …).
 * - Only cloudfunctions/shared/data/ calls .collection().
 * - cloudfunctions/shared/domain/ imports nothing from data/, runtime/ or app/, nor the SDK.
 * - No collection-level query on a transaction's collection (tools/eslint/no-query-in-transaction.cjs).
 * - emulator/: no one-letter names (id-length).
 */
const { defineConfig } = require('eslint/config')
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const globals = require('globals')
const huiyuan = require('./tools/eslint/plugin.cjs')

/** Relative imports that climb out of cloudfunctions/ into code that is never deployed. */
const functionsImportOnlyDeployedCode = {
  regex: '^(\\.\\./)+(emulator|local|test|bench|scripts|client)(/|$)',
  message: 'cloudfunctions/ is deployed to WeChat cloud on its own: it imports nothing from emulator/, local/, test/, bench/, scripts/ or client/.',
}

const domainImportsNoOuterLayer = {
  regex: '^(\\.\\./)+((cloudfunctions/)?shared/)?(data|runtime|app)(/|$)',
  message: 'domain/ is pure rules: it imports nothing from data/, runtime/ or app/. Take what they provide as arguments.',
}

const clientImportsOnlyTheContract = [
  {
    regex: '(^|/)cloudfunctions/(?!shared/contract(/|$))',
    message: 'The client imports only the contract from the functions (@contract/*: actions, schemas, result types, formatting).',
  },
  {
    regex: '^(\\.\\./)+(emulator|local|scripts|bench|test|database)(/|$)',
    message: 'The client is the mini-program: it imports nothing from the emulator, local glue, scripts, bench or tests.',
  },
]

const chartsOnlyInInsight = { group: ['@qiun/ucharts', '@qiun/ucharts/*'], message: 'Charts are drawn only in client/insight/ (Taro would hoist a shared chart into the main package).' }
const noServerSdk = (who) => ({ name: 'wx-server-sdk', message: `${who} never use the server SDK directly.` })

/** `<anything>.collection(…)`, also `?.collection(…)` and `['collection'](…)`. */
const collectionCall = (message) => [
  { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='collection']", message },
  { selector: "CallExpression[callee.type='MemberExpression'][callee.computed=true][callee.property.value='collection']", message },
]

module.exports = defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.local/', '.swc/', 'test-results/', 'coverage/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { _id: _ignored, ...rest } = doc` leaves a field out; a leading _ marks a name kept unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**', 'emulator/test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: one that needs none is `({}, use)`.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },

  // The client: the mini-program and its H5 build.
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noServerSdk('Pages and components')], patterns: [...clientImportsOnlyTheContract, chartsOnlyInInsight] }],
      'no-restricted-syntax': ['error', ...collectionCall('The client never touches the database: call a function (services/cloud.ts callCloud).')],
    },
  },
  // The chart library may live only in the 数据 subpackage: imported elsewhere, Taro would hoist it into the main package.
  {
    files: ['client/insight/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noServerSdk('Pages and components')], patterns: clientImportsOnlyTheContract }],
    },
  },

  // The functions, and their layers.
  {
    files: ['cloudfunctions/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [functionsImportOnlyDeployedCode] }],
      'no-restricted-syntax': ['error', ...collectionCall('Only the repositories in cloudfunctions/shared/data/ call .collection(): add or use one there.')],
    },
  },
  {
    files: ['cloudfunctions/shared/data/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['cloudfunctions/shared/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noServerSdk('Domain rules')], patterns: [functionsImportOnlyDeployedCode, domainImportsNoOuterLayer] }],
    },
  },

  // Transactions: everywhere but the tests, which may show what such a query does.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['test/**', 'emulator/test/**'],
    plugins: { huiyuan },
    rules: { 'huiyuan/no-query-in-transaction': 'error' },
  },

  // The emulator: names that say what they hold.
  {
    files: ['emulator/**'],
    rules: { 'id-length': ['error', { min: 2, exceptions: ['_', 'i', 'j'], properties: 'never' }] },
  },
)
