import { parseProto } from '../../../../src/contract/protobuf/parser.js'
import type { Field, Message, ProtoFile, Span } from '../../../../src/contract/protobuf/model.js'

/** Deterministic pseudo-random numbers (mulberry32), so every run mutates the same way. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)]

function lineStarts(text: string): number[] {
  const out = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1)
  return out
}

class Editor {
  private readonly starts: number[]
  constructor(readonly text: string) {
    this.starts = lineStarts(text)
  }
  offset(line: number, col: number): number {
    return (this.starts[line - 1] ?? 0) + col - 1
  }
  start(s: Span): number {
    return this.offset(s.line, s.col)
  }
  end(s: Span): number {
    return this.offset(s.endLine, s.endCol)
  }
  slice(s: Span): string {
    return this.text.slice(this.start(s), this.end(s))
  }
  replace(s: Span, by: string): string {
    return this.text.slice(0, this.start(s)) + by + this.text.slice(this.end(s))
  }
  insert(at: number, what: string): string {
    return this.text.slice(0, at) + what + this.text.slice(at)
  }
}

function messagesOf(f: ProtoFile): Message[] {
  const out: Message[] = []
  const walk = (ms: Message[]): void => {
    for (const m of ms) {
      out.push(m)
      walk(m.messages)
    }
  }
  walk(f.messages)
  return out.filter((m) => !m.isMapEntry)
}

const plainFields = (f: ProtoFile): Field[] =>
  messagesOf(f).flatMap((m) =>
    m.fields.filter((x) => !x.mapEntry && !x.isGroupSyntax && !x.oneof && x.label !== 'required')
  )

const scalars = [
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
  'double',
  'float'
]

const countWord = (text: string, word: string): number =>
  (text.match(new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g')) ?? []).length

export interface MutationContext {
  random: () => number
  /** Import paths of files some other file of the tree imports. */
  imported: Set<string>
  /** All source texts of the tree, to check that a name is used nowhere else. */
  corpus: string
  serial: number
}

export type Mutation = (
  file: ProtoFile,
  text: string,
  ctx: MutationContext
) => string | null | 'delete-file'

