import type { RuleDefinition } from '../../core/change.js'

/**
 * The kinds of change apidiff reports, as ids. Incompatible ones are breaking: code that
 * compiled against the old API may not compile against the new one.
 */
export const goRules = [
  {
    id: 'object-removed',
    kind: 'go',
    level: 'breaking',
    reason: 'code referring to the exported const, var, func or type no longer compiles'
  },
  {
    id: 'object-added',
    kind: 'go',
    level: 'info',
    reason: 'a new exported name breaks no existing code'
  },
  {
    id: 'object-kind-changed',
    kind: 'go',
    level: 'breaking',
    reason: 'a const, var, func or type became another kind of object; uses of it no longer compile'
  },
  {
    id: 'func-became-var',
    kind: 'go',
    level: 'info',
    reason: 'a function variable can still be called like the function'
  },
  {
    id: 'type-changed',
    kind: 'go',
    level: 'breaking',
    reason: 'a changed type or signature breaks callers, implementers and assignments'
  },
  {
    id: 'type-parameters-changed',
    kind: 'go',
    level: 'warning',
    reason:
      "a generic function's type parameters or constraints changed: tightening breaks callers, loosening does not (not an apidiff finding)"
  },
  {
    id: 'numeric-type-widened',
    kind: 'go',
    level: 'info',
    reason: 'the new numeric type holds every value of the old one'
  },
  {
    id: 'const-value-changed',
    kind: 'go',
    level: 'breaking',
    reason:
      'code compiled against the old value (array sizes, switch cases, wire values) changes meaning'
  },
  {
    id: 'field-removed',
    kind: 'go',
    level: 'breaking',
    reason: 'struct literals and selections using the field no longer compile'
  },
  {
    id: 'field-added',
    kind: 'go',
    level: 'info',
    reason: 'keyed struct literals and selections keep compiling'
  },
  {
    id: 'method-removed',
    kind: 'go',
    level: 'breaking',
    reason: 'calls of the method, and interface satisfaction through it, no longer compile'
  },
  {
    id: 'method-added',
    kind: 'go',
    level: 'info',
    reason: 'a new method on a type (or on an interface only this package can implement) is safe'
  },
  {
    id: 'interface-method-added',
    kind: 'go',
    level: 'breaking',
    reason: 'types outside the package that implemented the interface no longer do'
  },
  {
    id: 'interface-unexported-method-added',
    kind: 'go',
    level: 'breaking',
    reason: 'the interface can no longer be implemented outside its package'
  },
  {
    id: 'struct-no-longer-comparable',
    kind: 'go',
    level: 'breaking',
    reason: '== on values and use as map keys no longer compile'
  },
  {
    id: 'no-longer-implements',
    kind: 'go',
    level: 'breaking',
    reason: "assignments of the type to the package's interface no longer compile"
  },
  {
    id: 'chan-direction-changed',
    kind: 'go',
    level: 'breaking',
    reason: 'sends or receives on the channel type no longer compile'
  },
  {
    id: 'chan-direction-removed',
    kind: 'go',
    level: 'info',
    reason: 'a bidirectional channel allows every operation the directional one did'
  },
  {
    id: 'package-removed',
    kind: 'go',
    level: 'breaking',
    reason: 'imports of the package no longer resolve'
  },
  {
    id: 'package-added',
    kind: 'go',
    level: 'info',
    reason: 'a new package breaks no existing import'
  },
  {
    id: 'package-unreadable',
    kind: 'go',
    level: 'warning',
    reason:
      'a package that could not be read (e.g. every file excluded by build constraints here) was not compared; a person should look'
  },
  {
    id: 'package-moved',
    kind: 'go',
    level: 'breaking',
    reason:
      'a package that moved to another import path breaks every import of the old path; its API is compared across the move'
  },
  {
    id: 'module-major-version-changed',
    kind: 'go',
    level: 'info',
    reason:
      'a new /vN module path is a new module for Go: importers opt in, so its incompatible changes are legitimate'
  }
] as const satisfies readonly RuleDefinition[]

export type GoRuleId = (typeof goRules)[number]['id']

export function goRule(id: GoRuleId): RuleDefinition {
  const rule = goRules.find((r) => r.id === id)
  if (!rule) throw new Error(`unknown Go rule ${id}`)
  return rule
}
