import { isPlainName } from '../core/names.js'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../core/errors.js'
import { redactText } from '../core/redact.js'
import { inlineCode } from '../report/markdown-escape.js'
import { buildManifest, type ManifestParts } from '../manifest/build.js'
import { serializeManifest, sha256Hex, manifestId } from '../manifest/canonical.js'
import { readConfigVersion } from '../manifest/config-version.js'
import { readGoModHeader } from '../manifest/go-mod-header.js'
import {
  assertNoDuplicateImages,
  assertDigest,
  parseBuildMetadata,
  parseImageReference
} from '../manifest/images.js'
import type { ManifestStore, StoredManifest } from '../manifest/store.js'
import type {
  ConfigFileRecord,
  ContractRecord,
  GoModuleRecord,
  ImageRecord,
  ManifestSource,
  RollbackManifest,
  Verdict
} from '../manifest/types.js'
import { assertValidManifest } from '../manifest/validate.js'
import { collectMigrationRecords } from './manifest-migrations.js'
import type * as fileHelpers from '../platform/fs/files.js'

export interface ManifestCreateOptions {
  /** Repository root: every path below is relative to it. */
  root: string
  service: string
  env: string
  /** go.mod files or their folders; empty = every go.mod found below the root; null = none. */
  goMods: string[] | null
  images: string[]
  /** docker/build-push-action `metadata` JSON: file paths, or the JSON itself. */
  buildMetadata: string[]
  digest: string | null
  imageName: string | null
  allowTagOnlyImages: boolean
  configVersion: string | null
  configVersionFile: string | null
  configVersionKey: string | null
  configFiles: string[]
  contracts: { path: string; kind: string | null }[]
  source: ManifestSource
  now: Date
  /** Where to also write the manifest JSON (atomically), or null. */
  out: string | null
}

export interface ManifestCreateResult {
  manifest: RollbackManifest
  json: string
  sha256: string
  id: string
  previousSha256: string | null
  storeCommit: string | null
  location: string | null
  outPath: string | null
}

/** The file work of recording a release: globbing, hashing, reading inputs, writing `out`. */
export type ReleaseFiles = Pick<
  typeof fileHelpers,
  | 'expandFilePatterns'
  | 'findGoModFiles'
  | 'hashFile'
  | 'isDirectory'
  | 'readUserFile'
  | 'writeFileAtomic'
>

export interface ManifestPorts {
  /** The repository's files (src/wiring passes platform/fs/files.ts). */
  files: ReleaseFiles
  /** null = store none (output only). */
  store: ManifestStore | null
  log: (message: string) => void
}

/**
 * Collects and validates everything first, so a bad input fails before anything is written;
 * then stores the manifest chained to the previous one, then writes --out.
 */
export async function createManifest(
  options: ManifestCreateOptions,
  ports: ManifestPorts
): Promise<ManifestCreateResult> {
  assertName(options.service, 'service')
  assertName(options.env, 'env')
  const { files } = ports
  const parts: ManifestParts = {
    service: options.service,
    env: options.env,
    createdAt: options.now,
    source: options.source,
    go: await collectGoModules(files, options.root, options.goMods, ports.log),
    images: await collectImages(files, options),
    configVersion: await collectConfigVersion(files, options),
    configFiles: await collectConfigFiles(files, options.root, options.configFiles, ports.log),
    contracts: []
  }
  const contractPaths = new Map<string, string | null>()
  for (const contract of options.contracts) {
    for (const path of await files.expandFilePatterns(options.root, [contract.path], 'contracts'))
      contractPaths.set(path, contract.kind)
  }
  const contracts: ContractRecord[] = []
  const snapshots = new Map<string, string>()
  for (const [path, kind] of contractPaths) {
    const full = join(options.root, path)
    contracts.push({ path, sha256: (await files.hashFile(full)).sha256, kind })
    snapshots.set(path, full)
  }
  parts.contracts = contracts
  parts.migrations = await collectMigrationRecords(
    options.root,
    options.contracts,
    files.isDirectory
  )
  // Validate the shape once before storing: a schema error must not leave a commit behind.
  assertValidManifest(buildManifest(parts, null), 'the manifest built from these inputs')

  let stored: StoredManifest
  if (ports.store) {
    stored = await ports.store.append(options.service, options.env, (previous) => ({
      manifest: buildManifest(parts, previous),
      snapshots
    }))
  } else {
    const manifest = buildManifest(parts, null)
    const sha256 = sha256Hex(serializeManifest(manifest))
    stored = { id: manifestId(manifest, sha256), sha256, manifest, storeCommit: null, location: '' }
  }
  assertValidManifest(stored.manifest, 'the stored manifest')
  const json = serializeManifest(stored.manifest)
  if (options.out) await files.writeFileAtomic(resolve(options.root, options.out), json)
  return {
    manifest: stored.manifest,
    json,
    sha256: stored.sha256,
    id: stored.id,
    previousSha256: stored.manifest.previous?.sha256 ?? null,
    storeCommit: stored.storeCommit,
    location: stored.location || null,
    outPath: options.out ? resolve(options.root, options.out) : null
  }
}

