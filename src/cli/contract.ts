import { Command, Option } from 'commander'
import { defaultMaxSeconds, parseMaxSeconds } from '../core/budget.js'
import type { ContractKind, RuleDefinition } from '../core/change.js'
import { contractKinds, parseContractKind } from '../contract/engines.js'
import { failOnValues, type FailOn } from '../contract/config/types.js'
import { parseReportFormat, reportFormats } from '../contract/report/render.js'
import { InputError } from '../core/errors.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { runContractJob } from '../wiring/contract.js'
import { gitHubClientFor, gitHubSettingsFrom } from '../wiring/github.js'
import { commandEngines } from '../wiring/engines.js'
import type { ContractJobSettings } from '../wiring/settings.js'
import { logPort, type CliIo } from './io.js'
import type { CommandResult } from './program.js'

const formatOption = () =>
  new Option('--format <format>', 'report format')
    .choices(reportFormats as string[])
    .default('text')
const maxSecondsOption = () =>
  new Option(
    '--max-seconds <seconds>',
    'time budget of the comparisons: past it, stop with exit 3 naming the part that was too large (0 = no limit)'
  ).default(String(defaultMaxSeconds))

const failOnOption = () =>
  new Option(
    '--fail-on <level>',
    'the level that makes the run exit 1 (default: the config’s fail-on, else breaking)'
  ).choices(failOnValues as string[])

function parseFailOn(value: string | undefined): FailOn | null {
  return value === undefined ? null : (value as FailOn)
}

export function contractCommand(
  io: CliIo,
  run: (body: () => Promise<CommandResult>) => Promise<void>
): Command {
  const contract = new Command('contract').description(
    'diff API contracts (OpenAPI, protobuf, Go exported API, go.mod) and classify every change as breaking, warning or info'
  )

  contract
    .command('diff')
    .description('compare two contract files or folders directly (no git needed)')
    .addOption(
      new Option('--kind <kind>', 'contract kind')
        .choices(contractKinds as string[])
        .makeOptionMandatory()
    )
    .requiredOption(
      '--base <path>',
      'the old side: a spec file (openapi), a .proto folder (protobuf), a Go module or package folder (go), a go.mod (gomod), a folder of SQL migrations (migrations)'
    )
    .requiredOption('--head <path>', 'the new side, of the same shape')
    .addOption(formatOption())
    .addOption(failOnOption())
    .option(
      '--config <file>',
      'overrides and ignore entries from this file (default: .rollback-guard.yml when present)'
    )
    .addOption(maxSecondsOption())
    .option(
      '--database-url <url>',
      'migrations: rehearse on this Postgres server (in a scratch database) instead of the embedded PGlite'
    )
    .addOption(
      new Option('--rehearse <which>', 'migrations: which migrations to rehearse').choices([
        'new',
        'all',
        'none'
      ])
    )
    .addOption(
      new Option(
        '--dependency-impact <which>',
        'gomod: diff the API of upgraded dependencies (direct ones, or all) and find the calls it breaks in the code beside the base go.mod (default direct)'
      ).choices(['direct', 'all', 'off'])
    )
    .addHelpText(
      'after',
      `
Examples:
  rollback-guard contract diff --kind openapi --base old/openapi.yaml --head api/openapi.yaml
  rollback-guard contract diff --kind protobuf --base /tmp/v1/proto --head proto --format json
  rollback-guard contract diff --kind gomod --base /tmp/v1/go.mod --head go.mod --fail-on warning
  rollback-guard contract diff --kind gomod --base /tmp/v1/go.mod --head go.mod --dependency-impact direct
  rollback-guard contract diff --kind migrations --base /tmp/v1/db/migrations --head db/migrations

Long comparisons print progress to stderr every few seconds.
Exit codes: 0 nothing at the --fail-on level, 1 found, 2 bad input, 3 past --max-seconds.`
    )
    .action((options) =>
      run(async () => {
        const settings: ContractJobSettings = {
          root: io.cwd,
          source: {
            mode: 'diff',
            kind: parseContractKind(options.kind),
            basePath: options.base,
            headPath: options.head,
            configPath: options.config ?? null,
            engineSettings: migrationFlags(options)
          },
          format: parseReportFormat(options.format),
          failOn: parseFailOn(options.failOn),
          dependencyImpact: options.dependencyImpact ?? null,
          maxSeconds: parseMaxSeconds(options.maxSeconds, '--max-seconds'),
          github: null,
          lookupFailures: 'fail',
          now: io.now()
        }
        const result = await runContractJob(settings, logPort(io), null)
        io.stdout(result.output.endsWith('\n') ? result.output : `${result.output}\n`)
        return { exitCode: result.exitCode }
      })
    )

  contract
    .command('check')
    .description(
      'compare every contract of .rollback-guard.yml with the last release (or --against REF)'
    )
    .option(
      '--against <ref>',
      'auto: the newest semver tag, else the latest GitHub release, else the last manifest marked good; or a tag, branch or commit',
      'auto'
    )
    .option('--config <file>', 'the config file', '.rollback-guard.yml')
    .addOption(formatOption())
    .addOption(failOnOption())
    .option(
      '--service <name>',
      'service of the manifest fallback (default: the config’s manifest.service)'
    )
    .option('--env <name>', 'env of the manifest fallback (default: the config’s manifest.env)')
    .option('--manifest-branch <name>', 'the manifest branch', 'rollback-manifests')
    .addOption(maxSecondsOption())
    .addOption(
      new Option(
        '--rollback-impact <on|off>',
        'list what rolling this change back would remove (default: the config’s rollback-impact, else on)'
      ).choices(['on', 'off'])
    )
    .addOption(
      new Option(
        '--dependency-impact <which>',
        'gomod contracts: diff the API of upgraded dependencies (direct ones, or all) and find the calls it breaks (default: the contract’s dependency-impact, else direct)'
      ).choices(['direct', 'all', 'off'])
    )
    .addHelpText(
      'after',
      `
The latest GitHub release is consulted only when GITHUB_TOKEN and GITHUB_REPOSITORY are set.
Exit codes: 0 nothing at the --fail-on level, 1 found, 2 bad input or config, 3 a service failed
or the comparisons ran past --max-seconds.`
    )
    .action((options) =>
      run(async () => {
        const github = io.env.GITHUB_REPOSITORY
          ? gitHubSettingsFrom(io.env, io.env.GITHUB_TOKEN ?? '')
          : null
        const settings: ContractJobSettings = {
          root: (await repositoryRoot(io.cwd)) ?? io.cwd,
          source: {
            mode: 'check',
            configPath: options.config,
            against: options.against,
            rollbackImpact: options.rollbackImpact ? options.rollbackImpact === 'on' : null,
            service: options.service ?? null,
            env: options.env ?? null,
            manifestBranch: options.manifestBranch,
            head: null,
            releasing: null
          },
          format: parseReportFormat(options.format),
          failOn: parseFailOn(options.failOn),
          dependencyImpact: options.dependencyImpact ?? null,
          maxSeconds: parseMaxSeconds(options.maxSeconds, '--max-seconds'),
          github,
          lookupFailures: 'fail',
          ...(github
            ? {
                markdown: {
                  repository: `${github.owner}/${github.repo}`,
                  serverUrl: github.serverUrl
                }
              }
            : {}),
          now: io.now()
        }
        const result = await runContractJob(settings, logPort(io), gitHubClientFor(github))
        io.stdout(result.output.endsWith('\n') ? result.output : `${result.output}\n`)
        return { exitCode: result.exitCode }
      })
    )
  return contract
}

