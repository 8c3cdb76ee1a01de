/** The shared contract-change model: built once, rendered as comment, summary, annotations, text, json. */
export type ContractKind = 'openapi' | 'protobuf' | 'go' | 'gomod' | 'migrations'
export const contractKinds: readonly ContractKind[] = [
  'openapi',
  'protobuf',
  'go',
  'gomod',
  'migrations'
]
export type ChangeLevel = 'breaking' | 'warning' | 'info'
export const changeLevels: readonly ChangeLevel[] = ['breaking', 'warning', 'info']

export interface Change {
  kind: ContractKind
  /** Rule id in the ecosystem's vocabulary (oasdiff ids, buf ids, apidiff, gomod-*). */
  id: string
  level: ChangeLevel
  message: string
  /** "GET /pets" for OpenAPI, "pkg.Service/Method" for protobuf RPCs, null elsewhere. */
  operation: string | null
  /**
   * Every operation the change reaches, when one change to a shared element (an OpenAPI component
   * schema used by many operations) is reported once; `operation` is then the first of them.
   */
  operations?: string[]
  /** Object path for Go (`T.M`), fully-qualified name for protobuf, null elsewhere. */
  symbol: string | null
  /** Head-side file, or base-side for something removed; relative to the contract root. */
  file: string | null
  /** 1-based line of the element in `file`. */
  line: number | null
  ignored: boolean
  /** Stable across runs and line moves: see fingerprintOf. */
  fingerprint: string
  /** Why an ignore entry or override applied, when one did. */
  ignoreReason?: string
  /**
   * Where a PR annotation goes when `file`/`line` are base-side (something removed): the head side's
   * nearest surviving parent element (`line` null: the file itself), or null when the head has no file
   * to attach it to. Absent when `file`/`line` are already head-side.
   */
  anchor?: { file: string; line: number | null } | null
  /**
   * `base` when `file`/`line` are in the base code though nothing was removed there (the call
   * sites a dependency upgrade breaks), so links point at the base commit. Absent otherwise.
   */
  side?: 'base'
  /** Base-side location when the head side is shown (for links to both). */
  baseFile?: string | null
  baseLine?: number | null
  /**
   * The release this change needs when its ecosystem says otherwise than its level (breaking →
   * major, else minor): go.mod changes follow gorelease (a replace needs only a patch release).
   */
  release?: 'major' | 'minor' | 'patch'
  /**
   * Dependency-impact findings (gomod): the upgrade they come from (`example.com/lib v1.4.0 →
   * v1.5.0`), so reports can group them per dependency.
   */
  dependency?: string
}

/** A rule as data, so `rollback-guard rules` can list it and docs can be generated from code. */
export interface RuleDefinition {
  id: string
  kind: ContractKind
  level: ChangeLevel
  /** request / response / none for OpenAPI; the buf categories for protobuf. */
  direction?: 'request' | 'response' | 'none'
  categories?: readonly string[]
  /** One line: why this level. */
  reason: string
}
