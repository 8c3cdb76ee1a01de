// The conformance step: `*.conformance.test.ts` suites that compare rollback-guard with outside corpora
// (oasdiff's own test pairs) kept outside this repository, in ../shared/conformance or RG_CONFORMANCE_DIR.
// `npm test` never runs them; `npm run test:conformance` does, and `.ci/run` runs it when the corpus exists.
import base from './jest.config.js'

const unit = base.projects.find((project) => project.displayName === 'unit')

export default {
  testTimeout: base.testTimeout,
  maxWorkers: base.maxWorkers,
  projects: [
    {
      ...unit,
      displayName: 'conformance',
      testMatch: ['**/__tests__/**/*.conformance.test.ts'],
      testPathIgnorePatterns: ['/dist/', '/node_modules/', '/.bench-cache/']
    }
  ]
}