function assertName(value: string, input: string): void {
  if (!isPlainName(value)) {
    throw new InputError(
      `${input} '${value}' is not a valid name: use letters, digits, '.', '_' or '-' (at most 63), starting with a letter or digit.`
    )
  }
}

async function collectGoModules(
  files: ReleaseFiles,
  root: string,
  named: string[] | null,
  log: (m: string) => void
): Promise<GoModuleRecord[]> {
  if (named === null) return []
  let goModFiles: string[]
  if (named.length === 0) {
    goModFiles = await files.findGoModFiles(root)
    if (goModFiles.length > 0) log(`found ${goModFiles.length} Go module(s)`)
  } else {
    goModFiles = []
    for (const entry of named) {
      const path = (await files.isDirectory(join(root, entry))) ? join(entry, 'go.mod') : entry
      goModFiles.push(...(await files.expandFilePatterns(root, [path], 'go-mod')))
    }
  }
  const modules: GoModuleRecord[] = []
  for (const file of [...new Set(goModFiles)].sort()) {
    const full = join(root, file)
    const text = await files.readUserFile(full, 'go-mod')
    const header = readGoModHeader(text)
    if (!header.module) {
      throw new InputError(`go-mod: '${file}' has no 'module' line; is it a go.mod file?`)
    }
    const goSum = join(dirname(full), 'go.sum')
    const goSumHash = await files
      .hashFile(goSum)
      .then((h) => h.sha256)
      .catch(() => null)
    modules.push({
      path: dirname(file).split('\\').join('/'),
      module: header.module,
      goVersion: header.goVersion,
      goModSha256: sha256Hex(text),
      goSumSha256: goSumHash
    })
  }
  return modules
}

async function collectImages(
  files: ReleaseFiles,
  options: ManifestCreateOptions
): Promise<ImageRecord[]> {
  const imageOptions = { allowTagOnly: options.allowTagOnlyImages }
  const images: ImageRecord[] = options.images.map((line) =>
    parseImageReference(line, 'images', imageOptions)
  )
  for (const entry of options.buildMetadata) {
    const inline = entry.trimStart().startsWith('{')
    const text = inline
      ? entry
      : await files.readUserFile(resolve(options.root, entry), 'build-metadata')
    images.push(
      ...parseBuildMetadata(
        text,
        inline ? 'build-metadata' : `build-metadata '${entry}'`,
        imageOptions
      )
    )
  }
  if (options.digest !== null || options.imageName !== null) {
    if (!options.digest || !options.imageName) {
      throw new InputError(
        `'digest' and 'image-name' go together: give both (image-name: ghcr.io/org/app, digest: sha256:…), or use 'images'.`
      )
    }
    assertDigest(options.digest, 'digest')
    images.push(
      parseImageReference(
        `${options.imageName}@${options.digest}`,
        'image-name/digest',
        imageOptions
      )
    )
  }
  assertNoDuplicateImages(images)
  return images
}

async function collectConfigVersion(
  files: ReleaseFiles,
  options: ManifestCreateOptions
): Promise<string | null> {
  if (options.configVersion !== null && options.configVersionFile !== null) {
    throw new InputError(`give either config-version or config-version-file, not both.`)
  }
  if (options.configVersion !== null) return options.configVersion
  if (options.configVersionFile === null) {
    if (options.configVersionKey)
      throw new InputError(
        `config-version-key needs config-version-file (the file that holds the key).`
      )
    return null
  }
  const text = await files.readUserFile(
    resolve(options.root, options.configVersionFile),
    'config-version-file'
  )
  return readConfigVersion(text, options.configVersionFile, options.configVersionKey)
}

