import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import {
  buildProtoTreePair,
  diffProtoTrees,
  loadProtoTree,
  loadProtoTreePair,
  protobufRules,
  type ProtoSource
} from '../../../src/contract/protobuf/index.js'
import { categoriesOf, rulesOf } from '../../../src/contract/protobuf/rules.js'
import { bufBreaking, bufBuildErrors } from './support/buf.js'
import {
  agreement,
  fileLineRule,
  fileRule,
  keysOfBuf,
  keysOfOurs,
  type Key
} from './support/compare.js'
import { mutateTree, type AppliedMutation } from './support/mutate.js'

const pairsDir = resolve(import.meta.dirname, '../../fixtures/protobuf/pairs')
const corpusRoot = resolve(import.meta.dirname, '../../../node_modules/google-proto-files')

/**
 * Where we knowingly differ from buf (buf 1.74), each with the reason. Keys are
 * `<pair>: <buf|ours> <file>:<line> <rule>`.
 */
const knownDisagreements = new Map<string, string>([
  [
    // buf's MESSAGE_SAME_REQUIRED_FIELDS looks at the descriptor label only, so an editions field
    // with `features.field_presence = LEGACY_REQUIRED` that loses it is not reported, although
    // old readers reject messages without it exactly as with proto2 `required`. buf's own
    // FIELD_SAME_CARDINALITY does call it "required". We report it.
    'editions: ours ed.proto:9 MESSAGE_SAME_REQUIRED_FIELDS',
    'buf ignores LEGACY_REQUIRED for MESSAGE_SAME_REQUIRED_FIELDS'
  ],
  [
    // The other way round: a proto2 `required` field that becomes editions
    // `features.field_presence = LEGACY_REQUIRED` is still required on the wire and in every
    // generated reader, but buf (label only) reports the required field as deleted. We do not.
    'editions-features: buf legacy2.proto:13 MESSAGE_SAME_REQUIRED_FIELDS',
    'buf ignores LEGACY_REQUIRED for MESSAGE_SAME_REQUIRED_FIELDS'
  ]
])

/**
 * Rules no pair triggers, and why: buf cannot compile the input that would trigger them, or it
 * runs their replacements instead.
 */
const uncoverable = new Map<string, string>([
  // buf rejects message_set_wire_format ("a legacy proto1 feature that is no longer supported").
  ['MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT', 'buf refuses MessageSet messages'],
  // php_generic_services is gone from descriptor.proto; protoc and buf reject the option.
  ['FILE_SAME_PHP_GENERIC_SERVICES', 'the option no longer exists'],
  // Deprecated ids run as their replacements (covered by the deprecated-rules pair).
  ['FIELD_SAME_LABEL', 'runs as FIELD_SAME_CARDINALITY and the wire cardinality rules'],
  ['FIELD_SAME_CTYPE', 'runs as FIELD_SAME_CPP_STRING_TYPE'],
  ['FILE_SAME_JAVA_STRING_CHECK_UTF8', 'runs as FIELD_SAME_JAVA_UTF8_VALIDATION']
])

function report(title: string, onlyBuf: string[], onlyOurs: string[]): void {
  if (onlyBuf.length === 0 && onlyOurs.length === 0) return
  const lines = [
    `${title}: ${onlyBuf.length + onlyOurs.length} disagreement(s)`,
    ...onlyBuf.map((k) => `  only buf:  ${k}`),
    ...onlyOurs.map((k) => `  only ours: ${k}`)
  ]
  console.log(lines.join('\n'))
}

