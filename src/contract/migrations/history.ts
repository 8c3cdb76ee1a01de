import type { Finding } from './finding.js'
import { compareVersions, type Migration, type MigrationSet } from './layout.js'

export interface HistoryComparison {
  /** Head migrations the base did not have, in apply order. */
  fresh: Migration[]
  /** Findings on the base-side file (deleted) or the head-side file (edited, out of order). */
  baseFindings: Finding[]
  headFindings: Finding[]
}

/** Released migrations are immutable: compares the two directories version by version. */
export function compareHistory(base: MigrationSet, head: MigrationSet): HistoryComparison {
  const released = new Map(base.migrations.map((m) => [m.version, m]))
  const current = new Map(head.migrations.map((m) => [m.version, m]))
  const newest = base.migrations[base.migrations.length - 1]?.version ?? null
  const baseFindings: Finding[] = []
  const headFindings: Finding[] = []
  for (const m of base.migrations) {
    const now = current.get(m.version)
    if (!now) {
      baseFindings.push({
        id: 'migration-released-deleted',
        message: `released migration ${m.version} (${m.up.file}) was deleted; databases keep its changes and can no longer roll it back`,
        file: m.up.file,
        line: null,
        symbol: m.version
      })
    } else if (now.checksum !== m.checksum) {
      const which = now.up.sql !== m.up.sql ? 'up' : 'down'
      headFindings.push({
        id: 'migration-released-edited',
        message: `released migration ${m.version} (${now.up.file}) was edited (its ${which}); databases that already ran it never see the change`,
        file: which === 'up' ? now.up.file : (now.down?.file ?? now.up.file),
        line: null,
        symbol: m.version
      })
    }
  }
  const fresh = head.migrations.filter((m) => !released.has(m.version))
  for (const m of fresh) {
    if (newest !== null && compareVersions(m.version, newest) < 0) {
      headFindings.push({
        id: 'migration-out-of-order',
        message: `new migration ${m.version} sorts before released migration ${newest}; databases already at ${newest} skip or refuse it`,
        file: m.up.file,
        line: null,
        symbol: m.version
      })
    }
  }
  return { fresh, baseFindings, headFindings }
}
