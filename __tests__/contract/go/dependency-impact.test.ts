import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../../../src/cli/program.js'
import type { Change } from '../../../src/core/change.js'
import { runContractDiff } from '../../../src/wiring/contract.js'
import { runContractCheck } from '../../../src/wiring/contract.js'
import { renderReport } from '../../../src/contract/report/render.js'
import { gitBaseline } from '../../../src/platform/git/baseline.js'
import { run } from '../../../src/platform/go/toolchain.js'
import type { ContractReport } from '../../../src/contract/report/model.js'
import { createRealGoModEngine } from '../../../src/platform/go/engine.js'
import { createDependencyImpactPort } from '../../../src/platform/go/dependencies.js'
import { goToolchain } from './go-tools.js'
import { offlineGoEnv, publishModule } from './goproxy.js'

const toolchain = await goToolchain('1.24')
const goIt = toolchain ? it : it.skip
const now = new Date('2026-01-01T00:00:00Z')

const libV1 = `package lib

// Dial connects.
func Dial(addr string) (*Client, error) { return &Client{Addr: addr}, nil }

type Client struct{ Addr string }

func (c *Client) Query(q string) error { return nil }

func (c *Client) Close() error { return nil }
`
// Dial is gone and Query takes a limit: both are called by the consumer; Close is unchanged.
const libV2 = `package lib

func Connect(addr string) (*Client, error) { return &Client{Addr: addr}, nil }

type Client struct{ Addr string }

func (c *Client) Query(q string, limit int) error { return nil }

func (c *Client) Close() error { return nil }
`
const consumerMain = `package main

import (
	"fmt"

	"example.com/lib"
	"example.com/store/v2"
	"example.com/util"
)

func main() {
	c, err := lib.Dial("db:5432")
	if err != nil {
		panic(err)
	}
	defer c.Close()
	_ = c.Query("select 1")
	var conn store.Conn
	fmt.Println(util.Used(), conn)
}
`

let tmp = ''
let env: NodeJS.ProcessEnv = {}
let changes: Change[] = []
let exitCode = -1
const log: string[] = []

async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), text)
  }
}

beforeAll(async () => {
  if (!toolchain) return
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-depimpact-'))
  const proxy = path.join(tmp, 'proxy')
  env = offlineGoEnv(proxy, path.join(tmp, 'modcache'))
  await publishModule(proxy, 'example.com/lib', 'v1.4.0', { 'lib.go': libV1 })
  await publishModule(proxy, 'example.com/lib', 'v1.5.0', {
    'lib.go': libV2,
    'CHANGELOG.md':
      '# Changelog\n\n## v1.5.0\n\n- Dial is now Connect.\n- Queries time out after 30 s.\n\n## v1.4.0\n\n- Pooling.\n'
  })
  // util drops a function nobody here calls.
  await publishModule(proxy, 'example.com/util', 'v1.0.0', {
    'util.go': 'package util\n\nfunc Used() int { return 1 }\n\nfunc Unused() {}\n'
  })
  await publishModule(proxy, 'example.com/util', 'v1.1.0', {
    'util.go': 'package util\n\nfunc Used() int { return 1 }\n'
  })
  // util's authors retract v1.1.0 in v1.1.1.
  await publishModule(proxy, 'example.com/util', 'v1.1.1', {
    'go.mod': 'module example.com/util\n\ngo 1.21\n\nretract v1.1.0 // Used returns 2 on arm64\n',
    'util.go': 'package util\n\nfunc Used() int { return 1 }\n'
  })
  // store's Conn moved to a subpackage in v3.
  await publishModule(proxy, 'example.com/store/v2', 'v2.3.0', {
    'go.mod': 'module example.com/store/v2\n\ngo 1.21\n',
    'store.go': 'package store\n\ntype Conn struct{ ID int }\n'
  })
  await publishModule(proxy, 'example.com/store/v3', 'v3.0.0', {
    'go.mod': 'module example.com/store/v3\n\ngo 1.21\n',
    'store.go': 'package store\n\nconst Version = 3\n',
    'conn/conn.go': 'package conn\n\ntype Conn struct{ ID int }\n'
  })
  // metrics v0.9.0 is required by the head but was never published.
  await publishModule(proxy, 'example.com/metrics', 'v0.8.0', {
    'metrics.go': 'package metrics\n\nfunc Count() {}\n'
  })
  await write(path.join(tmp, 'old'), {
    'go.mod': `module example.com/app

go 1.22

require (
	example.com/lib v1.4.0
	example.com/metrics v0.8.0
	example.com/store/v2 v2.3.0
	example.com/util v1.0.0
)
`,
    'main.go': consumerMain
  })
  await write(path.join(tmp, 'new'), {
    'go.mod': `module example.com/app

go 1.22

require (
	example.com/lib v1.5.0
	example.com/metrics v0.9.0
	example.com/store/v3 v3.0.0
	example.com/util v1.1.0
)
`
  })
  const result = await runContractDiff({
    kind: 'gomod',
    basePath: 'old/go.mod',
    headPath: 'new/go.mod',
    format: 'json',
    cwd: tmp,
    now,
    log: (m) => log.push(m),
    settings: { dependencyImpact: 'direct' },
    engines: {
      gomod: createRealGoModEngine({
        go: toolchain.go,
        cacheDir: path.join(tmp, 'xdg', 'rollback-guard'),
        env
      })
    }
  })
  changes = (JSON.parse(result.output) as ContractReport).changes
  exitCode = result.exitCode
}, 180_000)

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

