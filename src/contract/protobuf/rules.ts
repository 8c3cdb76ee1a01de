import type { RuleDefinition } from '../../core/change.js'
import type { Check } from './checks/context.js'
import { enumChecks } from './checks/enums.js'
import { fieldChecks } from './checks/fields.js'
import { fileChecks } from './checks/files.js'
import { messageChecks } from './checks/messages.js'
import { serviceChecks } from './checks/services.js'
import { bufRuleData, type BufConfigVersion } from './rule-data.js'

/** Every buf breaking rule id mapped to its check. */
export const checksById: Record<string, Check> = {
  ...fileChecks,
  ...messageChecks,
  ...fieldChecks,
  ...enumChecks,
  ...serviceChecks
}

export const bufCategories = ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'] as const

/**
 * The registry `rollback-guard rules --kind protobuf` lists: buf's ids, with the categories of the
 * newest buf.yaml version that has the rule (v2, else v1). Every buf breaking rule is breaking.
 */
export const protobufRules: RuleDefinition[] = bufRuleData.map((rule) => {
  const info = rule.versions.v2 ?? rule.versions.v1 ?? rule.versions.v1beta1
  const deprecated = info?.deprecated ? ' (deprecated in buf)' : ''
  return {
    id: rule.id,
    kind: 'protobuf',
    level: 'breaking',
    categories: info?.categories ?? [],
    reason: rule.purpose + deprecated
  }
})

/** Rules of a category for a buf.yaml version, or all default rules. */
export function rulesOf(version: BufConfigVersion, category: string | null): string[] {
  return bufRuleData
    .filter((r) => {
      const info = r.versions[version]
      if (!info) return false
      return category === null ? info.default : info.categories.includes(category)
    })
    .map((r) => r.id)
}

export function ruleInfo(version: BufConfigVersion, id: string) {
  return bufRuleData.find((r) => r.id === id)?.versions[version]
}

export function categoriesOf(version: BufConfigVersion): Set<string> {
  const out = new Set<string>()
  for (const r of bufRuleData) for (const c of r.versions[version]?.categories ?? []) out.add(c)
  return out
}
