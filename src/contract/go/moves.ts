import type { PackageDump } from './dump.js'

/** A package that left one folder and appeared in another: the same package, moved. */
export interface PackageMove {
  from: PackageDump
  to: PackageDump
  /** Share of exported names both have (0..1). */
  similarity: number
}

/** At least this share of the exported names must be shared for a removal + addition to be a move. */
const minSimilarity = 0.5

/**
 * Pairs removed packages with added ones of the same package name whose exported API is largely
 * the same (clientv3 → client/v3), best matches first; each package is in at most one move.
 */
export function findPackageMoves(
  removed: readonly PackageDump[],
  added: readonly PackageDump[]
): PackageMove[] {
  const candidates: PackageMove[] = []
  for (const from of removed) {
    for (const to of added) {
      if (from.name !== to.name) continue
      const similarity = apiSimilarity(from, to)
      if (similarity >= minSimilarity) candidates.push({ from, to, similarity })
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity || a.from.path.localeCompare(b.from.path))
  const used = new Set<PackageDump>()
  const moves: PackageMove[] = []
  for (const c of candidates) {
    if (used.has(c.from) || used.has(c.to)) continue
    used.add(c.from)
    used.add(c.to)
    moves.push(c)
  }
  return moves
}

function apiSimilarity(a: PackageDump, b: PackageDump): number {
  const names = (p: PackageDump) => new Set(p.objects.map((o) => `${o.kind} ${o.name}`))
  const x = names(a)
  const y = names(b)
  if (x.size === 0 && y.size === 0) return 1
  let shared = 0
  for (const n of x) if (y.has(n)) shared++
  return shared / Math.max(x.size, y.size)
}
