import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['dist/', 'lib/', 'node_modules/', 'coverage/', '.bench-cache/', '__tests__/fixtures/']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'child_process',
              message: 'Use node:child_process execFile/spawn with argument arrays.'
            }
          ]
        }
      ]
    }
  },
  {
    files: [
      'src/manifest/**',
      'src/contract/**',
      'src/slo/*.ts',
      'src/slo/policy/**',
      'src/slo/evaluate/**',
      'src/revert/**',
      'src/core/**',
      'src/report/**'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:child_process',
              message: 'The domain starts no process: take a port (src/*/ports.ts) instead.'
            },
            {
              name: 'child_process',
              message: 'The domain starts no process: take a port (src/*/ports.ts) instead.'
            }
          ],
          patterns: [
            {
              group: ['@actions/*'],
              message: 'The domain never imports @actions/*: only src/actions/ does.'
            },
            {
              group: [
                '**/platform/**',
                '**/commands/**',
                '**/wiring/**',
                '**/actions/**',
                '**/cli/**',
                '**/cli.js'
              ],
              message:
                'Upward import: the domain (core, manifest, contract, slo, revert, report) imports only the domain; see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/platform/**', 'src/slo/providers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/**', '**/wiring/**', '**/actions/**', '**/cli/**', '**/cli.js'],
              message:
                'Upward import: the edges (platform, providers) serve the use cases, never import them; see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/commands/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/actions/**', '**/cli/**', '**/cli.js', '**/wiring/**', '@actions/*'],
              message:
                'Upward import: a use case is shared by the action and the CLI and imports neither, nor the wiring that builds it; see docs/architecture.md.'
            },
            {
              regex: '/(platform|slo/providers)/',
              allowTypeImports: true,
              message:
                'A use case reaches files, git, GitHub, Go, Postgres and metrics backends only through ports that src/wiring builds (types may be imported); see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/wiring/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/actions/**', '**/cli/**', '**/cli.js', '@actions/*'],
              message:
                'Upward import: the wiring builds what both faces use and imports neither; see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/actions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/cli.js'],
              message:
                'An action does not borrow from the CLI (its errors would name flags): share through src/wiring or src/commands; see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/cli/**', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/actions/**', '@actions/*'],
              message:
                'The CLI does not borrow from the actions: share through src/wiring or src/commands; see docs/architecture.md.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
