import { basename, resolve } from 'node:path'
import { Command, Option } from 'commander'
import { InputError } from '../core/errors.js'
import { renderSlo, type SloFormat } from '../commands/slo-check.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { writeFileAtomic } from '../platform/fs/files.js'
import { shownPath } from '../wiring/slo-gate.js'
import type { SloGateSettings } from '../wiring/settings.js'
import { runSloGateJob } from '../wiring/slo-gate.js'
import { logPort, type CliIo } from './io.js'
import { addStoreOptions, storeSettingsOf } from './store-options.js'
import type { CommandResult } from './program.js'

export interface SloCheckFlags {
  policy: string
  deployedAt?: string
  format: SloFormat
  evidence?: string
  recordVerdict: boolean
  manifestRef: string
  store: string
  branch: string
  remote?: string
  storePath: string
  service?: string
  env: string
}

const help = `
Exit codes:
  0  pass: every deciding objective met its bound
  1  fail: an objective failed (its evidence says which measurements, against which bound)
  2  a bad flag, an invalid policy (file:line), or a query the backend rejected as malformed
  3  inconclusive: no data, or the metrics backend failed after its retries (never a pass)

Examples:
  rollback-guard slo check --policy slo.yml --deployed-at 2026-05-01T12:00:00Z
  rollback-guard slo check --policy openslo.yaml --deployed-at 2026-05-01T12:00:00Z \\
      --format json --evidence evidence.json
  rollback-guard slo check --policy slo.yml --deployed-at "$DEPLOYED_AT" \\
      --record-verdict --service shop --env production

With --record-verdict, the manifest (--manifest-ref, default latest) is looked up before measuring,
and a pass marks it good and a fail marks it bad, with the evidence; inconclusive leaves it unknown.
Measurements due in the future are waited for; those already past run at once (a replay).`

/** The flags as the SLO gate's settings; every error names a flag. */
export async function sloGateSettingsOf(io: CliIo, flags: SloCheckFlags): Promise<SloGateSettings> {
  const root = (await repositoryRoot(io.cwd)) ?? io.cwd
  let record: SloGateSettings['record'] = null
  if (flags.recordVerdict) {
    const store = storeSettingsOf(flags)
    if (store.kind === 'none') {
      throw new InputError(
        '--record-verdict needs a store to write to: use --store branch or --store file, or drop --record-verdict.'
      )
    }
    const service = flags.service ?? io.env.GITHUB_REPOSITORY?.split('/')[1] ?? basename(root)
    record = { store, service, env: flags.env, manifestRef: flags.manifestRef }
  }
  return {
    root,
    policyPath: shownPath(resolve(io.cwd, flags.policy)),
    deployedAt: flags.deployedAt,
    format: flags.format,
    record,
    missingManifestHint:
      "--record-verdict marks the release's manifest: run 'rollback-guard manifest create' first, or drop --record-verdict.",
    env: io.env,
    now: io.now
  }
}

export function sloCommand(
  io: CliIo,
  run: (body: () => Promise<CommandResult>) => Promise<void>
): Command {
  const slo = new Command('slo').description(
    'evaluate SLO objectives against a metrics backend after a deploy'
  )
  addStoreOptions(
    slo
      .command('check')
      .description(
        'measure the objectives of a policy from the deploy time on, and print the verdict with its evidence'
      )
      .requiredOption(
        '--policy <file>',
        'the SLO policy: rollback-guard slo.yml and/or OpenSLO v1 documents'
      )
      .option(
        '--deployed-at <time>',
        'when the deploy finished, RFC 3339 (2026-05-01T12:00:00Z); default: now'
      )
      .addOption(
        new Option('--format <format>', 'what stdout holds: the verdict as text, or the evidence')
          .choices(['text', 'json', 'markdown'])
          .default('text')
      )
      .option('--evidence <file>', 'also write the evidence JSON to this file')
      .option(
        '--record-verdict',
        'mark the manifest good (pass) or bad (fail) with the evidence; inconclusive marks nothing',
        false
      )
      .option(
        '--manifest-ref <ref>',
        'the manifest to mark: latest, a manifest id or a source commit (or their prefix)',
        'latest'
      )
      .addHelpText('after', help)
  ).action((flags: SloCheckFlags) =>
    run(async () => {
      const log = logPort(io)
      const settings = await sloGateSettingsOf(io, flags)
      const evidencePath = flags.evidence ? resolve(io.cwd, flags.evidence) : null
      const { check, marked, target, status } = await runSloGateJob(settings, log, {
        onMeasured: (measured) =>
          evidencePath
            ? writeFileAtomic(evidencePath, renderSlo(measured.evidence, 'json'))
            : undefined
      })
      io.stdout(check.output ?? '')
      const where = settings.record
      if (where && marked && status) {
        log.info(
          `marked ${where.service}/${where.env} ${marked.id} ${status}${marked.storeCommit ? ` (${marked.storeCommit.slice(0, 12)})` : ''}`
        )
      } else if (where && target) {
        log.info(
          `verdict ${check.verdict}: ${where.service}/${where.env} ${target.id} stays unknown`
        )
      }
      return { exitCode: check.exitCode }
    })
  )
  return slo
}
