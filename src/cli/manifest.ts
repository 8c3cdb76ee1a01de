import { basename } from 'node:path'
import { Command, Option } from 'commander'
import { stringify as toYaml } from 'yaml'
import { InputError } from '../core/errors.js'
import { markManifest, renderManifestMarkdown, showManifest } from '../commands/manifest.js'
import { serializeManifest } from '../manifest/canonical.js'
import { detectSource, repositoryRoot } from '../platform/ci-source.js'
import { loadManifestConfig } from '../commands/manifest-config.js'
import { parseContractSpec } from '../manifest/config-section.js'
import { collect, progress, type CliIo } from './io.js'
import { openStore } from '../wiring/store.js'
import { runManifestJob } from '../wiring/manifest.js'
import { readEvidenceFile } from '../wiring/evidence.js'
import { addStoreOptions, storeSettingsOf } from './store-options.js'
import type { CommandResult } from './program.js'

/** `--format`: an unknown value is a usage error (exit 2), never JSON printed instead. */
function formatOption(description: string): Option {
  return new Option('--format <format>', description)
    .choices(['json', 'yaml', 'markdown'])
    .default('json')
}

async function rootAndDefaults(io: CliIo, options: { service?: string }) {
  const root = (await repositoryRoot(io.cwd)) ?? io.cwd
  const repository = io.env.GITHUB_REPOSITORY?.split('/')[1]
  const service = options.service ?? repository ?? basename(root)
  return { root, service }
}

