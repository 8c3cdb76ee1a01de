import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The folder of an outside conformance corpus (`<kind>` under `conformance/`), which is not part of this
 * repository: RG_CONFORMANCE_DIR when set, else `../shared/conformance` next to the repository or next to
 * a worktree's parent. Only `*.conformance.test.ts` files use it (`npm run test:conformance`); when it is
 * missing they fail naming where they looked, since the conformance step runs only when it exists.
 */
export function conformanceDir(kind: string, repoRoot: string): string {
  const roots = process.env.RG_CONFORMANCE_DIR
    ? [resolve(process.env.RG_CONFORMANCE_DIR)]
    : ['../shared', '../../shared'].map((dir) => resolve(repoRoot, dir, 'conformance'))
  const found = roots.map((root) => resolve(root, kind)).find((dir) => existsSync(dir))
  if (!found)
    throw new Error(
      `no ${kind} conformance corpus in ${roots.join(' or ')}: set RG_CONFORMANCE_DIR to the folder holding ${kind}/`
    )
  return found
}
