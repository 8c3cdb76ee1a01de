import type { Bump } from '../policy/semver.js'
import type { GoModRuleId } from './rules.js'
import { parseModuleVersion } from './versions.js'

/**
 * The release each go.mod change needs, by gorelease's rules (golang.org/x/exp/cmd/gorelease),
 * which differ from "breaking → major, anything else → minor":
 * - a new module path is a new module: a /vN suffix gained or raised means the next release is
 *   vN.0.0 (major), and so does any other path change;
 * - replace and exclude directives only apply in the main module, so importers never see them
 *   (patch); nor do toolchain and godebug lines; a retraction is published by a patch release;
 * - a requirement that is only raised to a later patch or pseudo-version is a patch release;
 *   a new, removed, downgraded or minor/major-raised requirement, or a raised go line, changes what
 *   importers build with (minor).
 */
export const releaseByRule: Record<GoModRuleId, Bump> = {
  'gomod-module-path-changed': 'major',
  'gomod-module-major-version-changed': 'major',
  'gomod-module-deprecated': 'patch',
  'gomod-go-version-raised': 'minor',
  'gomod-go-version-lowered': 'patch',
  'gomod-toolchain-changed': 'patch',
  'gomod-godebug-changed': 'patch',
  'gomod-dependency-major-bumped': 'minor',
  'gomod-dependency-downgraded': 'minor',
  'gomod-dependency-removed': 'minor',
  'gomod-dependency-upgraded': 'minor',
  'gomod-dependency-added': 'minor',
  'gomod-indirect-dependencies-changed': 'minor',
  'gomod-replace-local-path': 'patch',
  // What an upgrade does to this module's own code: the requirement change above is what
  // importers see, so these never raise the release it needs (they are on by default).
  'dependency-api-break': 'patch',
  'dependency-api-changes-unused': 'patch',
  'dependency-unavailable': 'patch',
  'dependency-release-notes': 'patch',
  'dependency-version-retracted': 'patch',
  'dependency-impact-skipped': 'patch',
  'gomod-replace-added': 'patch',
  'gomod-replace-changed': 'patch',
  'gomod-replace-removed': 'patch',
  'gomod-exclude-added': 'patch',
  'gomod-exclude-removed': 'patch',
  'gomod-retract-added': 'patch',
  'gomod-retract-removed': 'patch'
}

/**
 * Whether raising a requirement from `from` to `to` is patch-level for importers: the same
 * major.minor (v1.4.2 → v1.4.3, or to a pseudo-version on that line such as
 * v1.4.3-0.20240101000000-abcdef123456).
 */
export function isPatchUpgrade(from: string, to: string): boolean {
  const a = parseModuleVersion(from)
  const b = parseModuleVersion(to)
  return a !== null && b !== null && a.major === b.major && a.minor === b.minor
}