export function manifestCommand(
  io: CliIo,
  run: (body: () => Promise<CommandResult>) => Promise<void>
): Command {
  const manifest = new Command('manifest').description(
    'write, show and judge rollback manifests (what each build released)'
  )

  addStoreOptions(
    manifest
      .command('create')
      .description(
        'record a build: source commit, Go modules, image digests, config version and contract snapshots, chained to the previous manifest'
      )
      .option(
        '--go-mod <path>',
        'a go.mod (or its folder) to record; repeatable (default: every go.mod below the repository root)',
        collect,
        []
      )
      .option('--no-go', 'record no Go modules')
      .option(
        '--image <ref>',
        'an image as NAME@sha256:DIGEST (NAME:TAG@sha256:DIGEST keeps the tag); repeatable',
        collect,
        []
      )
      .option(
        '--build-metadata <file>',
        "docker/build-push-action's metadata JSON (a file); repeatable",
        collect,
        []
      )
      .option('--image-name <name>', 'image name for --digest')
      .option('--digest <sha256:hex>', 'the pushed digest of --image-name')
      .option(
        '--allow-tag-only-images',
        'record images given by tag only (they cannot be restored exactly)',
        false
      )
      .option('--config-version <version>', 'the deployed configuration version')
      .option(
        '--config-version-file <file>',
        'read the config version from this file (its text, or the YAML key of --config-version-key)'
      )
      .option(
        '--config-version-key <key>',
        'dotted YAML key holding the version in --config-version-file (e.g. image.tag)'
      )
      .option(
        '--config-files <glob>',
        'config files to hash (globs, relative to the repository root); repeatable',
        collect,
        []
      )
      .option(
        '--contract <path>',
        'a contract file or glob to snapshot beside the manifest (kind:path sets its kind, e.g. openapi:api/openapi.yaml); repeatable',
        collect,
        []
      )
      .option('--commit <sha>', 'source commit (default: GITHUB_SHA or HEAD)')
      .option('--ref <ref>', 'source ref (default: GITHUB_REF or the current branch)')
      .option('--tag <tag>', 'release tag (default: the tag on the commit, if any)')
      .option(
        '--config <file>',
        "settings file: its 'manifest:' section gives defaults for these flags, and its 'contracts:' are snapshotted (default: .rollback-guard.yml when present)"
      )
      .option('--out <file>', 'also write the manifest JSON to this file')
      .addOption(formatOption('stdout: json (the manifest), yaml (the same) or markdown (a table)'))
      .addHelpText(
        'after',
        `
Examples:
  rollback-guard manifest create --service api --env prod \\
      --image ghcr.io/acme/api@sha256:4f2c... --config-files 'deploy/**/*.yaml' \\
      --contract openapi:api/openapi.yaml
  rollback-guard manifest create --store file --store-path out/manifests --out manifest.json

Nothing is written when an input is invalid. With --store branch, concurrent runs all land:
a run that loses the push race rebuilds on the new tip and pushes again.`
      )
  ).action((options, command: Command) =>
    run(async () => {
      const root = (await repositoryRoot(io.cwd)) ?? io.cwd
      const config = await loadManifestConfig(root, options.config ?? null)
      const given = (name: string) => command.getOptionValueSource(name) === 'cli'
      const setting = <T>(name: string, fromConfig: T | undefined, fallback: T): T =>
        given(name) ? (options[name] as T) : (fromConfig ?? fallback)
      const service = (
        await rootAndDefaults(io, { service: options.service ?? config.settings.service })
      ).service
      const log = progress(io)
      const store = storeSettingsOf({
        store: setting('store', config.settings.store, 'branch'),
        branch: setting('branch', config.settings.branch, 'rollback-manifests'),
        remote: setting<string | undefined>('remote', config.settings.remote, undefined),
        storePath: setting('storePath', config.settings.storePath, '.rollback-guard/manifests')
      })
      const source = await detectSource(root, io.env, {
        commit: options.commit,
        ref: options.ref,
        tag: options.tag
      })
      const fromConfig = config.settings.goModules
      const goMods =
        options.go === false || (!given('goMod') && fromConfig === 'none')
          ? null
          : given('goMod') || fromConfig === undefined || fromConfig === 'auto'
            ? (options.goMod as string[])
            : (fromConfig as string[])
      const result = await runManifestJob(
        {
          store,
          create: {
            root,
            service,
            env: setting('env', config.settings.env, 'production'),
            goMods,
            images: [...(config.settings.images ?? []), ...(options.image as string[])],
            buildMetadata: options.buildMetadata,
            digest: options.digest ?? null,
            imageName: options.imageName ?? null,
            allowTagOnlyImages:
              options.allowTagOnlyImages || (config.settings.allowTagOnlyImages ?? false),
            configVersion:
              options.configVersion ??
              (options.configVersionFile ? null : (config.settings.configVersion ?? null)),
            configVersionFile:
              options.configVersionFile ??
              (options.configVersion ? null : (config.settings.configVersionFile ?? null)),
            configVersionKey: options.configVersionKey ?? config.settings.configVersionKey ?? null,
            configFiles: given('configFiles')
              ? options.configFiles
              : (config.settings.configFiles ?? []),
            contracts: [
              ...config.contracts,
              ...(config.settings.contracts ?? []).map(parseContractSpec),
              ...(options.contract as string[]).map(parseContractSpec)
            ],
            source,
            now: io.now(),
            out: options.out ?? null
          }
        },
        log
      )
      log(
        `manifest ${result.id} sha256 ${result.sha256}${result.storeCommit ? ` stored at ${result.storeCommit}` : ''}`
      )
      io.stdout(
        options.format === 'markdown'
          ? renderManifestMarkdown(result.manifest, result)
          : options.format === 'yaml'
            ? toYaml(result.manifest)
            : result.json
      )
      return { exitCode: 0 }
    })
  )

  addStoreOptions(
    manifest
      .command('show')
      .description('print a stored manifest (with its latest verdict)')
      .argument(
        '[ref]',
        'latest, last-good, a manifest id (or prefix) or a source commit (or prefix)',
        'latest'
      )
      .addOption(formatOption('json, yaml (the same manifest) or markdown (a table)'))
  ).action((ref: string, options) =>
    run(async () => {
      const { root, service } = await rootAndDefaults(io, options)
      const store = await requireStore(root, options, io)
      const stored = await showManifest(store, service, options.env, ref)
      io.stdout(
        options.format === 'markdown'
          ? renderManifestMarkdown(stored.manifest, stored)
          : options.format === 'yaml'
            ? toYaml(stored.manifest)
            : serializeManifest(stored.manifest)
      )
      return { exitCode: 0 }
    })
  )

  for (const status of ['good', 'bad'] as const) {
    addStoreOptions(
      manifest
        .command(`mark-${status}`)
        .description(`record that a release is ${status} (the SLO gate does this after a deploy)`)
        .argument('<ref>', 'latest, a manifest id (or prefix) or a source commit (or prefix)')
        .option(
          '--evidence <file>',
          "the evidence that decided it (slo-gate's evidence JSON; - for stdin)"
        )
    ).action((ref: string, options) =>
      run(async () => {
        const { root, service } = await rootAndDefaults(io, options)
        const store = await requireStore(root, options, io)
        const stored = await markManifest(
          store,
          service,
          options.env,
          ref,
          status,
          options.evidence ? await readEvidenceFile(options.evidence) : null,
          io.now()
        )
        progress(io)(
          `marked ${service}/${options.env} ${stored.id} ${status}${stored.storeCommit ? ` (${stored.storeCommit.slice(0, 12)})` : ''}`
        )
        io.stdout(serializeManifest(stored.manifest))
        return { exitCode: 0 }
      })
    )
  }
  return manifest
}

async function requireStore(root: string, flags: Parameters<typeof storeSettingsOf>[0], io: CliIo) {
  const store = await openStore(root, storeSettingsOf(flags), progress(io))
  if (!store)
    throw new InputError(
      `--store none keeps no manifests to read; use --store branch or --store file.`
    )
  return store
}