/** Files buf refuses to build, one case a directory: what each breaks is in its name. */
const compileCases: Record<string, Record<string, string>> = {
  'unresolved field, method and extendee types': {
    'a.proto':
      'syntax = "proto3";\npackage x;\nmessage A {\n  Foo f = 1;\n  x.Nope g = 2;\n  A ok = 3;\n}\n' +
      'service S {\n  rpc M(Bar) returns (A);\n  rpc N(A) returns (.y.Baz);\n}\n',
    'b.proto':
      'syntax = "proto2";\npackage x;\nmessage B { extensions 10 to 20; }\nextend Missing { optional int32 e = 10; }\n'
  },
  'names declared twice, across files and in one message': {
    'a.proto': 'syntax = "proto3";\npackage x;\nmessage A {}\nenum E { E0 = 0; }\n',
    'b.proto':
      'syntax = "proto3";\npackage x;\nmessage A {}\nenum F { E0 = 0; }\nmessage B {\n  int32 c = 1;\n  string c = 2;\n  message C {}\n  enum C { C0 = 0; }\n}\n'
  },
  'bad, reused and reserved field numbers': {
    'a.proto':
      'syntax = "proto3";\npackage x;\nmessage A {\n  reserved 5, 10 to 12;\n  reserved "zz";\n' +
      '  int32 a = 0;\n  int32 b = 5;\n  int32 c = 19001;\n  int32 d = 536870912;\n  int32 e = 7;\n' +
      '  int32 f = 7;\n  int32 zz = 11;\n}\n'
  },
  'enum values: open enum not starting at zero, a number used twice': {
    'a.proto':
      'syntax = "proto3";\npackage x;\nenum E {\n  E1 = 1;\n  E2 = 2;\n  E3 = 2;\n}\n' +
      'enum F {\n  option allow_alias = true;\n  F0 = 0;\n  F1 = 0;\n}\n'
  },
  'an import of a file that is not there': {
    'a.proto':
      'syntax = "proto3";\npackage x;\nimport "nothere/b.proto";\nimport "google/protobuf/empty.proto";\nmessage A {}\n'
  }
}

/** Our compile errors for a directory as `file:line`, [] when it loads. */
function ourCompileErrors(dir: string): string[] {
  try {
    loadProtoTree(dir)
    return []
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .map((l) => /^\s+(\S+\.proto:\d+):\d+: /.exec(l)?.[1])
      .filter((x): x is string => x !== undefined)
  }
}

