import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Change } from '../../../src/core/change.js'
import { InputError } from '../../../src/core/errors.js'
import { createRealGoEngine } from '../../../src/platform/go/engine.js'
import type { GoToolchain } from '../../../src/platform/go/toolchain.js'
import { fixturesDir, goToolchain } from './go-tools.js'

const go124 = await goToolchain('1.24')
const go122 = await goToolchain('1.22')
const modules = path.join(fixturesDir, 'modules')
const now = new Date('2026-01-01T00:00:00Z')

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-go-toolchains-'))
})
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

const engineOn = (toolchain: GoToolchain) =>
  createRealGoEngine({ go: toolchain.go, cacheDir: path.join(tmp, 'cache') })
const summary = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} ${c.message}`).sort()
const diffOn = (toolchain: GoToolchain, base: string, head: string) =>
  engineOn(toolchain).diff(base, head, { baseRoot: modules, headRoot: modules, now })

describe('Go toolchains', () => {
  ;(go124 ? it : it.skip)(
    'Go 1.24 diffs generic aliases and iterator signatures of a go.mod with a toolchain line',
    async () => {
      const changes = await diffOn(go124!, 'aliases/base', 'aliases/head')
      expect(summary(changes)).toEqual(
        [
          'breaking type-changed (*List).All: changed from func() iter.Seq[int] to func() iter.Seq2[int, int]',
          // Nested aliases print by name, as go/types prints them: Keys takes a map[K]bool now.
          'breaking type-changed Keys: changed from func(Set[K]) []K to func(Set[K]) []K',
          'breaking type-changed Lookup: changed from func(string) Named[int] to func(string) Named[int64]',
          'breaking type-changed Set: changed from map[K]struct{} to map[K]bool'
        ].sort()
      )
    }
  )

  ;(go122 ? it : it.skip)(
    'Go 1.22 on a module that needs Go 1.24 says which Go to set up instead of listing type errors',
    async () => {
      const error = await diffOn(go122!, 'aliases/base', 'aliases/head').catch(
        (e: unknown) => e as Error
      )
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toMatch(
        /^aliases\/(base|head): the Go API could not be read: this module needs go >= 1\.24; found go1\.22\.\d+ \(set up Go 1\.24, e\.g\. actions\/setup-go with go-version-file: go\.mod\)$/
      )
    }
  )

  ;(go122 && go124 ? it : it.skip)(
    'Go 1.22 and Go 1.24 report the same changes on the same module',
    async () => {
      const [old, current] = await Promise.all([
        diffOn(go122!, 'shop/base', 'shop/head'),
        diffOn(go124!, 'shop/base', 'shop/head')
      ])
      expect(summary(old)).toEqual(summary(current))
      expect(current.filter((c) => c.level === 'breaking').length).toBeGreaterThan(4)
    },
    300_000
  )
})
