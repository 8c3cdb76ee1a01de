import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, posix } from 'node:path'
import { contractKinds, type ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { messageOf } from '../core/errors.js'
import { fingerprintOf } from '../core/fingerprint.js'
import { emptyConfig } from '../contract/config/load.js'
import type { ReportChange, ReportContract, ReportNote } from '../contract/report/model.js'
import type { ContractRecord } from '../manifest/types.js'
import type { ManifestStore, StoredManifest } from '../manifest/store.js'
import type { RollbackContracts } from '../revert/rollback-impact.js'
import { contractEngines } from '../contract/engines.js'
import { assembleReport } from './contract-report.js'

export interface RollbackContractsOptions {
  bad: StoredManifest
  good: StoredManifest
  store: Pick<ManifestStore, 'readSnapshot'>
  engines?: Partial<Record<ContractKind, ContractEngine>>
  now: Date
  log: (message: string) => void
}

/** Kinds whose engine compares a folder of files (a proto tree, Go packages) rather than one file. */
const treeKinds = new Set<ContractKind>(['protobuf', 'go'])

/** A snapshot recorded without a kind (a plain `--contract path`): the kind its name implies. */
export function inferKind(path: string): ContractKind | null {
  const name = posix.basename(path)
  if (name === 'go.mod') return 'gomod'
  if (name.endsWith('.proto')) return 'protobuf'
  if (name.endsWith('.go')) return 'go'
  if (/\.(ya?ml|json)$/i.test(name)) return 'openapi'
  return null
}

function kindOf(record: ContractRecord): ContractKind | null {
  if (record.kind && (contractKinds as readonly string[]).includes(record.kind))
    return record.kind as ContractKind
  return record.kind ? null : inferKind(record.path)
}

/** A snapshot path safe to write under a scratch folder; null when it would leave it. */
function safePath(path: string): string | null {
  const normal = posix.normalize(path.replace(/\\/g, '/'))
  return normal.startsWith('../') || normal === '..' || isAbsolute(normal) ? null : normal
}

function commonFolder(paths: readonly string[]): string {
  const parts = paths.map((p) => posix.dirname(p).split('/'))
  const first = parts[0] ?? []
  let length = first.length
  for (const other of parts) {
    let i = 0
    while (i < length && other[i] === first[i]) i++
    length = i
  }
  const folder = first.slice(0, length).join('/')
  return folder === '' ? '.' : folder
}

function oneSidedChange(
  contract: string,
  kind: ContractKind,
  path: string,
  side: 'bad' | 'good'
): ReportChange {
  const id = side === 'bad' ? 'contract-removed' : 'contract-added'
  return {
    kind,
    id,
    level: side === 'bad' ? 'breaking' : 'info',
    message:
      side === 'bad'
        ? `${kind} contract ${path} exists only in the failing release: the rollback removes it`
        : `${kind} contract ${path} exists only in the last good release: the rollback brings it back`,
    operation: null,
    symbol: null,
    file: path,
    line: null,
    ignored: false,
    fingerprint: fingerprintOf({ kind, id, subject: path }),
    contract
  }
}

interface Unit {
  name: string
  kind: ContractKind
  /** Files of this unit per side, repository-relative. */
  bad: ContractRecord[]
  good: ContractRecord[]
}

/** One unit per file for file kinds, one per kind for tree kinds (their files compared together). */
function unitsOf(
  bad: StoredManifest,
  good: StoredManifest
): { units: Unit[]; unknown: ContractRecord[] } {
  const units = new Map<string, Unit>()
  const unknown: ContractRecord[] = []
  for (const [side, stored] of [
    ['bad', bad],
    ['good', good]
  ] as const) {
    for (const record of stored.manifest.contracts ?? []) {
      const kind = kindOf(record)
      if (!kind) {
        if (!unknown.some((r) => r.path === record.path)) unknown.push(record)
        continue
      }
      // a migrations snapshot is one file of its folder: the folder is the contract
      const folder = kind === 'migrations' ? posix.dirname(record.path) : null
      const key = treeKinds.has(kind)
        ? `${kind}:`
        : folder !== null
          ? `${kind}:${folder}`
          : `${kind}:${record.path}`
      const unit = units.get(key) ?? { name: folder ?? record.path, kind, bad: [], good: [] }
      unit[side].push(record)
      units.set(key, unit)
    }
  }
  for (const unit of units.values()) {
    if (treeKinds.has(unit.kind))
      unit.name = commonFolder([...unit.bad, ...unit.good].map((r) => r.path))
  }
  return { units: [...units.values()], unknown }
}

/** Writes a side's snapshots under `root`; returns the paths that could not be read. */
async function writeSide(
  store: RollbackContractsOptions['store'],
  stored: StoredManifest,
  records: readonly ContractRecord[],
  root: string
): Promise<string[]> {
  const missing: string[] = []
  for (const record of records) {
    const path = safePath(record.path)
    const content = path ? await store.readSnapshot(stored, record.path).catch(() => null) : null
    if (!path || !content) {
      missing.push(record.path)
      continue
    }
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
  return missing
}

/**
 * The contract side of a rollback: each contract snapshot of the failing release against the same
 * contract of the last good release, with the contract engines, failing -> good. A contract kept by
 * one release only is stated; a snapshot that cannot be read, or an engine that cannot compare, makes
 * that contract `skipped` with the reason and a warning. Nothing here stops the revert.
 */
export async function compareReleaseContracts(
  options: RollbackContractsOptions
): Promise<RollbackContracts> {
  const { bad, good, store } = options
  const engines = options.engines ?? contractEngines
  const { units, unknown } = unitsOf(bad, good)
  const contracts: ReportContract[] = []
  const changes: ReportChange[] = []
  const notes: ReportNote[] = []
  const skip = (unit: Unit, note: string) => {
    contracts.push({
      name: unit.name,
      kind: unit.kind,
      paths: [unit.name],
      status: 'skipped',
      note
    })
    notes.push({
      level: 'warning',
      message: `contract ${unit.name} was not compared: ${note}; what the rollback does to it is unknown.`,
      contract: unit.name
    })
  }
  for (const { path, kind } of unknown) {
    notes.push({
      level: 'warning',
      message: kind
        ? `contract snapshot ${path} is of kind '${kind}', which this version of rollback-guard cannot compare; what the rollback does to it is unknown.`
        : `contract snapshot ${path} has no known kind, so it was not compared; record it as kind:path (e.g. openapi:${path}).`
    })
  }

  const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-rollback-'))
  try {
    // Every snapshot of a release in one tree, so a spec's references to its sibling files resolve.
    const badRoot = join(scratch, 'failing')
    const goodRoot = join(scratch, 'good')
    const unreadable = new Set([
      ...(await writeSide(store, bad, bad.manifest.contracts ?? [], badRoot)).map(
        (p) => `bad:${p}`
      ),
      ...(await writeSide(store, good, good.manifest.contracts ?? [], goodRoot)).map(
        (p) => `good:${p}`
      )
    ])
    for (const unit of units) {
      const engine = engines[unit.kind]
      if (unit.bad.length === 0 || unit.good.length === 0) {
        const side = unit.bad.length > 0 ? 'bad' : 'good'
        contracts.push({
          name: unit.name,
          kind: unit.kind,
          paths: [unit.name],
          status: side === 'bad' ? 'removed' : 'new',
          note:
            side === 'bad'
              ? `only the failing release ${bad.manifest.source.commit.slice(0, 12)} records it: the rollback removes it`
              : `only the last good release ${good.manifest.source.commit.slice(0, 12)} records it: the rollback brings it back`
        })
        changes.push(oneSidedChange(unit.name, unit.kind, unit.name, side))
        continue
      }
      if (!engine) {
        skip(unit, `this version of rollback-guard has no engine for ${unit.kind} contracts`)
        continue
      }
      const missing = [
        ...unit.bad
          .filter((r) => unreadable.has(`bad:${r.path}`))
          .map((r) => `${r.path} (failing release)`),
        ...unit.good
          .filter((r) => unreadable.has(`good:${r.path}`))
          .map((r) => `${r.path} (last good release)`)
      ]
      if (missing.length > 0) {
        skip(unit, `snapshot missing or unreadable in the manifest store: ${missing.join(', ')}`)
        continue
      }
      const target =
        treeKinds.has(unit.kind) || unit.kind === 'migrations'
          ? unit.name
          : (unit.bad[0] as ContractRecord).path
      options.log(`rollback: comparing ${unit.kind} contract ${unit.name} (failing -> last good)`)
      try {
        // The engines' own progress names the scratch folder, which means nothing to a reader.
        const found = await engine.diff(join(badRoot, target), join(goodRoot, target), {
          baseRoot: badRoot,
          headRoot: goodRoot,
          now: options.now,
          // Snapshots hold go.mod files, not the code whose calls dependency impact looks for.
          settings: { dependencyImpact: 'off' }
        })
        contracts.push({ name: unit.name, kind: unit.kind, paths: [unit.name], status: 'compared' })
        for (const change of found) changes.push({ ...change, contract: unit.name })
      } catch (error) {
        skip(unit, messageOf(error))
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }

  return assembleReport({
    base: { ref: bad.manifest.source.tag, sha: bad.manifest.source.commit, source: 'manifest' },
    head: { ref: good.manifest.source.tag, sha: good.manifest.source.commit },
    contracts,
    changes,
    notes,
    config: emptyConfig(),
    failOn: 'never',
    baseVersion: null,
    declaredVersion: null,
    now: options.now
  })
}
