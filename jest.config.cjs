/** Unit, emulator-conformance, function and component tests. E2E runs separately (playwright.config.ts). */
const swc = (react) => ['@swc/jest', { jsc: { target: 'es2020', parser: { syntax: 'typescript', tsx: true }, ...(react && { transform: { react: { runtime: 'automatic' } } }) } }]

module.exports = {
  testTimeout: 30000,
  // Jest's default is one worker fewer than the cores: one on our 2-core machines. Two finish the
  // suite in 130 s instead of 185 s, most tests waiting on emulator instances rather than the CPU.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.cjs'],
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/emulator'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/components/'],
      transform: { '^.+\\.(t|j)sx?$': swc(false) },
      // Per project, so a run of component tests alone does not build the functions.
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
    },
    {
      /**
       * Components rendered in jsdom with Testing Library, asserting on what a person sees. Taro's
       * components, Taro's API and NutUI are mapped to plain stand-ins (test/components/support/):
       * the real H5 components are Stencil custom elements that need Taro's runtime, and
       * @tarojs/test-utils-react 0.1.1 wants Taro 3 and Jest 29. A platform file resolves as in the
       * H5 build (`keypad.h5.ts` before `keypad.ts`), which is the build the e2e journeys run.
       */
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/components'],
      testMatch: ['**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc(true) },
      moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'cjs', 'json'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/components/support/taroComponents.tsx',
        '^@tarojs/taro$': '<rootDir>/test/components/support/taro.ts',
        '^@nutui/nutui-react-taro$': '<rootDir>/test/components/support/nutui.tsx',
        '^@contract/(.*)$': '<rootDir>/cloudfunctions/shared/contract/$1',
        '\\.s?css$': '<rootDir>/test/components/support/style.js',
      },
      setupFilesAfterEnv: ['<rootDir>/test/components/support/setup.ts'],
      // Taro's defineConstants (config/index.ts), as a build without TARO_APP_* settings has them.
      globals: { HUIYUAN_CLOUD_ENV: '', HUIYUAN_STORE_ID: 'store-001' },
    },
  ],
}
