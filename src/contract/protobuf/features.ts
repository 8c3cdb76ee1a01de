import type { Field, Message, OptionEntry, Options, ProtoEnum, ProtoFile } from './model.js'

/**
 * Resolved editions features and their proto2/proto3 equivalents, as protoc computes them:
 * the innermost explicit setting wins (field, oneof, enclosing messages, file), else the
 * edition's default.
 */

type FeatureName =
  | 'field_presence'
  | 'enum_type'
  | 'utf8_validation'
  | 'message_encoding'
  | 'json_format'
  | '(pb.cpp).string_type'
  | '(pb.java).utf8_validation'

const proto2Defaults: Record<FeatureName, string> = {
  field_presence: 'EXPLICIT',
  enum_type: 'CLOSED',
  utf8_validation: 'NONE',
  message_encoding: 'LENGTH_PREFIXED',
  json_format: 'LEGACY_BEST_EFFORT',
  '(pb.cpp).string_type': 'STRING',
  '(pb.java).utf8_validation': 'DEFAULT'
}

const proto3Defaults: Record<FeatureName, string> = {
  field_presence: 'IMPLICIT',
  enum_type: 'OPEN',
  utf8_validation: 'VERIFY',
  message_encoding: 'LENGTH_PREFIXED',
  json_format: 'ALLOW',
  '(pb.cpp).string_type': 'STRING',
  '(pb.java).utf8_validation': 'DEFAULT'
}

function defaultsFor(file: ProtoFile): Record<FeatureName, string> {
  if (file.syntax === 'proto2') return proto2Defaults
  if (file.syntax === 'proto3') return proto3Defaults
  return {
    field_presence: 'EXPLICIT',
    enum_type: 'OPEN',
    utf8_validation: 'VERIFY',
    message_encoding: 'LENGTH_PREFIXED',
    json_format: 'ALLOW',
    '(pb.cpp).string_type': Number(file.edition) >= 2024 ? 'VIEW' : 'STRING',
    '(pb.java).utf8_validation': 'DEFAULT'
  }
}

const featureExtensionAliases: Record<string, string> = {
  '(pb.cpp)': '(pb.cpp)',
  '(.pb.cpp)': '(pb.cpp)',
  '(pb.java)': '(pb.java)',
  '(.pb.java)': '(pb.java)'
}

/** The entry that sets `name` in these options, in either the dotted or the aggregate form. */
export function featureEntry(options: Options, name: FeatureName): OptionEntry | undefined {
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i] as OptionEntry
    if (!o.name.startsWith('features')) continue
    const rest = o.name.slice('features'.length)
    if (rest === '' && o.value.kind === 'aggregate') {
      if (!name.startsWith('(') && o.value.value[name] !== undefined) return o
      continue
    }
    if (!rest.startsWith('.')) continue
    let key = rest.slice(1)
    const m = /^(\([^)]*\))\.(.*)$/.exec(key)
    if (m) key = `${featureExtensionAliases[m[1] as string] ?? m[1]}.${m[2]}`
    if (key === name) return o
    if (o.value.kind === 'aggregate' && name.startsWith(key + '.')) {
      const sub = name.slice(key.length + 1)
      if (o.value.value[sub] !== undefined) return o
    }
  }
  return undefined
}

function entryValue(o: OptionEntry, name: FeatureName): string {
  if (o.value.kind === 'aggregate') {
    const dot = name.lastIndexOf('.')
    const key = name.startsWith('(') ? name.slice(dot + 1) : name
    return o.value.value[key] ?? ''
  }
  return String(o.value.value)
}

function messageChain(m: Message | null): Options[] {
  const out: Options[] = []
  for (let p = m; p; p = p.parent) out.push(p.options)
  return out
}

function resolve(chain: Options[], file: ProtoFile, name: FeatureName): string {
  if (file.syntax === 'editions') {
    for (const options of chain) {
      const e = featureEntry(options, name)
      if (e) return entryValue(e, name)
    }
    const e = featureEntry(file.options, name)
    if (e) return entryValue(e, name)
  }
  return defaultsFor(file)[name]
}

function fieldChain(f: Field): Options[] {
  const chain: Options[] = [f.options]
  if (f.oneof) chain.push(f.oneof.options)
  // Extensions inherit from the scope they are declared in, not from the extended message.
  return chain.concat(messageChain(f.extendee ? f.parent : (f.parent ?? null)))
}

export function fieldFeature(f: Field, name: FeatureName): string {
  if (f.file.syntax !== 'editions') return defaultsFor(f.file)[name]
  return resolve(fieldChain(f), f.file, name)
}

/** Where the innermost explicit setting of a feature for this field is, if any. */
export function fieldFeatureEntry(f: Field, name: FeatureName): OptionEntry | undefined {
  if (f.file.syntax !== 'editions') return undefined
  return featureEntry(f.options, name)
}

export function enumFeature(e: ProtoEnum, name: FeatureName): string {
  return resolve([e.options, ...messageChain(e.parent)], e.file, name)
}

export function messageFeature(m: Message, name: FeatureName): string {
  return resolve(messageChain(m), m.file, name)
}

export function optionEntry(options: Options, name: string): OptionEntry | undefined {
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i] as OptionEntry
    if (o.name === name) return o
  }
  return undefined
}

export function optionString(options: Options, name: string): string {
  const o = optionEntry(options, name)
  if (!o) return ''
  return String(o.value.value)
}

export function optionBool(options: Options, name: string): boolean {
  const o = optionEntry(options, name)
  return o?.value.kind === 'bool' ? o.value.value : false
}
