import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ContractEngine } from '../core/engine.js'
import type { ContractCheckConfig, FailOn } from '../contract/config/types.js'
import { applyPolicy } from '../contract/policy/apply.js'
import { semverOf, verdictOf } from '../contract/policy/verdict.js'
import {
  sortChanges,
  summarize,
  type ContractReport,
  type ReportChange,
  type ReportContract,
  type ReportNote
} from '../contract/report/model.js'

/** Assembles the report from the engines' changes: policy, order, counts, semver and verdict. */
export function assembleReport(parts: {
  base: ContractReport['base']
  head: ContractReport['head']
  contracts: ReportContract[]
  changes: ReportChange[]
  notes: ReportNote[]
  config: ContractCheckConfig
  failOn: FailOn
  baseVersion: string | null
  declaredVersion: string | null
  now: Date
}): ContractReport {
  const policy = applyPolicy(parts.changes, parts.config, parts.now)
  const changes = sortChanges(
    policy.changes,
    parts.contracts.map((c) => c.name)
  )
  const summary = summarize(changes)
  const semver = semverOf(parts.baseVersion, summary, parts.declaredVersion, changes)
  return {
    schemaVersion: 1,
    base: parts.base,
    head: parts.head,
    summary,
    semver,
    changes,
    failOn: parts.failOn,
    verdict: verdictOf(summary, parts.failOn, semver, parts.config.version.enforce),
    contracts: parts.contracts,
    notes: [...parts.notes, ...policy.notes]
  }
}

/** Rule ids the contract check itself reports, beside the engines' rules. */
export const checkRuleIds = ['contract-added', 'contract-removed']

/**
 * Overrides and ignore entries naming a rule id no engine has: most likely a typo, which would
 * otherwise silently do nothing. Notices, not errors, so configs survive renamed rules.
 */
export function unknownRuleNotes(
  config: ContractCheckConfig,
  engines: readonly ContractEngine[]
): ReportNote[] {
  const known = new Set([
    ...checkRuleIds,
    ...engines.flatMap((engine) => engine.rules.map((rule) => rule.id))
  ])
  const notes: ReportNote[] = []
  for (const id of Object.keys(config.overrides)) {
    if (!known.has(id))
      notes.push({
        level: 'warning',
        message: `override '${id}' names no rule of the configured contract kinds, so it changes nothing; check the id (\`rollback-guard rules\` lists them).`
      })
  }
  for (const entry of config.ignore) {
    if (entry.id !== undefined && !known.has(entry.id)) {
      notes.push({
        level: 'warning',
        message: `ignore entry${entry.line ? ` on line ${entry.line}` : ''} names the rule '${entry.id}', which no configured contract kind has; check the id (\`rollback-guard rules\` lists them).`
      })
    }
  }
  return notes
}

/** The version the head declares: package.json's "version", or the first line of a plain file. */
export async function readDeclaredVersion(
  root: string,
  files: readonly string[]
): Promise<string | null> {
  for (const file of files) {
    let text: string
    try {
      text = await readFile(join(root, file), 'utf8')
    } catch {
      continue
    }
    if (file.endsWith('.json')) {
      try {
        const version = (JSON.parse(text) as { version?: unknown }).version
        if (typeof version === 'string' && version.trim() !== '') return version.trim()
      } catch {
        continue
      }
    } else {
      const line = text.split('\n')[0]?.trim()
      if (line) return line
    }
  }
  return null
}