/** Each returns the mutated text, null when it does not apply, or 'delete-file'. */
export const mutations: Record<string, Mutation> = {
  deleteField(f, text, { random }) {
    const field = pick(random, plainFields(f))
    return field ? new Editor(text).replace(field.span, '') : null
  },
  changeScalarType(f, text, { random }) {
    const field = pick(
      random,
      plainFields(f).filter((x) => scalars.includes(x.typeText) && x.options.length === 0)
    )
    if (!field) return null
    const to = pick(
      random,
      scalars.filter((s) => s !== field.typeText)
    ) as string
    return new Editor(text).replace(field.typeSpan, to)
  },
  changeMessageType(f, text, { random }) {
    const field = pick(
      random,
      plainFields(f).filter((x) => !scalars.includes(x.typeText) && x.label !== 'repeated')
    )
    if (!field) return null
    return new Editor(text).replace(field.typeSpan, 'string')
  },
  renumberField(f, text, { random }) {
    const m = pick(
      random,
      messagesOf(f).filter((x) => plainFields(f).some((p) => p.parent === x))
    )
    if (!m) return null
    const field = pick(
      random,
      m.fields.filter((x) => !x.mapEntry && !x.isGroupSyntax && !x.oneof)
    )
    if (!field) return null
    const used = Math.max(
      ...m.fields.map((x) => x.number),
      ...m.reservedRanges.map((r) => Math.min(r.end, 100000)),
      ...m.extensionRanges.map((r) => Math.min(r.end, 100000))
    )
    const next = used + 1
    if (
      next >= 19000 ||
      m.extensionRanges.some((r) => r.end >= 536870911) ||
      m.reservedRanges.some((r) => r.end >= 536870911)
    )
      return null
    const ed = new Editor(text)
    const src = ed.slice(field.span)
    const replaced = src.replace(/=\s*(0x[0-9a-fA-F]+|\d+)/, `= ${next}`)
    return replaced === src ? null : ed.replace(field.span, replaced)
  },
  renameField(f, text, { random }) {
    const field = pick(random, plainFields(f))
    return field ? new Editor(text).replace(field.nameSpan, `${field.name}_mut`) : null
  },
  moveIntoOneof(f, text, { random, serial }) {
    const field = pick(
      random,
      plainFields(f).filter(
        (x) => x.label === '' || (x.label === 'optional' && f.syntax === 'proto2')
      )
    )
    if (!field) return null
    const ed = new Editor(text)
    const src = ed.slice(field.span).replace(/^optional\s+/, '')
    return ed.replace(field.span, `oneof mut_choice_${serial} { ${src} }`)
  },
  setJsonName(f, text, { random, serial }) {
    const field = pick(
      random,
      plainFields(f).filter((x) => !x.options.some((o) => o.name === 'json_name'))
    )
    if (!field) return null
    const ed = new Editor(text)
    const src = ed.slice(field.span)
    const name = `mutJson${serial}`
    const replaced = src.includes('[')
      ? src.replace('[', `[json_name = "${name}", `)
      : src.replace(/;$/, ` [json_name = "${name}"];`)
    return ed.replace(field.span, replaced)
  },
  addOptional(f, text, { random }) {
    if (f.syntax !== 'proto3') return null
    const field = pick(
      random,
      plainFields(f).filter((x) => x.label === '' && scalars.includes(x.typeText))
    )
    if (!field) return null
    const ed = new Editor(text)
    return ed.insert(ed.start(field.span), 'optional ')
  },
  dropRepeated(f, text, { random }) {
    const field = pick(
      random,
      plainFields(f).filter((x) => x.label === 'repeated' && x.options.length === 0)
    )
    if (!field) return null
    const ed = new Editor(text)
    return ed.replace(
      field.span,
      ed.slice(field.span).replace(/^repeated\s+/, f.syntax === 'proto2' ? 'optional ' : '')
    )
  },
  toggleServerStreaming(f, text, { random }) {
    const method = pick(
      random,
      f.services.flatMap((s) => s.methods)
    )
    if (!method) return null
    const ed = new Editor(text)
    if (!method.serverStreaming) return ed.insert(ed.start(method.outputSpan), 'stream ')
    const before = text.slice(0, ed.start(method.outputSpan))
    const i = before.lastIndexOf('stream')
    return i < 0 ? null : text.slice(0, i) + text.slice(i + 'stream'.length)
  },
  toggleClientStreaming(f, text, { random }) {
    const method = pick(
      random,
      f.services.flatMap((s) => s.methods).filter((m) => !m.clientStreaming)
    )
    if (!method) return null
    const ed = new Editor(text)
    return ed.insert(ed.start(method.inputSpan), 'stream ')
  },
  deleteRpc(f, text, { random }) {
    const method = pick(
      random,
      f.services.flatMap((s) => s.methods)
    )
    return method ? new Editor(text).replace(method.span, '') : null
  },
  changeRequestType(f, text, { random }) {
    const method = pick(
      random,
      f.services.flatMap((s) => s.methods).filter((m) => m.inputText !== m.outputText)
    )
    return method ? new Editor(text).replace(method.inputSpan, method.outputText) : null
  },
  deleteEnumValue(f, text, { random, corpus }) {
    const enums = [...f.enums, ...messagesOf(f).flatMap((m) => m.enums)].filter(
      (e) => e.values.length >= 3
    )
    const e = pick(random, enums)
    if (!e) return null
    const value = pick(
      random,
      e.values.slice(1).filter((v) => countWord(corpus, v.name) === 1)
    )
    return value ? new Editor(text).replace(value.span, '') : null
  },
  renameEnumValue(f, text, { random, corpus }) {
    const enums = [...f.enums, ...messagesOf(f).flatMap((m) => m.enums)]
    const e = pick(random, enums)
    if (!e) return null
    const value = pick(
      random,
      e.values.filter((v) => countWord(corpus, v.name) === 1)
    )
    if (!value) return null
    const ed = new Editor(text)
    return ed.replace(value.span, ed.slice(value.span).replace(value.name, `${value.name}_MUT`))
  },
  changeGoPackage(f, text) {
    const o = f.options.find((x) => x.name === 'go_package')
    if (!o) return null
    const ed = new Editor(text)
    return ed.replace(
      o.span,
      ed.slice(o.span).replace(/"([^"]*)"/, (_m, v: string) => `"${v.split(';')[0]}/mut"`)
    )
  },
  changePackage(f, text, { imported }) {
    if (!f.packageSpan || imported.has(f.path)) return null
    // Fully-qualified references to the file's own types would stop resolving.
    const code = text.replace(/\/\/.*$/gm, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    if (countWord(code, f.package) !== 1) return null
    return new Editor(text).replace(f.packageSpan, `package ${f.package}.mut;`)
  },
  deleteService(f, text, { random }) {
    const service = pick(random, f.services)
    return service ? new Editor(text).replace(service.span, '') : null
  },
  deleteTopLevelMessage(f, text, { random, imported }) {
    if (imported.has(f.path)) return null
    const m = pick(
      random,
      f.messages.filter((x) => countWord(text, x.name) === 1)
    )
    return m ? new Editor(text).replace(m.span, '') : null
  },
  deleteEnum(f, text, { random, imported }) {
    if (imported.has(f.path)) return null
    const all = [...f.enums, ...messagesOf(f).flatMap((m) => m.enums)]
    const e = pick(
      random,
      all.filter((x) => countWord(text, x.name) === 1)
    )
    return e ? new Editor(text).replace(e.span, '') : null
  },
  deleteNestedMessage(f, text, { random, imported }) {
    if (imported.has(f.path)) return null
    const nested = messagesOf(f).filter(
      (m) => m.parent && !m.isMapEntry && countWord(text, m.name) === 1
    )
    const m = pick(random, nested)
    return m ? new Editor(text).replace(m.span, '') : null
  },
  deleteFile(f, _text, { imported }) {
    return imported.has(f.path) ? null : 'delete-file'
  }
}