/** Only a flag names a rehearsal server: DATABASE_URL is not read, it may be production's. */
function migrationFlags(options: {
  databaseUrl?: string
  rehearse?: string
}): Record<string, unknown> {
  const settings: Record<string, unknown> = {}
  if (options.databaseUrl !== undefined) settings.databaseUrl = options.databaseUrl
  if (options.rehearse !== undefined) settings.rehearse = options.rehearse
  return settings
}

export function rulesCommand(
  io: CliIo,
  run: (body: () => Promise<CommandResult>) => Promise<void>
): Command {
  return new Command('rules')
    .description('list the breaking-change rules: id, level, direction or categories, and why')
    .addOption(
      new Option('--kind <kind>', 'only this contract kind').choices(contractKinds as string[])
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'markdown', 'json'])
        .default('text')
    )
    .action((options: { kind?: string; format: string }) =>
      run(async () => {
        const kinds = options.kind
          ? [parseContractKind(options.kind)]
          : (contractKinds as ContractKind[])
        const rules: RuleDefinition[] = []
        for (const kind of kinds) {
          const engine = commandEngines[kind]
          if (!engine) throw new InputError(`no rules for kind '${kind}' in this version.`)
          rules.push(...engine.rules)
        }
        io.stdout(renderRules(rules, options.format))
        return { exitCode: 0 }
      })
    )
}

function renderRules(rules: readonly RuleDefinition[], format: string): string {
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`
  const scope = (rule: RuleDefinition) => rule.categories?.join(', ') ?? rule.direction ?? ''
  if (format === 'markdown') {
    const rows = rules.map(
      (rule) =>
        `| \`${rule.id}\` | ${rule.kind} | ${rule.level} | ${scope(rule)} | ${rule.reason.replace(/\|/g, '\\|')} |`
    )
    return `| id | kind | level | direction / categories | why |\n|---|---|---|---|---|\n${rows.join('\n')}\n`
  }
  const width = Math.max(...rules.map((rule) => rule.id.length))
  return `${rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.kind.padEnd(8)} ${rule.level.padEnd(8)} ${scope(rule).padEnd(9)} ${rule.reason}`).join('\n')}\n`
}
