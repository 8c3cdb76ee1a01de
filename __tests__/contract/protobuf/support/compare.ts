import type { Change } from '../../../../src/core/change.js'
import type { ProtoTree } from '../../../../src/contract/protobuf/model.js'
import type { BufAnnotation } from './buf.js'

/** buf names no file for an element whose file is gone; both sides are keyed `<none>` then. */
export const NO_FILE = '<none>'

export interface Key {
  file: string
  line: number
  rule: string
}

export function keysOfBuf(annotations: BufAnnotation[]): Key[] {
  return annotations.map((a) => ({
    file: a.path ? a.path.replace(/^\.\//, '') : NO_FILE,
    line: a.path ? a.start_line : 1,
    rule: a.type
  }))
}

export function keysOfOurs(changes: Change[], head: ProtoTree): Key[] {
  const headFiles = new Set(head.files.map((f) => f.displayPath))
  return changes
    .filter((c) => !c.ignored)
    .map((c) => {
      const inHead = c.file !== null && headFiles.has(c.file)
      return {
        file: inHead ? (c.file as string) : NO_FILE,
        line: inHead ? (c.line ?? 1) : 1,
        rule: c.id
      }
    })
}

export interface Agreement {
  matched: number
  total: number
  onlyBuf: string[]
  onlyOurs: string[]
}

/** Multiset agreement: matched / (matched + only in one side). */
export function agreement(bufKeys: string[], ourKeys: string[]): Agreement {
  const count = (keys: string[]) => {
    const m = new Map<string, number>()
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const a = count(bufKeys)
  const b = count(ourKeys)
  let matched = 0
  let total = 0
  const onlyBuf: string[] = []
  const onlyOurs: string[] = []
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0
    const y = b.get(k) ?? 0
    matched += Math.min(x, y)
    total += Math.max(x, y)
    for (let i = y; i < x; i++) onlyBuf.push(k)
    for (let i = x; i < y; i++) onlyOurs.push(k)
  }
  return { matched, total, onlyBuf, onlyOurs }
}

export const fileRule = (k: Key): string => `${k.file} ${k.rule}`
export const fileLineRule = (k: Key): string => `${k.file}:${k.line} ${k.rule}`
