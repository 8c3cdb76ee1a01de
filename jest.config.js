// ESM setup as in the typescript-action template: ts-jest transpiles, tsc typechecks separately.
// Two projects: `unit` (pure: no process, no server, no git; `npm run test:unit`, the inner loop) and
// `e2e` (suites that spawn git, the bundled dist/, Prometheus, Go, buf, Postgres). `npm test` runs both.
// `*.conformance.test.ts` suites need corpora outside the repository: jest.conformance.config.js runs them.
const shared = {
  clearMocks: true,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.bench-cache/', '<rootDir>/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true, diagnostics: false }]
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' }
}

// Suites that start processes or servers. A new such suite goes under __tests__/e2e/ or in this list.
const processSuites = [
  '/__tests__/e2e/',
  '/__tests__/build/',
  '/__tests__/cli/',
  '/__tests__/contract/check/',
  '/__tests__/contract/go/',
  '/__tests__/contract/protobuf/differential',
  '/__tests__/contract/migrations/',
  '/__tests__/manifest/branch-store',
  '/__tests__/platform/',
  '/__tests__/revert/cli',
  '/__tests__/revert/demo-plan',
  '/__tests__/revert/git-',
  '/__tests__/revert/rollback-plan',
  '/__tests__/slo/prometheus',
  '/__tests__/slo/providers'
]
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

export default {
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/dist/',
        '/node_modules/',
        '/.bench-cache/',
        '\\.conformance\\.test\\.ts$',
        ...processSuites
      ]
    },
    {
      ...shared,
      displayName: 'e2e',
      testRegex: processSuites.map((dir) => `${escape(dir)}.*\\.test\\.ts$`),
      testPathIgnorePatterns: [
        '/dist/',
        '/node_modules/',
        '/.bench-cache/',
        '\\.conformance\\.test\\.ts$'
      ]
    }
  ]
}