async function collectConfigFiles(
  files: ReleaseFiles,
  root: string,
  patterns: string[],
  log: (m: string) => void
): Promise<ConfigFileRecord[]> {
  if (patterns.length === 0) return []
  const paths = await files.expandFilePatterns(root, patterns, 'config-files')
  const started = Date.now()
  const records: ConfigFileRecord[] = []
  let bytes = 0
  for (const path of paths) {
    const { sha256, size } = await files.hashFile(join(root, path))
    bytes += size
    records.push({ path, sha256, size })
  }
  log(
    `hashed ${records.length} config file(s), ${(bytes / 1048576).toFixed(1)} MiB, in ${Date.now() - started} ms`
  )
  return records
}

export async function showManifest(
  store: ManifestStore,
  service: string,
  env: string,
  ref: string
): Promise<StoredManifest> {
  const stored = await store.resolve(service, env, ref)
  if (!stored) {
    const hint =
      ref === 'last-good'
        ? 'no manifest has been marked good yet (rollback-guard manifest mark-good REF)'
        : 'check the service, env and reference'
    throw new InputError(`no manifest '${ref}' for ${service}/${env}: ${hint}.`)
  }
  return stored
}

/** A run link only to an http(s) URL, redacted, with nothing that could end the link early. */
function runLink(runUrl: string | null, attempt: number | null): string {
  if (!runUrl || !/^https?:\/\/[^\s()<>]+$/.test(runUrl)) return '—'
  return `[attempt ${attempt ?? 1}](${redactText(runUrl)})`
}

/**
 * Records the verdict of a release on its manifest (beside it: the manifest itself is immutable),
 * with the evidence that decided it, as an object (an SLO gate's evidence document).
 */
export async function markManifest(
  store: ManifestStore,
  service: string,
  env: string,
  ref: string,
  status: 'good' | 'bad',
  evidence: Record<string, unknown> | null,
  now: Date
): Promise<StoredManifest> {
  const verdict: Verdict = { status, decidedAt: now.toISOString(), evidence }
  return store.setVerdict(service, env, ref, verdict)
}

/** A readable table of what was recorded: the job summary and `manifest show --format markdown`. */
export function renderManifestMarkdown(
  manifest: RollbackManifest,
  extra: { id: string; sha256: string; storeCommit: string | null }
): string {
  const cell = (text: string | number | null | undefined) =>
    text === null || text === undefined || text === ''
      ? '—'
      : inlineCode(String(text), { inTable: true })
  const rows: string[] = [
    `### Rollback manifest ${inlineCode(manifest.service)} / ${inlineCode(manifest.env)}`,
    '',
    '| | |',
    '|---|---|',
    `| Manifest | ${cell(extra.id)} |`,
    `| sha256 | ${cell(extra.sha256)} |`,
    `| Verdict | ${manifest.verdict.status} |`,
    `| Source commit | ${cell(manifest.source.commit)} |`,
    `| Ref / tag | ${cell(manifest.source.ref)} / ${cell(manifest.source.tag)} |`,
    `| Run | ${runLink(manifest.source.runUrl, manifest.source.runAttempt)} |`,
    `| Previous | ${manifest.previous ? `${cell(manifest.previous.id)} (${cell(manifest.previous.sha256.slice(0, 12))})` : 'none (first manifest)'} |`,
    `| Config version | ${cell(manifest.config.version)} (${manifest.config.files.length} file(s), sha256 ${cell(manifest.config.sha256?.slice(0, 12))}) |`,
    `| Stored at | ${cell(extra.storeCommit)} |`
  ]
  if (manifest.images.length > 0) {
    rows.push('', '| Image | Tag | Digest |', '|---|---|---|')
    for (const image of manifest.images)
      rows.push(`| ${cell(image.name)} | ${cell(image.tag)} | ${cell(image.digest)} |`)
  }
  if (manifest.go.length > 0) {
    rows.push(
      '',
      '| Go module | Path | go | go.mod sha256 | go.sum sha256 |',
      '|---|---|---|---|---|'
    )
    for (const mod of manifest.go) {
      rows.push(
        `| ${cell(mod.module)} | ${cell(mod.path)} | ${cell(mod.goVersion)} | ${cell(mod.goModSha256.slice(0, 12))} | ${cell(mod.goSumSha256?.slice(0, 12))} |`
      )
    }
  }
  if (manifest.contracts.length > 0) {
    rows.push('', '| Contract snapshot | Kind | sha256 |', '|---|---|---|')
    for (const contract of manifest.contracts)
      rows.push(
        `| ${cell(contract.path)} | ${cell(contract.kind)} | ${cell(contract.sha256.slice(0, 12))} |`
      )
  }
  return `${rows.join('\n')}\n`
}