const of = (id: string) => changes.filter((c) => c.id === id)

describe('dependency impact of a go.mod upgrade (file GOPROXY, offline)', () => {
  goIt('a removed function that is called is breaking at the call site', () => {
    expect(exitCode).toBe(1)
    const dial = of('dependency-api-break').find((c) => c.symbol === 'Dial')
    expect(dial).toMatchObject({
      kind: 'gomod',
      level: 'breaking',
      file: 'old/main.go',
      line: 12
    })
    expect(dial?.message).toContain('example.com/lib v1.4.0 → v1.5.0')
    expect(dial?.message).toContain('Dial: removed')
  })

  goIt('a changed signature of a called method is breaking where it is called', () => {
    const query = of('dependency-api-break').find((c) => c.symbol === '(*Client).Query')
    expect(query).toMatchObject({ level: 'breaking', file: 'old/main.go', line: 17 })
    expect(query?.message).toContain('changed from func(string) error to func(string, int) error')
    // Close did not change: no finding for its call.
    expect(of('dependency-api-break').filter((c) => c.line === 16)).toEqual([])
  })

  goIt('a type that moved across a major version is followed to the new path', () => {
    const conn = of('dependency-api-break').find((c) => c.symbol === 'Conn')
    expect(conn).toMatchObject({ level: 'warning', file: 'old/main.go', line: 18 })
    expect(conn?.message).toContain('example.com/store/v2 v2.3.0 → example.com/store/v3 v3.0.0')
  })

  goIt('incompatible changes to unused objects are one info line per dependency', () => {
    const util = of('dependency-api-changes-unused').filter((c) =>
      c.message.startsWith('example.com/util')
    )
    expect(util).toHaveLength(1)
    expect(util[0]).toMatchObject({ level: 'info', file: 'new/go.mod' })
    expect(util[0]?.message).toContain('1 incompatible change, none used here')
    expect(of('dependency-api-break').some((c) => c.message.includes('example.com/util'))).toBe(
      false
    )
  })

  goIt('a version that cannot be downloaded is a warning naming it, never a silent pass', () => {
    const missing = of('dependency-unavailable')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ level: 'warning', file: 'new/go.mod', line: 7 })
    expect(missing[0]?.message).toContain(
      'example.com/metrics v0.8.0 → v0.9.0: v0.9.0 could not be read'
    )
  })

  goIt('shows what the release notes the module ships say between the two versions', () => {
    const notes = of('dependency-release-notes')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ level: 'info', file: 'new/go.mod', line: 6 })
    expect(notes[0]?.message).toBe(
      'example.com/lib v1.4.0 → v1.5.0: CHANGELOG.md says: - Dial is now Connect. - Queries time out after 30 s.'
    )
  })

  goIt('flags a target version its authors retracted, with their rationale', () => {
    const retracted = of('dependency-version-retracted')
    expect(retracted).toHaveLength(1)
    expect(retracted[0]).toMatchObject({ level: 'warning', file: 'new/go.mod', line: 9 })
    expect(retracted[0]?.message).toContain(
      'v1.1.0 is retracted by its authors (Used returns 2 on arm64)'
    )
  })

  goIt(
    'keeps one API dump per module@version, so the next run does not dump it again',
    async () => {
      // lib, util and store twice each, metrics once (its head version does not exist).
      expect(
        await readdir(path.join(tmp, 'xdg', 'rollback-guard', 'dependency-apis'))
      ).toHaveLength(7)
    }
  )

  goIt('without Go, the go.mod findings stand and the unknown impact is a warning', async () => {
    // The default (no dependencyImpact setting), as the CLI and the action run it.
    const result = await runContractDiff({
      kind: 'gomod',
      basePath: 'old/go.mod',
      headPath: 'new/go.mod',
      format: 'json',
      cwd: tmp,
      now,
      engines: {
        gomod: createRealGoModEngine({ go: path.join(tmp, 'no-go-here'), env })
      }
    })
    const found = (JSON.parse(result.output) as ContractReport).changes
    expect(result.exitCode).toBe(0)
    expect(found.map((c) => c.id)).toContain('gomod-dependency-major-bumped')
    const missing = found.filter((c) => c.id === 'dependency-unavailable')
    expect(missing).toHaveLength(1)
    expect(missing[0]?.message).toMatch(
      /^the API of 4 upgraded dependencies were not compared, so what the upgrade breaks is unknown: no usable Go toolchain \('.*no-go-here' was not found on PATH\); install Go 1\.21 or newer \(e\.g\. actions\/setup-go\), or turn the check off with `dependency-impact: off`/
    )
  })

  /** Runs the CLI in this process with `extra` in its environment (and Go on PATH). */
  async function cli(args: string[], extra: NodeJS.ProcessEnv) {
    const saved = { ...process.env }
    Object.assign(process.env, extra, {
      XDG_CACHE_HOME: path.join(tmp, 'xdg'),
      PATH: `${path.dirname(toolchain!.go)}:${process.env.PATH}`
    })
    const out: string[] = []
    const err: string[] = []
    try {
      const code = await runCli(args, {
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void err.push(t),
        env: process.env,
        cwd: tmp,
        now: () => now
      })
      return { code, stdout: out.join(''), stderr: err.join('') }
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  }
  const doneWhen = [
    'contract',
    'diff',
    '--kind',
    'gomod',
    '--base',
    'old/go.mod',
    '--head',
    'new/go.mod'
  ]

  // First: the CLI's engine keeps the API dumps of earlier runs in this process in memory.
  goIt(
    'offline (GOPROXY=off, nothing cached), the default is a warning per upgrade, never a silent pass',
    async () => {
      const offline = {
        ...env,
        GOPROXY: 'off',
        GOMODCACHE: await mkdtemp(path.join(tmp, 'empty-modcache-'))
      }
      const run = await cli([...doneWhen, '--format', 'json'], offline)
      // fail-on breaking (the default): what is unknown is said, and does not fail the run.
      expect(run.code).toBe(0)
      const report = JSON.parse(run.stdout) as ContractReport
      expect(report.summary.breaking).toBe(0)
      const unavailable = report.changes.filter((c) => c.id === 'dependency-unavailable')
      expect(unavailable.map((c) => c.message.split(':')[0])).toEqual([
        'example.com/lib v1.4.0 → v1.5.0',
        'example.com/metrics v0.8.0 → v0.9.0',
        'example.com/store/v2 v2.3.0 → example.com/store/v3 v3.0.0',
        'example.com/util v1.0.0 → v1.1.0'
      ])
      for (const c of unavailable) {
        expect(c).toMatchObject({ level: 'warning', file: 'new/go.mod' })
        expect(c.message).toContain('GOPROXY=off')
        expect(c.message).toContain('turn the check off with `dependency-impact: off`')
      }
      // A policy that fails on warnings fails on them.
      expect((await cli([...doneWhen, '--fail-on', 'warning'], offline)).code).toBe(1)
    },
    120_000
  )

  goIt(
    "is on by default: the issue's command, without the flag, exits 1 naming Dial at main.go",
    async () => {
      const run = await cli([...doneWhen, '--format', 'json'], env)
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout) as ContractReport
      expect(
        report.changes
          .filter((c) => c.id === 'dependency-api-break')
          .map((c) => `${c.level} ${c.file}:${c.line} ${c.symbol}`)
      ).toEqual(
        expect.arrayContaining([
          'breaking old/main.go:12 Dial',
          'breaking old/main.go:17 (*Client).Query'
        ])
      )
      // The same run in the text a person reads.
      const text = await cli(doneWhen, env)
      expect(text.code).toBe(1)
      expect(text.stdout).toMatch(
        /dependency-api-break\s+old\/main\.go:12\s+example\.com\/lib v1\.4\.0 → v1\.5\.0: Dial: removed/
      )
    },
    120_000
  )

  goIt(
    'is turned off with --dependency-impact off: the go.mod lines only, exit 0',
    async () => {
      const run = await cli([...doneWhen, '--format', 'json', '--dependency-impact', 'off'], env)
      expect(run.code).toBe(0)
      const plain = JSON.parse(run.stdout) as ContractReport
      expect(plain.changes.filter((c) => c.id.startsWith('dependency-'))).toEqual([])
      expect(plain.changes.map((c) => c.id)).toContain('gomod-dependency-upgraded')
    },
    120_000
  )

  goIt(
    'runs in contract check on a dependency bump, with the base code read from git',
    async () => {
      const repo = path.join(tmp, 'repo')
      const git = async (...args: string[]) => {
        const r = await run('git', args, {
          cwd: repo,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'Test',
            GIT_AUTHOR_EMAIL: 'test@example.com',
            GIT_COMMITTER_NAME: 'Test',
            GIT_COMMITTER_EMAIL: 'test@example.com'
          }
        })
        if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
      }
      const goMod = (version: string) =>
        `module example.com/svc\n\ngo 1.22\n\nrequire example.com/lib ${version}\n`
      await write(repo, {
        // No dependency-impact setting: direct is the default.
        '.rollback-guard.yml': 'contracts:\n  - kind: gomod\n    path: go.mod\n',
        'go.mod': goMod('v1.4.0'),
        'cmd/svc/main.go':
          'package main\n\nimport "example.com/lib"\n\nfunc main() {\n\t_, _ = lib.Dial("db")\n}\n'
      })
      await git('init', '-q', '-b', 'main')
      await git('add', '-A')
      await git('commit', '-q', '-m', 'svc 1.0.0')
      await git('tag', 'v1.0.0')
      // The bump alone, as a dependency bot opens it; the call site is unchanged.
      await git('checkout', '-q', '-b', 'bump-lib')
      await writeFile(path.join(repo, 'go.mod'), goMod('v1.5.0'))
      await git('commit', '-q', '-am', 'bump lib')
      const result = await runContractCheck({
        cwd: repo,
        format: 'json',
        ports: { git: gitBaseline({ cwd: repo }), log: () => undefined },
        now,
        engines: {
          gomod: createRealGoModEngine({
            go: toolchain!.go,
            cacheDir: path.join(tmp, 'xdg', 'rollback-guard'),
            env
          })
        }
      })
      expect(result.exitCode).toBe(1)
      const breaks = result.report.changes.filter((c) => c.id === 'dependency-api-break')
      expect(breaks.map((c) => `${c.file}:${c.line} ${c.symbol}`)).toEqual([
        'cmd/svc/main.go:6 Dial'
      ])
      // The PR comment: grouped under the upgrade, the call site linked at the base commit.
      const comment = renderReport(result.report, 'markdown', { repository: 'acme/svc' })
      const base = result.report.base.sha
      expect(comment).toContain('- **example\\.com/lib v1\\.4\\.0 → v1\\.5\\.0** (1)')
      expect(comment).toContain(
        `  - \`Dial\` Dial\\: removed; used here as Dial ([cmd/svc/main\\.go\\:6](https://github.com/acme/svc/blob/${base}/cmd/svc/main.go#L6))`
      )
    }
  )
})