export interface AppliedMutation {
  path: string
  mutation: string
}

/**
 * Applies one mutation to each of `count` files chosen from `candidates` (distinct files, so a
 * finding can be traced to its mutation). Returns the new texts (null = deleted) and what was done.
 */
export function mutateTree(
  sources: Map<string, string>,
  candidates: string[],
  count: number,
  seed: number
): { texts: Map<string, string | null>; applied: AppliedMutation[] } {
  const random = rng(seed)
  const parsed = new Map<string, ProtoFile>()
  const imported = new Set<string>()
  for (const [path, text] of sources) {
    const f = parseProto(text, path)
    parsed.set(path, f)
    for (const i of f.imports) imported.add(i.path)
  }
  const corpus = [...sources.values()].join('\n')
  const names = Object.keys(mutations)
  const order = [...candidates]
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as string, order[i] as string]
  }
  const texts = new Map<string, string | null>()
  const applied: AppliedMutation[] = []
  let serial = 0
  for (const path of order) {
    if (applied.length >= count) break
    const file = parsed.get(path) as ProtoFile
    const text = sources.get(path) as string
    // Random mutation kinds until one applies, so that no kind crowds out the others.
    for (let attempt = 0; attempt < names.length * 2; attempt++) {
      const name = pick(random, names) as string
      const out = (mutations[name] as Mutation)(file, text, { random, imported, corpus, serial })
      if (out === null || out === text) continue
      texts.set(path, out === 'delete-file' ? null : out)
      applied.push({ path, mutation: name })
      serial++
      break
    }
  }
  return { texts, applied }
}
