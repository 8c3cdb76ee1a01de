import { InputError } from '../../core/errors.js'

/**
 * The exported API of a Go module as `go/apidump` prints it. Types are a table per package;
 * nodes refer to each other by index, defined types by key (`pkgpath.Name`).
 */
export interface ApiDump {
  schemaVersion: number
  /** Module path from go.mod (or the import path given for a bare package). */
  module: string
  /** Whether `module` was read from a go.mod (older dumpers leave it out). */
  goMod?: boolean
  /** The dumped directory relative to the module root. */
  moduleRoot: string
  goVersion: string
  packages: PackageDump[]
  warnings: string[]
  /** Package directories that could not be read, and why: never compared, never "removed". */
  unreadable: UnreadablePackage[]
}

export interface UnreadablePackage {
  path: string
  /** Relative to the dumped directory. */
  dir: string
  reason: string
}

export interface PackageDump {
  path: string
  name: string
  /** Package directory relative to the dumped directory. */
  dir: string
  objects: ObjectDump[]
  named: Record<string, NamedDump | null>
  types: TypeNode[]
}

export type ObjectKind = 'const' | 'var' | 'func' | 'type'

export interface ObjectDump {
  name: string
  kind: ObjectKind
  type: number
  alias?: boolean
  /** Constant value as Go prints it, and exactly (for comparing). */
  value?: string
  exact?: string
  valueKind?: string
  file?: string
  line?: number
}

export interface NamedDump {
  pkg: string
  name: string
  exported: boolean
  /** Declared in this package (foreign types are described only as far as apidiff looks). */
  local: boolean
  typeParams?: number[]
  underlying: number | null
  /** Exported method sets of T and *T. */
  methods: MethodDump[]
  ptrMethods: MethodDump[]
  /** Keys of this package's interfaces that values of T implement. */
  implements?: string[]
  file?: string
  line?: number
}

export interface MethodDump {
  name: string
  exported: boolean
  pkg?: string
  sig: number
  /** Key of the receiver's defined type (the declaring type for promoted methods). */
  recv?: string
  ptr?: boolean
  /** apidiff's name for the method: `T.M`, `(*T).M`. */
  display: string
  file?: string
  line?: number
}

export interface FieldDump {
  name: string
  type: number
  embedded?: boolean
  exported: boolean
  tag?: string
  file?: string
  line?: number
}

export type TypeNode =
  | { k: 'basic'; s: string; name: string; kind: string }
  | {
      k: 'named'
      s: string
      /** The defined type (its origin, for an instance of a generic type). */
      key: string
      name: string
      /** Key of this instance's entry in `named` (substituted fields and methods). */
      inst?: string
      args?: number[]
    }
  | { k: 'pointer' | 'slice'; s: string; elem: number }
  | { k: 'array'; s: string; elem: number; len: number }
  | { k: 'map'; s: string; mapKey: number; elem: number }
  | { k: 'chan'; s: string; elem: number; dir?: number }
  | {
      k: 'signature'
      s: string
      params?: number[]
      results?: number[]
      variadic?: boolean
      typeParams?: number[]
    }
  | { k: 'struct'; s: string; fields: FieldDump[]; comparable?: boolean }
  | {
      k: 'interface'
      s: string
      methods: MethodDump[]
      embeddeds?: number[]
      comparable?: boolean
    }
  | { k: 'typeparam'; s: string; name: string; index: number; constraint?: number }
  | { k: 'union'; s: string; terms?: { tilde?: boolean; type: number }[] }
  | { k: 'tuple'; s: string; params?: number[] }
  | { k: 'invalid'; s: string }

/** Checks the dumper's output enough to fail with a clear message instead of deep inside the diff. */
export function parseApiDump(json: string, source: string): ApiDump {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    throw new InputError(
      `${source}: the Go API dump is not JSON (${(error as Error).message}); rebuild the dumper.`
    )
  }
  const dump = value as Partial<ApiDump>
  if (
    typeof dump !== 'object' ||
    dump === null ||
    dump.schemaVersion !== 1 ||
    !Array.isArray(dump.packages)
  ) {
    throw new InputError(
      `${source}: not a Go API dump of schema version 1; the dumper and rollback-guard versions differ.`
    )
  }
  for (const pkg of dump.packages) {
    // The dumper leaves empty lists out.
    pkg.objects ??= []
    pkg.named ??= {}
    pkg.types ??= []
    for (const n of pkg.types) {
      if (n.k === 'struct') n.fields ??= []
      if (n.k === 'interface') n.methods ??= []
    }
    for (const named of Object.values(pkg.named)) {
      if (!named) continue
      named.methods ??= []
      named.ptrMethods ??= []
    }
  }
  dump.warnings ??= []
  dump.unreadable ??= []
  return dump as ApiDump
}