describe('the uses apidump lists (go/types Uses, bodies included)', () => {
  goIt(
    'names methods, promoted methods, fields, interface methods and generics as apidiff does',
    async () => {
      const dir = path.join(tmp, 'uses')
      await write(dir, {
        'gen/go.mod': 'module example.com/gen\n\ngo 1.22\n',
        'gen/gen.go': `package gen

type Base struct{}

func (Base) Ping() {}

type Client struct {
	Base
	Addr string
}

func (c *Client) Do() {}

type Reader interface{ Read() int }

func Map[T any](xs []T, f func(T) T) []T { return xs }

type Box[T any] struct{ V T }

func (b Box[T]) Get() T { return b.V }
`,
        'app/go.mod':
          'module example.com/app\n\ngo 1.22\n\nrequire example.com/gen v1.0.0\n\nreplace example.com/gen => ../gen\n',
        'app/internal/run/run.go': `package run

import "example.com/gen"

func Run(r gen.Reader) {
	c := &gen.Client{}
	c.Ping()
	c.Do()
	_ = c.Addr
	_ = r.Read()
	_ = gen.Map([]int{1}, func(i int) int { return i })
	b := gen.Box[int]{V: 1}
	_ = b.Get()
}
`
      })
      const port = createDependencyImpactPort({
        go: toolchain!.go,
        cacheDir: path.join(tmp, 'xdg', 'rollback-guard'),
        env
      })
      const found = await port.uses(path.join(dir, 'app'))
      expect(found.uses.map((u) => `${u.file}:${u.line} ${u.pkg}.${u.symbol}`)).toEqual([
        'internal/run/run.go:5 example.com/gen.Reader',
        'internal/run/run.go:6 example.com/gen.Client',
        'internal/run/run.go:7 example.com/gen.Base.Ping',
        'internal/run/run.go:8 example.com/gen.Client.Do',
        'internal/run/run.go:9 example.com/gen.Client.Addr',
        'internal/run/run.go:10 example.com/gen.Reader.Read',
        'internal/run/run.go:11 example.com/gen.Map',
        'internal/run/run.go:12 example.com/gen.Box',
        'internal/run/run.go:13 example.com/gen.Box.Get'
      ])
      expect(found.errors).toEqual([])
    }
  )
})
