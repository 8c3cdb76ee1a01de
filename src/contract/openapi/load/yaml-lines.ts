import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode
} from 'yaml'
import { FILE, LINE } from './location.js'

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message)
  }
}

/**
 * Parses YAML into plain values; every mapping and sequence records its file and the 1-based line of its
 * key (or of its first item inside a sequence). Anchors/aliases are shared, so alias cycles stay finite.
 */
export function parseYamlWithLines(text: string, file: string, refs: object[] = []): unknown {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    // a key said twice in one mapping is an error (merge keys `<<` may repeat)
    uniqueKeys: (a, b) => isScalar(a) && isScalar(b) && a.value === b.value && a.value !== '<<',
    merge: true,
    keepSourceTokens: false
  })
  const error = doc.errors[0]
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line
    throw new YamlSyntaxError(error.message.split('\n')[0] ?? error.message, line)
  }
  const lineOf = (node: YamlNode | null | undefined): number => {
    const offset = node?.range?.[0]
    return offset === undefined ? 1 : lineCounter.linePos(offset).line
  }
  const converted = new Map<unknown, unknown>()

  const convert = (node: unknown, line: number): unknown => {
    if (node === null || node === undefined) return null
    if (isAlias(node)) return convert(node.resolve(doc), line)
    if (isScalar(node)) return node.value instanceof Date ? node.source : node.value
    const done = converted.get(node)
    if (done !== undefined) return done
    if (isMap(node)) {
      const obj: Record<string | symbol, unknown> = {}
      obj[FILE] = file
      obj[LINE] = line
      converted.set(node, obj)
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as YamlNode | null
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
        const valueLine = lineOf(keyNode)
        const value = convert(pair.value, valueLine)
        if (key === '<<' && typeof value === 'object' && value !== null) {
          for (const src of Array.isArray(value) ? value : [value]) {
            for (const [k, v] of Object.entries(src as object)) if (!(k in obj)) obj[k] = v
          }
          continue
        }
        if (key === '__proto__')
          Object.defineProperty(obj, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true
          })
        else obj[key] = value
        if (key === '$ref' && typeof value === 'string') refs.push(obj)
      }
      return obj
    }
    if (isSeq(node)) {
      const arr: unknown[] & { [FILE]?: string; [LINE]?: number } = []
      arr[FILE] = file
      arr[LINE] = line
      converted.set(node, arr)
      for (const item of node.items) arr.push(convert(item, lineOf(item as YamlNode)))
      return arr
    }
    return null
  }
  return convert(doc.contents, lineOf(doc.contents as YamlNode | null))
}
