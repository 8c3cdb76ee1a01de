import { describe, it, expect } from '@jest/globals'
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../../../src/core/errors.js'
import {
  buildProtoTree,
  buildProtoTreePair,
  diffProtoTrees,
  loadProtoTree,
  parseProto,
  type ProtoFile,
  type ProtoTree
} from '../../../src/contract/protobuf/index.js'
import { allMessages } from '../../../src/contract/protobuf/loader.js'
import { cardinalityOf, isEnumClosed } from '../../../src/contract/protobuf/semantics.js'

const pairs = resolve(import.meta.dirname, '../../fixtures/protobuf/pairs')

function tree(files: Record<string, string>): ProtoTree {
  return buildProtoTree(
    '/virtual',
    Object.entries(files).map(([path, text]) => ({ path, displayPath: path, text }))
  )
}

function message(t: ProtoTree, fullName: string) {
  for (const f of t.files) for (const m of allMessages(f)) if (m.fullName === fullName) return m
  throw new Error(`no message ${fullName}`)
}

function syntaxError(text: string): string {
  try {
    parseProto(text, 'api/broken.proto')
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected a syntax error')
}

describe('the .proto loader', () => {
  it('keeps the line and column of every element the rules point at', () => {
    const f: ProtoFile = parseProto(
      [
        'syntax = "proto3";',
        'package acme.v1;',
        '',
        '/* a block comment',
        '   over two lines */',
        'message User {',
        '  // the id',
        '  int64 id = 1 [json_name = "ident"];',
        '  map<string, int32> tags = 2;',
        '}',
        'enum Kind {',
        '  KIND_UNSPECIFIED = 0;',
        '}',
        'service Users {',
        '  rpc Get(User) returns (stream User) {',
        '    option idempotency_level = NO_SIDE_EFFECTS;',
        '  }',
        '}'
      ].join('\n'),
      'acme/v1/user.proto'
    )
    expect(f.packageSpan).toMatchObject({ line: 2, col: 1 })
    const user = f.messages[0]
    expect(user?.span).toMatchObject({ line: 6, col: 1, endLine: 10, endCol: 2 })
    const id = user?.fields[0]
    expect(id?.span).toMatchObject({ line: 8, col: 3 })
    expect(id?.typeSpan).toMatchObject({ line: 8, col: 3, endCol: 8 })
    expect(id?.nameSpan).toMatchObject({ line: 8, col: 9 })
    expect(id?.options[0]).toMatchObject({ name: 'json_name', span: { line: 8, col: 17 } })
    expect(f.enums[0]?.values[0]?.numberSpan).toMatchObject({ line: 12, col: 22 })
    const get = f.services[0]?.methods[0]
    expect(get).toMatchObject({ serverStreaming: true, clientStreaming: false })
    expect(get?.span).toMatchObject({ line: 15, col: 3, endLine: 17, endCol: 4 })
    expect(get?.outputSpan).toMatchObject({ line: 15, col: 33 })
    expect(get?.options[0]?.span).toMatchObject({ line: 16, col: 5 })
  })

  it('names file:line:col and what it expected in a syntax error', () => {
    expect(syntaxError('syntax = "proto3";\nmessage A {\n  int32 a = ;\n}\n')).toBe(
      'api/broken.proto:3:13: syntax error: expected a field number, found ";"'
    )
    expect(syntaxError('syntax = "proto3";\nmessage A {\n  string s = 1;\n')).toMatch(
      /^api\/broken\.proto:4:1: syntax error: expected .*found end of file$/
    )
    expect(syntaxError('syntax = "proto4";')).toMatch(
      /^api\/broken\.proto:1:10: unknown syntax "proto4"/
    )
    expect(syntaxError('message A { string s = 1 [default = "x]; }')).toMatch(
      /^api\/broken\.proto:1:37: unterminated string$/
    )
  })

  it('refuses a tree with a broken file instead of reporting no changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-proto-'))
    const file = join(dir, 'pkg', 'bad.proto')
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, 'syntax = "proto3";\nmessage Bad {\n  string = 1;\n}\n')
    expect(() => loadProtoTree(dir)).toThrow(
      'pkg/bad.proto:3:10: syntax error: expected a field name'
    )
  })

  it('models proto3 optional as a synthetic oneof, maps as entries, proto2 groups as messages', () => {
    const t = tree({
      'a.proto': [
        'syntax = "proto3";',
        'package a;',
        'message M {',
        '  optional string nick = 1;',
        '  map<string, M> children = 2;',
        '  oneof choice { string x = 3; int32 y = 4; }',
        '}'
      ].join('\n'),
      'b.proto': [
        'syntax = "proto2";',
        'package b;',
        'message G {',
        '  optional group Result = 1 { optional string url = 2; }',
        '  required int32 r = 3;',
        '}'
      ].join('\n')
    })
    const m = message(t, 'a.M')
    expect(m.oneofs.map((o) => [o.name, o.synthetic])).toEqual([
      ['choice', false],
      ['_nick', true]
    ])
    expect(m.messages.map((x) => [x.name, x.isMapEntry])).toEqual([['ChildrenEntry', true]])
    expect(m.fields.map((f) => cardinalityOf(f))).toEqual([
      'optional with explicit presence',
      'map',
      'optional with explicit presence',
      'optional with explicit presence'
    ])
    const g = message(t, 'b.G')
    expect(g.fields.map((f) => [f.name, f.kind, f.typeName])).toEqual([
      ['result', 'group', '.b.G.Result'],
      ['r', 'int32', '']
    ])
    expect(cardinalityOf(g.fields[1] as never)).toBe('required')
  })

  it('resolves type references with protoc scoping: innermost scope first, packages as scopes', () => {
    const t = tree({
      'common.proto': 'syntax = "proto3";\npackage foo;\nmessage Bar {}\nmessage Baz {}\n',
      'inner.proto': [
        'syntax = "proto3";',
        'package foo.bar.v1;',
        'import "common.proto";',
        'message Bar {}',
        'message Outer {',
        '  message Baz {}',
        '  Bar a = 1;',
        '  Baz b = 2;',
        '  foo.Bar c = 3;',
        '  .foo.Baz d = 4;',
        '  Outer.Baz e = 5;',
        '  google.protobuf.Timestamp f = 6;',
        '  google.protobuf.NullValue g = 7;',
        '}'
      ].join('\n')
    })
    const outer = message(t, 'foo.bar.v1.Outer')
    expect(outer.fields.map((f) => [f.name, f.kind, f.typeName])).toEqual([
      ['a', 'message', '.foo.bar.v1.Bar'],
      ['b', 'message', '.foo.bar.v1.Outer.Baz'],
      // No scope between Outer and the root declares `foo`, so it is the top-level package.
      ['c', 'message', '.foo.Bar'],
      ['d', 'message', '.foo.Baz'],
      ['e', 'message', '.foo.bar.v1.Outer.Baz'],
      ['f', 'message', '.google.protobuf.Timestamp'],
      ['g', 'enum', '.google.protobuf.NullValue']
    ])
  })

  it('resolves editions features: presence, delimited encoding, closed enums', () => {
    const t = tree({
      'ed.proto': [
        'edition = "2023";',
        'package ed;',
        'option features.field_presence = IMPLICIT;',
        'message M {',
        '  int32 a = 1;',
        '  int32 b = 2 [features.field_presence = EXPLICIT];',
        '  M c = 3 [features.message_encoding = DELIMITED];',
        '  int32 d = 4 [features.field_presence = LEGACY_REQUIRED];',
        '}',
        'enum Open { OPEN_A = 0; }',
        'enum Closed { option features.enum_type = CLOSED; CLOSED_A = 0; }'
      ].join('\n')
    })
    const m = message(t, 'ed.M')
    expect(m.fields.map((f) => [f.name, f.kind, cardinalityOf(f)])).toEqual([
      ['a', 'int32', 'optional with implicit presence'],
      ['b', 'int32', 'optional with explicit presence'],
      ['c', 'group', 'optional with explicit presence'],
      ['d', 'int32', 'required']
    ])
    const f = t.files[0] as ProtoFile
    expect(f.enums.map((e) => [e.name, isEnumClosed(e)])).toEqual([
      ['Open', false],
      ['Closed', true]
    ])
  })

  it('shares a file unchanged on both sides, unless it resolves differently on the head side', () => {
    const a = 'syntax = "proto3";\npackage p.q;\nmessage M {\n  Foo f = 1;\n}\n'
    const src = (files: Record<string, string>) =>
      Object.entries(files).map(([path, text]) => ({ path, displayPath: path, text }))
    const [base, head] = buildProtoTreePair(
      [
        '/base',
        src({ 'a.proto': a, 'b.proto': 'syntax = "proto3";\npackage p;\nmessage Foo {}\n' }),
        null
      ],
      [
        '/head',
        src({
          'a.proto': a,
          'b.proto': 'syntax = "proto3";\npackage p;\nmessage Foo {}\n',
          // Now `Foo` in a.proto means p.q.Foo: same text, another type.
          'c.proto': 'syntax = "proto3";\npackage p.q;\nmessage Foo {}\n'
        }),
        null
      ]
    )
    expect(head.files.find((f) => f.path === 'b.proto')).toBe(
      base.files.find((f) => f.path === 'b.proto')
    )
    expect(message(base, 'p.q.M').fields[0]?.typeName).toBe('.p.Foo')
    expect(message(head, 'p.q.M').fields[0]?.typeName).toBe('.p.q.Foo')
    expect(
      diffProtoTrees(base, head).map((c) => `${c.file}:${c.line} ${c.id} ${c.message}`)
    ).toEqual([
      'a.proto:4 FIELD_SAME_TYPE Field "1" with name "f" on message "M" changed type from "p.Foo" to "p.q.Foo".'
    ])
  })

  it('loads a buf.yaml v2 module layout: import paths are module-relative', () => {
    const t = loadProtoTree(join(pairs, 'v2-modules', 'head'))
    expect(t.files.map((f) => [f.path, f.displayPath])).toEqual([
      ['inv/v1/inv.proto', 'proto/inv/v1/inv.proto']
    ])
  })

  it('parses every 10th of the 8,000 files of google-proto-files, and all of its editions files', () => {
    const root = resolve(import.meta.dirname, '../../../node_modules/google-proto-files')
    const all = listProtos(root)
    expect(all.length).toBeGreaterThan(7000)
    // The bench parses all of them; every 10th keeps the suite fast on a shared machine.
    const files = all.filter(
      (path, i) => i % 10 === 0 || /^edition\s*=/m.test(readFileSync(join(root, path), 'utf8'))
    )
    const failures: string[] = []
    for (const path of files) {
      try {
        parseProto(readFileSync(join(root, path), 'utf8'), path)
      } catch (error) {
        failures.push((error as Error).message)
      }
    }
    expect(failures).toEqual([])
  })
})

function listProtos(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listProtos(dir, path))
    else if (path.endsWith('.proto')) out.push(path)
  }
  return out
}
