import { describe, it, expect } from '@jest/globals'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { EngineOptions } from '../../../src/core/engine.js'
import { InputError } from '../../../src/core/errors.js'
import { protobufEngine } from '../../../src/contract/protobuf/index.js'

const pairs = resolve(import.meta.dirname, '../../fixtures/protobuf/pairs')

/** A repository with the pair under `api/` on both sides, as contract-check materializes it. */
function repo(pair: string): { base: string; head: string; options: EngineOptions } {
  const root = mkdtempSync(join(tmpdir(), 'rg-proto-engine-'))
  cpSync(join(pairs, pair, 'base'), join(root, 'base', 'api'), { recursive: true })
  cpSync(join(pairs, pair, 'head'), join(root, 'head', 'api'), { recursive: true })
  return {
    base: join(root, 'base', 'api'),
    head: join(root, 'head', 'api'),
    options: {
      baseRoot: join(root, 'base'),
      headRoot: join(root, 'head'),
      now: new Date('2026-01-01')
    }
  }
}

describe('protobufEngine', () => {
  it('reports buf ids, messages and repository-relative locations (base side for a deleted file)', async () => {
    const { base, head, options } = repo('file-rules')
    const changes = await protobufEngine.diff(base, head, options)
    const typeChange = changes.find(
      (c) => c.id === 'FIELD_SAME_TYPE' && c.symbol === 'acme.shop.v1.Order.id'
    )
    expect(typeChange).toMatchObject({
      kind: 'protobuf',
      level: 'breaking',
      message: 'Field "1" with name "id" on message "Order" changed type from "string" to "int64".',
      file: 'api/acme/shop/v1/shop.proto',
      line: 23,
      baseFile: 'api/acme/shop/v1/shop.proto',
      baseLine: 23,
      ignored: false
    })
    expect(typeChange?.fingerprint).toMatch(/^[0-9a-f]{12}$/)
    expect(changes.find((c) => c.id === 'FILE_NO_DELETE')).toMatchObject({
      file: 'api/acme/shop/v1/deleted.proto',
      message: 'Previously present file "acme/shop/v1/deleted.proto" was deleted.'
    })
    expect(changes.find((c) => c.id === 'RPC_NO_DELETE')).toMatchObject({
      operation: 'acme.shop.v1.OrderService/Delete',
      symbol: 'acme.shop.v1.OrderService.Delete'
    })
  })

  it('keeps fingerprints when lines move', async () => {
    const { base, head, options } = repo('file-rules')
    const before = await protobufEngine.diff(base, head, options)
    const file = join(head, 'acme/shop/v1/shop.proto')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('message Order {', '\n\n\nmessage Order {')
    )
    const after = await protobufEngine.diff(base, head, options)
    expect(after.map((c) => c.fingerprint).sort()).toEqual(before.map((c) => c.fingerprint).sort())
    const moved = after.find(
      (c) => c.id === 'FIELD_SAME_TYPE' && c.symbol === 'acme.shop.v1.Order.id'
    )
    expect(moved?.line).toBe(26)
  })

  it('marks what buf.yaml ignores, with the reason', async () => {
    const { base, head, options } = repo('config-ignore')
    const changes = await protobufEngine.diff(base, head, options)
    const ignored = changes.filter((c) => c.ignored)
    expect(ignored.map((c) => `${c.file} ${c.id} ${c.ignoreReason}`).sort()).toEqual([
      'api/beta/beta.proto FIELD_SAME_TYPE buf.yaml breaking.ignore_unstable_packages: cfg.beta.v1beta1',
      'api/ignored/a.proto FIELD_NO_DELETE buf.yaml breaking.ignore: ignored',
      'api/ignored/a.proto FIELD_SAME_NAME buf.yaml breaking.ignore: ignored',
      'api/ignored/a.proto FIELD_SAME_TYPE buf.yaml breaking.ignore: ignored',
      'api/ignored/gone.proto FILE_NO_DELETE buf.yaml breaking.ignore: ignored',
      'api/partial/cat.proto FIELD_SAME_NAME buf.yaml breaking.ignore_only.FIELD_SAME_NAME: partial/cat.proto',
      'api/partial/only.proto FIELD_NO_DELETE buf.yaml breaking.ignore_only.FIELD_NO_DELETE: partial/only.proto'
    ])
    // FIELD_SAME_JSON_NAME is in `except`: not reported at all.
    expect(changes.some((c) => c.id === 'FIELD_SAME_JSON_NAME')).toBe(false)
  })

  it('fails with the file and line of a syntax error on either side', async () => {
    const { base, head, options } = repo('wire')
    writeFileSync(join(base, 'types.proto'), 'syntax = "proto3";\nmessage {\n')
    await expect(protobufEngine.diff(base, head, options)).rejects.toThrow(InputError)
    await expect(protobufEngine.diff(base, head, options)).rejects.toThrow(
      /types\.proto:2:9: syntax error: expected a message name, found "\{"/
    )
  })

  it('finds nothing between a tree and itself', async () => {
    const { head, options } = repo('file-rules')
    expect(
      await protobufEngine.diff(head, head, { ...options, baseRoot: options.headRoot })
    ).toEqual([])
  })

  it('compares each module of a workspace under its own breaking section', async () => {
    const { base, head, options } = repo('v2-workspace')
    const ids = (await protobufEngine.diff(base, head, options))
      .filter((c) => !c.ignored)
      .map((c) => `${c.file} ${c.id}`)
    // apis: WIRE (plus internal's FILE-without-FIELD_SAME_NAME, since internal imports it).
    expect(ids).toContain('api/apis/acme/api/v1/api.proto FIELD_WIRE_COMPATIBLE_TYPE')
    expect(ids).not.toContain('api/apis/acme/api/v1/api.proto FIELD_SAME_NAME')
    // internal: FILE except FIELD_SAME_NAME, its tmp.proto ignored.
    expect(ids).toContain('api/internal/acme/internal/v1/svc.proto FIELD_SAME_TYPE')
    expect(ids).not.toContain('api/internal/acme/internal/v1/svc.proto FIELD_SAME_NAME')
    expect(ids.filter((k) => k.includes('tmp.proto'))).toEqual([])
    // shared: no breaking section of its own, so the top-level PACKAGE.
    expect(ids).toContain('api/shared/acme/shared/v1/common.proto PACKAGE_MESSAGE_NO_DELETE')
    expect(ids).toContain('api/shared/acme/shared/v1/common.proto FIELD_SAME_NAME')
  })

  it('reads a buf.work.yaml: each directory with its own buf.yaml', async () => {
    const { base, head, options } = repo('work-yaml')
    const ids = (await protobufEngine.diff(base, head, options))
      .filter((c) => !c.ignored)
      .map((c) => `${c.file} ${c.id}`)
    expect(ids).toContain('api/proto/shop/v1/shop.proto FIELD_WIRE_JSON_COMPATIBLE_TYPE')
    expect(ids).toContain('api/vendor/ext/ext.proto MESSAGE_NO_DELETE')
    // proto/buf.yaml ignores `legacy`, relative to its own directory.
    expect(ids.filter((k) => k.includes('legacy'))).toEqual([])
  })

  it('refuses files that do not compile, and warns about buf.lock deps it does not fetch', async () => {
    const { base, head, options } = repo('file-rules')
    const file = join(head, 'acme/shop/v1/shop.proto')
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace(/^(message \w+ \{)/m, '$1\n  NoSuchType broken = 999;'))
    await expect(protobufEngine.diff(base, head, options)).rejects.toThrow(
      /acme\/shop\/v1\/shop\.proto:\d+:\d+: cannot find `NoSuchType` in this scope/
    )
    writeFileSync(join(head, 'buf.yaml'), 'version: v2\ndeps:\n  - buf.build/acme/types\n')
    const logs: string[] = []
    await protobufEngine.diff(base, head, { ...options, log: (m) => logs.push(m) })
    expect(logs.some((l) => /warning: .*deps/.test(l))).toBe(true)
  })
})
