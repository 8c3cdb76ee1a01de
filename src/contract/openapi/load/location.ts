/** Where a node of a loaded document came from; kept on the node itself under symbols (never serialized). */
export const FILE = Symbol('openapi.file')
export const LINE = Symbol('openapi.line')

export type JsonObject = { [key: string]: unknown; [FILE]?: string; [LINE]?: number }

export interface SourceLocation {
  /** Absolute path of the file the node was read from. */
  file: string
  /** 1-based line. */
  line: number
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function locationOf(node: unknown): SourceLocation | undefined {
  if (typeof node !== 'object' || node === null) return undefined
  const n = node as JsonObject
  const file = n[FILE]
  const line = n[LINE]
  return file === undefined || line === undefined ? undefined : { file, line }
}

export function setLocation(node: object, file: string, line: number): void {
  const n = node as JsonObject
  n[FILE] = file
  n[LINE] = line
}

/** Gives a node built by the loader (e.g. from Swagger 2.0) the location of the node it came from. */
export function copyLocation<T extends object>(target: T, source: unknown): T {
  const loc = locationOf(source)
  if (loc) setLocation(target, loc.file, loc.line)
  return target
}