describe('protobuf breaking changes agree with buf breaking', () => {
  it('refuses what buf refuses to build, naming the same file:line', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rg-proto-compile-'))
    try {
      let total = 0
      for (const [name, files] of Object.entries(compileCases)) {
        const dir = join(work, name.replace(/\W+/g, '-'))
        writeTree(dir, new Map(Object.entries(files)))
        const theirs = (await bufBuildErrors(dir)).map((l) => l.split(':').slice(0, 2).join(':'))
        expect(theirs.length).toBeGreaterThan(0)
        const ours = ourCompileErrors(dir)
        expect({ name, lines: [...new Set(ours)].sort() }).toEqual({
          name,
          lines: [...new Set(theirs)].sort()
        })
        total += theirs.length
      }
      console.log(
        `compile errors: ${total} buf errors over ${Object.keys(compileCases).length} cases, same file:line`
      )
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 60_000)

  it('on the hand-written pairs that cover every rule', async () => {
    const pairs = readdirSync(pairsDir).sort()
    const reported = new Set<string>()
    const unexpected: string[] = []
    let matched = 0
    let total = 0
    for (const pair of pairs) {
      const baseDir = join(pairsDir, pair, 'base')
      const headDir = join(pairsDir, pair, 'head')
      const [base, head] = loadProtoTreePair(baseDir, headDir)
      const ours = diffProtoTrees(base, head)
      for (const c of ours) if (!c.ignored) reported.add(c.id)
      const theirs = await bufBreaking(baseDir, headDir)
      expect(theirs.filter((a) => a.type === 'COMPILE')).toEqual([])
      const lineLevel = agreement(
        keysOfBuf(theirs).map(fileLineRule),
        keysOfOurs(ours, head).map(fileLineRule)
      )
      report(`pair ${pair} (file, line, rule)`, lineLevel.onlyBuf, lineLevel.onlyOurs)
      matched += lineLevel.matched
      total += lineLevel.total
      for (const k of lineLevel.onlyBuf)
        if (!knownDisagreements.has(`${pair}: buf ${k}`)) unexpected.push(`${pair}: buf ${k}`)
      for (const k of lineLevel.onlyOurs)
        if (!knownDisagreements.has(`${pair}: ours ${k}`)) unexpected.push(`${pair}: ours ${k}`)
      // Same words as buf for every finding.
      const messages = (xs: { rule: string; message: string }[]) =>
        xs.map((x) => `${x.rule} ${x.message}`)
      const words = agreement(
        messages(theirs.map((a) => ({ rule: a.type, message: a.message }))),
        messages(ours.filter((c) => !c.ignored).map((c) => ({ rule: c.id, message: c.message })))
      )
      report(`pair ${pair} messages`, words.onlyBuf, words.onlyOurs)
      for (const m of [...words.onlyBuf, ...words.onlyOurs]) {
        if (!knownRule(pair, m)) unexpected.push(`${pair}: message ${m}`)
      }
    }
    console.log(`hand-written pairs: ${matched}/${total} (file, line, rule) findings agree`)
    expect(unexpected).toEqual([])
    const missing = protobufRules
      .map((r) => r.id)
      .filter((id) => !reported.has(id) && !uncoverable.has(id))
    expect(missing).toEqual([])
  }, 120_000)

  it('on every pair under every category and buf.yaml v1/v2 (the rule x category x version matrix)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rg-proto-matrix-'))
    // Per (rule, version, category) cell: findings buf reported, and how many we matched.
    const cells = new Map<string, { buf: number; matched: number }>()
    const unexpected: string[] = []
    const deliberate = new Set<string>()
    let matched = 0
    let total = 0
    let runs = 0
    try {
      for (const pair of readdirSync(pairsDir).sort()) {
        const written = (side: string) => {
          const file = join(pairsDir, pair, side, 'buf.yaml')
          return statSafe(file)
            ? (parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>)
            : null
        }
        // A buf.work.yaml workspace keeps its modules' own buf.yaml files: compared as written only.
        if (statSafe(join(pairsDir, pair, 'head', 'buf.work.yaml'))) continue
        const headYaml = written('head')
        const baseYaml = written('base')
        const multiModule =
          Array.isArray(headYaml?.modules) && (headYaml?.modules as unknown[]).length > 0
        for (const version of ['v1', 'v2'] as const) {
          // A modules layout only exists in v2.
          if (multiModule && version === 'v1') continue
          for (const category of categoriesOf(version)) {
            const configure = (y: Record<string, unknown> | null): Record<string, unknown> => {
              const out: Record<string, unknown> = { ...(y ?? {}), version }
              const breaking = { ...((out.breaking ?? {}) as Record<string, unknown>) }
              breaking.use = [category]
              delete breaking.except
              out.breaking = breaking
              if (Array.isArray(out.modules)) {
                out.modules = (out.modules as Record<string, unknown>[]).map((m) => {
                  const { breaking: _, ...rest } = m
                  return rest
                })
              }
              return out
            }
            const dir = join(work, `${pair}-${version}-${category}`)
            const baseDir = join(dir, 'base')
            const headDir = join(dir, 'head')
            for (const [side, target, yaml] of [
              ['base', baseDir, baseYaml],
              ['head', headDir, headYaml]
            ] as const) {
              writeTree(target, filesOf(join(pairsDir, pair, side)))
              if (side === 'head' || yaml)
                writeFileSync(join(target, 'buf.yaml'), stringifyYaml(configure(yaml)))
            }
            const [base, head] = loadProtoTreePair(baseDir, headDir)
            const ours = keysOfOurs(diffProtoTrees(base, head), head).map(fileLineRule)
            const theirs = await bufBreaking(baseDir, headDir)
            runs++
            expect(theirs.filter((a) => a.type === 'COMPILE')).toEqual([])
            const a = agreement(keysOfBuf(theirs).map(fileLineRule), ours)
            report(`matrix ${pair} ${version} ${category}`, a.onlyBuf, a.onlyOurs)
            matched += a.matched
            total += a.total
            for (const k of a.onlyBuf)
              if (!knownDisagreements.has(`${pair}: buf ${k}`))
                unexpected.push(`${pair} ${version} ${category}: buf ${k}`)
              else deliberate.add(`${k.slice(k.lastIndexOf(' ') + 1)} ${version} ${category}`)
            for (const k of a.onlyOurs)
              if (!knownDisagreements.has(`${pair}: ours ${k}`))
                unexpected.push(`${pair} ${version} ${category}: ours ${k}`)
              else deliberate.add(`${k.slice(k.lastIndexOf(' ') + 1)} ${version} ${category}`)
            const oursLeft = [...ours]
            for (const k of keysOfBuf(theirs).map(fileLineRule)) {
              const rule = k.slice(k.lastIndexOf(' ') + 1)
              const cell = `${rule} ${version} ${category}`
              const c = cells.get(cell) ?? { buf: 0, matched: 0 }
              c.buf++
              const i = oursLeft.indexOf(k)
              if (i >= 0) {
                c.matched++
                oursLeft.splice(i, 1)
              }
              cells.set(cell, c)
            }
          }
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
    // Every cell buf's rule listing has (a rule in a category of a version) that the pairs trigger.
    let possible = 0
    const untriggered: string[] = []
    for (const version of ['v1', 'v2'] as const) {
      for (const category of categoriesOf(version)) {
        for (const id of rulesOf(version, category)) {
          possible++
          if (!cells.has(`${id} ${version} ${category}`))
            untriggered.push(`${id} ${version} ${category}`)
        }
      }
    }
    const full = [...cells].filter(([k, c]) => c.matched === c.buf && !deliberate.has(k)).length
    const listed = total - matched - unexpected.length
    console.log(
      [
        `matrix: ${runs} buf runs (pairs x buf.yaml v1/v2 x categories), ${matched}/${total} (file, line, rule) findings agree; the ${listed} others are the listed deliberate differences`,
        `matrix cells (rule x category x version): ${possible} in buf's listing, ${cells.size} triggered, ${full}/${cells.size} with full agreement, ${deliberate.size} differ only by a listed deliberate difference (${[...deliberate].sort().join(', ')})`,
        `untriggered cells: ${untriggered.length === 0 ? 'none' : untriggered.join(', ')}`
      ].join('\n')
    )
    expect(unexpected).toEqual([])
    expect(untriggered.filter((c) => !uncoverable.has(c.split(' ')[0] as string))).toEqual([])
  }, 300_000)

  describe('on mutations of real protos (google-proto-files), batched', () => {
    let work: string
    let baseDir: string
    let sources: Map<string, string>

    beforeAll(() => {
      sources = importClosure(corpusRoot, corpusSeeds)
      work = mkdtempSync(join(tmpdir(), 'rg-proto-diff-'))
      baseDir = join(work, 'base')
      writeTree(baseDir, sources)
    })

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true })
    })

    it('agrees on every (file, line, rule) finding under every category of buf.yaml v1 and v2', async () => {
      const batches: { use: string | null; version: 'v1' | 'v2'; seed: number }[] = [
        { use: null, version: 'v1', seed: 11 },
        { use: null, version: 'v2', seed: 12 },
        { use: 'WIRE_JSON', version: 'v1', seed: 13 },
        { use: 'WIRE', version: 'v1', seed: 14 },
        { use: 'PACKAGE', version: 'v2', seed: 15 },
        { use: 'PACKAGE', version: 'v1', seed: 16 },
        { use: 'WIRE_JSON', version: 'v2', seed: 17 },
        { use: 'WIRE', version: 'v2', seed: 18 },
        { use: 'CSR', version: 'v2', seed: 19 }
      ]
      const all = { fileRule: { matched: 0, total: 0 }, line: { matched: 0, total: 0 } }
      const applied: AppliedMutation[] = []
      const candidates = mutable(sources)
      for (const [i, batch] of batches.entries()) {
        const headDir = join(work, `head-${i}`)
        let { texts, applied: done } = mutateTree(sources, candidates, 70, batch.seed)
        const bufYaml =
          `version: ${batch.version}\n` +
          (batch.use ? `breaking:\n  use:\n    - ${batch.use}\n` : '')
        let theirs = await runBatch(baseDir, headDir, sources, texts, bufYaml)
        // A mutation that buf cannot compile (a name used elsewhere) is dropped, not counted.
        const broken = new Set(
          theirs.filter((a) => a.type === 'COMPILE').map((a) => a.path?.replace(/^\.\//, ''))
        )
        if (broken.size > 0) {
          texts = new Map([...texts].filter(([p]) => !broken.has(p)))
          done = done.filter((m) => !broken.has(m.path))
          theirs = await runBatch(baseDir, headDir, sources, texts, bufYaml)
          expect(theirs.filter((a) => a.type === 'COMPILE')).toEqual([])
        }
        applied.push(...done)
        const headSources = new Map(sources)
        for (const [p, t] of texts) {
          if (t === null) headSources.delete(p)
          else headSources.set(p, t)
        }
        // The pair loader shares unchanged files between the trees, as the engine does.
        const [pairBase, head] = buildProtoTreePair(
          [baseDir, toSources(sources), null],
          [headDir, toSources(headSources), parseYaml(bufYaml)]
        )
        const ours = keysOfOurs(diffProtoTrees(pairBase, head), head)
        const bufKeys: Key[] = keysOfBuf(theirs)
        const byFile = agreement(bufKeys.map(fileRule), ours.map(fileRule))
        const byLine = agreement(bufKeys.map(fileLineRule), ours.map(fileLineRule))
        report(
          `batch ${i} (${batch.use ?? 'default'} ${batch.version}) (file, rule)`,
          byFile.onlyBuf,
          byFile.onlyOurs
        )
        report(
          `batch ${i} (${batch.use ?? 'default'} ${batch.version}) (file, line, rule)`,
          byLine.onlyBuf,
          byLine.onlyOurs
        )
        all.fileRule.matched += byFile.matched
        all.fileRule.total += byFile.total
        all.line.matched += byLine.matched
        all.line.total += byLine.total
      }
      const kinds = new Map<string, number>()
      for (const m of applied) kinds.set(m.mutation, (kinds.get(m.mutation) ?? 0) + 1)
      const ratio = all.fileRule.matched / all.fileRule.total
      const lineRatio = all.line.matched / all.line.total
      console.log(
        [
          `mutations: ${applied.length} over ${sources.size} files (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`,
          `(file, rule): ${all.fileRule.matched}/${all.fileRule.total} = ${(ratio * 100).toFixed(2)}%`,
          `(file, line, rule): ${all.line.matched}/${all.line.total} = ${(lineRatio * 100).toFixed(2)}%`
        ].join('\n')
      )
      expect(applied.length).toBeGreaterThan(500)
      expect(all.fileRule.total).toBeGreaterThan(250)
      // Seeded mutations: every (file, line, rule) agrees, under every category and version.
      expect(ratio).toBe(1)
      expect(lineRatio).toBe(1)
    }, 480_000)
  })
})

