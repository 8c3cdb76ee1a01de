import type { RuleDefinition } from '../../core/change.js'

/** go.mod changes, judged by what they do to builds of this module and of its importers. */
export const goModRules = [
  {
    id: 'gomod-module-path-changed',
    kind: 'gomod',
    level: 'breaking',
    reason:
      'every import of the module must change; the old path no longer resolves to new versions'
  },
  {
    id: 'gomod-module-major-version-changed',
    kind: 'gomod',
    level: 'warning',
    reason: 'a new /vN major version: importers must change their import paths to adopt it'
  },
  {
    id: 'gomod-module-deprecated',
    kind: 'gomod',
    level: 'warning',
    reason: 'importers are told by the go command to move away from the module'
  },
  {
    id: 'gomod-go-version-raised',
    kind: 'gomod',
    level: 'warning',
    reason: 'builds need this Go version or newer; older toolchains fail or download a new one'
  },
  {
    id: 'gomod-go-version-lowered',
    kind: 'gomod',
    level: 'info',
    reason: 'older toolchains can build the module'
  },
  {
    id: 'gomod-toolchain-changed',
    kind: 'gomod',
    level: 'info',
    reason: 'the preferred toolchain applies when this is the main module; importers are unaffected'
  },
  {
    id: 'gomod-godebug-changed',
    kind: 'gomod',
    level: 'info',
    reason: 'runtime behaviour settings apply when this is the main module'
  },
  {
    id: 'gomod-dependency-major-bumped',
    kind: 'gomod',
    level: 'warning',
    reason:
      'a new major version of a dependency is a different API; the bump is the usual cause of failed rollbacks'
  },
  {
    id: 'gomod-dependency-downgraded',
    kind: 'gomod',
    level: 'warning',
    reason:
      'an older dependency can bring back fixed bugs, and importers requiring the newer one still get it'
  },
  {
    id: 'gomod-dependency-removed',
    kind: 'gomod',
    level: 'warning',
    reason: 'code or importers that relied on the requirement must resolve it another way'
  },
  {
    id: 'gomod-dependency-upgraded',
    kind: 'gomod',
    level: 'info',
    reason: 'a minor or patch upgrade is compatible by semantic import versioning'
  },
  {
    id: 'gomod-dependency-added',
    kind: 'gomod',
    level: 'info',
    reason: 'a new requirement breaks no build'
  },
  {
    id: 'gomod-indirect-dependencies-changed',
    kind: 'gomod',
    level: 'info',
    reason: 'indirect requirements follow from the direct ones; listed together'
  },
  {
    id: 'gomod-replace-local-path',
    kind: 'gomod',
    level: 'breaking',
    reason: 'a directory replacement exists only in this checkout: other builds cannot reproduce it'
  },
  {
    id: 'gomod-replace-added',
    kind: 'gomod',
    level: 'warning',
    reason:
      'the module builds against other code than its requirement names; importers do not see the replacement'
  },
  {
    id: 'gomod-replace-changed',
    kind: 'gomod',
    level: 'warning',
    reason: 'the code a requirement resolves to changed'
  },
  {
    id: 'gomod-replace-removed',
    kind: 'gomod',
    level: 'info',
    reason: 'the requirement resolves to its published version again'
  },
  {
    id: 'gomod-exclude-added',
    kind: 'gomod',
    level: 'warning',
    reason: 'version selection changes when this is the main module'
  },
  {
    id: 'gomod-exclude-removed',
    kind: 'gomod',
    level: 'info',
    reason: 'an excluded version may be selected again'
  },
  {
    id: 'gomod-retract-added',
    kind: 'gomod',
    level: 'warning',
    reason:
      'importers on a retracted version are told to move off it; check the range and the rationale'
  },
  {
    id: 'gomod-retract-removed',
    kind: 'gomod',
    level: 'info',
    reason: 'versions are no longer retracted'
  },
  {
    id: 'dependency-api-break',
    kind: 'gomod',
    level: 'breaking',
    reason:
      'the upgraded dependency changed, incompatibly, an object this module uses: the call site no longer compiles or changes meaning (--dependency-impact)'
  },
  {
    id: 'dependency-api-changes-unused',
    kind: 'gomod',
    level: 'info',
    reason:
      'the upgraded dependency has incompatible API changes, but this module uses none of the objects they touch (--dependency-impact)'
  },
  {
    id: 'dependency-release-notes',
    kind: 'gomod',
    level: 'info',
    reason:
      "behaviour changes an API diff cannot see: the upgraded dependency's own release notes between the two versions (--dependency-impact)"
  },
  {
    id: 'dependency-version-retracted',
    kind: 'gomod',
    level: 'warning',
    reason:
      'the authors retracted the version the upgrade moves to: the go command warns about it and will not select it by default (--dependency-impact)'
  },
  {
    id: 'dependency-unavailable',
    kind: 'gomod',
    level: 'warning',
    reason:
      'a version of an upgraded dependency could not be downloaded or read, so what the upgrade breaks is unknown (--dependency-impact)'
  },
  {
    id: 'dependency-impact-skipped',
    kind: 'gomod',
    level: 'info',
    reason:
      'requirements changed but their calls were not looked for: no Go code beside the base go.mod, or an engine without the Go toolchain (--dependency-impact)'
  }
] as const satisfies readonly RuleDefinition[]

export type GoModRuleId = (typeof goModRules)[number]['id']

export function goModRule(id: GoModRuleId): RuleDefinition {
  const rule = goModRules.find((r) => r.id === id)
  if (!rule) throw new Error(`unknown go.mod rule ${id}`)
  return rule
}
