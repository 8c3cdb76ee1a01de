import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { rmSync } from 'node:fs'

// ROLLUP_OUT_DIR lets the staleness test bundle into a temporary folder and compare with dist/.
const outDir = process.env.ROLLUP_OUT_DIR || 'dist'
// Chunk names carry content hashes: start from an empty folder so no stale chunk survives.
rmSync(outDir, { recursive: true, force: true })

export default {
  input: {
    cli: 'src/cli.ts',
    index: 'src/index.ts',
    action: 'src/actions/umbrella.ts',
    manifest: 'src/actions/manifest.ts',
    'contract-check': 'src/actions/contract-check.ts',
    'slo-gate': 'src/actions/slo-gate.ts',
    'revert-pr': 'src/actions/revert-pr.ts'
  },
  output: {
    dir: outDir,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    sourcemap: false
  },
  // Loaded with import() on first use; they read WASM files that sit beside their own code.
  external: ['libpg-query', '@electric-sql/pglite', 'pg'],
  onwarn(warning, warn) {
    // @actions/* and octokit use `this` at module top level in their CJS shims; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
    warn(warning)
  },
  plugins: [
    typescript({ tsconfig: 'tsconfig.build.json', outDir, noEmitOnError: true }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }),
    commonjs(),
    json()
  ]
}