function statSafe(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** Every file under a directory but buf.yaml, keyed by its relative path. */
function filesOf(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of readdirSync(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry}` : entry
    if (statSync(join(dir, path)).isDirectory()) {
      for (const [p, t] of filesOf(dir, path)) out.set(p, t)
    } else if (path !== 'buf.yaml') out.set(path, readFileSync(join(dir, path), 'utf8'))
  }
  return out
}

function knownRule(pair: string, message: string): boolean {
  const rule = message.split(' ')[0]
  return [...knownDisagreements.keys()].some(
    (k) => k.startsWith(`${pair}:`) && k.endsWith(` ${rule}`)
  )
}

/** API families whose import closure (google/protobuf excluded: buf provides those) is the corpus. */
const corpusSeeds = [
  'google/api',
  'google/type',
  'google/rpc',
  'google/longrunning',
  'google/iam/v1',
  'google/cloud/tasks',
  'google/cloud/scheduler',
  'google/cloud/secretmanager',
  'google/cloud/kms',
  'google/pubsub',
  'google/cloud/language',
  'google/cloud/redis',
  'google/cloud/workflows',
  'google/cloud/functions',
  'google/cloud/speech',
  'google/logging',
  'google/spanner',
  'google/firestore',
  'google/datastore',
  'google/bigtable',
  'google/storage'
]

function importClosure(root: string, seeds: string[]): Map<string, string> {
  const out = new Map<string, string>()
  const queue: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir))) {
      const path = `${dir}/${entry}`
      if (statSync(join(root, path)).isDirectory()) walk(path)
      else if (path.endsWith('.proto')) queue.push(path)
    }
  }
  for (const seed of seeds) walk(seed)
  while (queue.length > 0) {
    const path = queue.pop() as string
    if (out.has(path)) continue
    const text = readFileSync(join(root, path), 'utf8')
    out.set(path, text)
    for (const m of text.matchAll(/^import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm)) {
      const dep = m[1] as string
      if (!dep.startsWith('google/protobuf/') && !out.has(dep)) queue.push(dep)
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)))
}

/**
 * Files whose messages and enums are used as custom options (those declaring `extend`, and what
 * they import) stay untouched: a rename there breaks every option use, and buf stops compiling.
 */
function mutable(sources: Map<string, string>): string[] {
  const schema = new Set<string>()
  const queue = [...sources].filter(([, text]) => /^extend\s/m.test(text)).map(([p]) => p)
  while (queue.length > 0) {
    const path = queue.pop() as string
    if (schema.has(path)) continue
    schema.add(path)
    for (const m of (sources.get(path) ?? '').matchAll(
      /^import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm
    )) {
      queue.push(m[1] as string)
    }
  }
  return [...sources.keys()].filter((p) => !schema.has(p))
}

function writeTree(dir: string, texts: Map<string, string>): void {
  for (const [path, text] of texts) {
    const file = join(dir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
}

const toSources = (texts: Map<string, string>): ProtoSource[] =>
  [...texts].map(([path, text]) => ({ path, displayPath: path, text }))

/** Writes the mutated head tree beside the base one and runs buf on the pair. */
async function runBatch(
  baseDir: string,
  headDir: string,
  sources: Map<string, string>,
  texts: Map<string, string | null>,
  bufYaml: string
) {
  rmSync(headDir, { recursive: true, force: true })
  const all = new Map(sources)
  for (const [path, text] of texts) {
    if (text === null) all.delete(path)
    else all.set(path, text)
  }
  writeTree(headDir, all)
  writeFileSync(join(headDir, 'buf.yaml'), bufYaml)
  return bufBreaking(baseDir, headDir)
}
