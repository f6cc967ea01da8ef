/** Unit, emulator-conformance and function tests. E2E runs separately (test/e2e/run.ts). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020', parser: { syntax: 'typescript', tsx: true } } }] },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.cjs'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
}
