import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Change } from '../../../src/core/change.js'
import { createRealGoEngine } from '../../../src/platform/go/engine.js'
import { fixturesDir, goToolchain } from './go-tools.js'

const toolchain = await goToolchain('1.24')
const goIt = toolchain ? it : it.skip
const modules = path.join(fixturesDir, 'modules')
const now = new Date('2026-01-01T00:00:00Z')

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-go-real-'))
})
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

const summary = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} ${c.message}`).sort()
async function diff(name: string, log: string[] = []): Promise<Change[]> {
  // CGO_ENABLED=0 as on a runner without a C compiler: cgo files must be read all the same.
  const engine = createRealGoEngine({
    go: toolchain!.go,
    cacheDir: path.join(tmp, 'cache'),
    env: { ...process.env, CGO_ENABLED: '0' }
  })
  return engine.diff(`${name}/base`, `${name}/head`, {
    baseRoot: modules,
    headRoot: modules,
    now,
    log: (m) => log.push(m)
  })
}

describe('Go API of real-world code on Go 1.24', () => {
  goIt(
    'reads packages that import "C" and says which package it could not read instead of "removed"',
    async () => {
      expect(summary(await diff('cgo'))).toEqual([
        'breaking type-changed F: changed from func(int) int to func(int, int) int',
        'warning package-unreadable package example.com/cgo/sys: could not be read in the head, so its API was not compared: its Go files (sys_windows.go) are excluded by build constraints on linux/amd64'
      ])
    }
  )

  goIt(
    'compares generated gRPC code whose grpc dependency is not downloaded, naming the unknown types',
    async () => {
      const log: string[] = []
      const changes = await diff('grpcgen', log)
      expect(summary(changes)).toEqual([
        'breaking type-changed RegisterGreeterServer: changed from func(google.golang.org/grpc.ServiceRegistrar, GreeterServer) to func(google.golang.org/grpc.ServiceRegistrar, GreeterServer, string)'
      ])
      expect(log).toContain(
        'grpcgen/head: import "google.golang.org/grpc" could not be resolved; its types are kept by name only'
      )
    }
  )

  goIt(
    'reports API types that moved to another package under the same name (as apidiff does today)',
    async () => {
      expect(summary(await diff('moved'))).toEqual([
        'breaking type-changed Put: changed from func(*go.etcd.io/etcd/etcdserver/etcdserverpb.PutRequest) (*go.etcd.io/etcd/etcdserver/etcdserverpb.PutResponse, error) to func(*go.etcd.io/etcd/api/v3/etcdserverpb.PutRequest) (*go.etcd.io/etcd/api/v3/etcdserverpb.PutResponse, error)',
        'breaking type-changed Watcher.Watch: changed from func(*go.etcd.io/etcd/etcdserver/etcdserverpb.WatchRequest) error to func(*go.etcd.io/etcd/api/v3/etcdserverpb.WatchRequest) error'
      ])
    }
  )

  goIt(
    'reports a package that moved to another path once, with its API compared across the move',
    async () => {
      expect(summary(await diff('pathmove'))).toEqual([
        'breaking package-moved package example.com/etcd/clientv3: moved to example.com/etcd/client/v3 (importers must change their import paths)',
        'breaking type-changed example.com/etcd/client/v3: New: changed from func(Config) (*Client, error) to func(Config, ...Option) (*Client, error)',
        'info object-added example.com/etcd/client/v3: Option: added'
      ])
    }
  )
})
