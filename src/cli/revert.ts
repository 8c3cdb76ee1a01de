import { basename } from 'node:path'
import { Command, Option } from 'commander'
import { InputError } from '../core/errors.js'
import { assertRemoteName } from '../core/names.js'
import {
  parseEvidence,
  parseVerdict,
  renderRevertText,
  type RevertResult
} from '../commands/revert.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { git } from '../platform/git/exec.js'
import { revertLinks } from '../revert/links.js'
import { strategyOrder } from '../revert/strategies.js'
import { readEvidenceText } from '../wiring/evidence.js'
import { gitHubSettingsFrom } from '../wiring/github.js'
import { runRevertJob } from '../wiring/revert.js'
import type { RevertJobSettings } from '../wiring/settings.js'
import { collect, logPort, type CliIo } from './io.js'
import type { CommandResult } from './program.js'
import { storeSettingsOf } from './store-options.js'

export interface RevertFlags {
  reason?: string
  verdict?: string
  message?: string
  strategy: string
  fallbackStrategies: string
  deployPath: string[]
  dryRun: boolean
  service?: string
  env: string
  bad: string
  base?: string
  remote: string
  store: string
  branch: string
  storePath: string
  label: string[]
  reviewer: string[]
  teamReviewer: string[]
  assignee: string[]
  draft: boolean
  signCommits: boolean
  repo?: string
  format: string
}

async function readReason(path: string | undefined, cwd: string) {
  if (!path) return null
  const text = await readEvidenceText(path, {
    cwd,
    name: '--reason',
    hint: "give the SLO gate's evidence JSON (slo check --format json > evidence.json)."
  })
  return parseEvidence(text, `--reason '${path}'`)
}

/** owner/name from --repo, GITHUB_REPOSITORY, or the remote's URL; and the remote's URL. */
async function repositoryName(
  root: string,
  flags: RevertFlags,
  io: CliIo
): Promise<{ name: string | null; remoteUrl: string | null }> {
  const url = await git(['remote', 'get-url', flags.remote], { cwd: root, allowFailure: true })
  const remoteUrl = url.code === 0 ? url.stdout.trim() : null
  const named = flags.repo ?? io.env.GITHUB_REPOSITORY
  if (named) return { name: named, remoteUrl }
  const match = /[/:]([^/:]+\/[^/]+?)(\.git)?\/?$/.exec(remoteUrl ?? '')
  return { name: match ? (match[1] as string) : null, remoteUrl }
}

function output(result: RevertResult, format: string): string {
  if (format === 'json') {
    const plan = result.plan
    return `${JSON.stringify(
      {
        action: result.action,
        reason: result.reason,
        branch: result.branch,
        pullRequest:
          result.number === null
            ? null
            : { number: result.number, url: result.url, draft: result.draft },
        strategy: result.strategy,
        pushed: result.pushed,
        warnings: result.warnings,
        rollback: plan ? plan.rollback : null,
        plan: plan
          ? {
              service: plan.incident.service,
              env: plan.incident.env,
              bad: { id: plan.bad.id, commit: plan.bad.manifest.source.commit },
              good: { id: plan.good.id, commit: plan.good.manifest.source.commit },
              base: { branch: plan.prepared.baseBranch, sha: plan.prepared.baseSha },
              attempts: plan.prepared.attempts,
              diff: plan.diff,
              title: plan.title,
              body: plan.body
            }
          : null
      },
      null,
      2
    )}\n`
  }
  if (format === 'markdown') return result.plan ? result.plan.body : `${result.reason ?? ''}\n`
  return renderRevertText(result)
}

export function revertCommand(
  io: CliIo,
  run: (body: () => Promise<CommandResult>) => Promise<void>
): Command {
  const revert = new Command('revert').description(
    'plan or open the pull request that restores the last good release after a failed SLO gate'
  )
  for (const mode of ['plan', 'open'] as const) {
    revert
      .command(mode)
      .description(
        mode === 'plan'
          ? 'decide, build the revert branch in a scratch worktree and print the plan; push nothing'
          : 'push the revert branch and open (or update) its one pull request'
      )
      .option(
        '--reason <file>',
        "the SLO gate's evidence JSON (slo check --format json); - reads stdin"
      )
      .option(
        '--verdict <verdict>',
        "the gate's verdict when there is no evidence file: pass, fail or inconclusive"
      )
      .option('--message <text>', 'a line of your own for the pull request body')
      .addOption(
        new Option('--strategy <name>', 'how to revert')
          .choices(['revert-commits', 'restore-paths', 'pin-digests'])
          .default('revert-commits')
      )
      .option(
        '--fallback-strategies <list>',
        "strategies to try next, comma separated ('none' for none)",
        'restore-paths'
      )
      .option(
        '--deploy-path <path>',
        'a deploy path (restore-paths restores it; pin-digests looks in it); repeatable',
        collect,
        []
      )
      .option('--dry-run', 'plan only (revert open --dry-run is revert plan)', false)
      .option('--service <name>', 'service name (default: the repository name)')
      .option('--env <name>', 'environment name', 'production')
      .option(
        '--bad <ref>',
        'the failing release: latest, a manifest id or a source commit',
        'latest'
      )
      .option('--base <branch>', 'the branch to revert on (default: the current branch, else main)')
      .option('--remote <name>', 'remote to fetch from and push to', 'origin')
      .option('--store <kind>', 'where the manifests are: branch or file', 'branch')
      .option('--branch <name>', 'the manifest branch (store branch)', 'rollback-manifests')
      .option('--store-path <dir>', 'the manifest folder (store file)', '.rollback-guard/manifests')
      .option('--label <name>', 'a label for the pull request; repeatable', collect, [])
      .option('--reviewer <login>', 'request a review; repeatable', collect, [])
      .option('--team-reviewer <slug>', 'request a team review; repeatable', collect, [])
      .option('--assignee <login>', 'assign; repeatable', collect, [])
      .option('--draft', 'open as a draft', false)
      .option(
        '--sign-commits',
        "push the branch through GitHub's Git Data API, so GitHub signs its commits (for rules requiring signed commits)",
        false
      )
      .option(
        '--repo <owner/name>',
        'the GitHub repository (default: GITHUB_REPOSITORY or the remote URL)'
      )
      .addOption(
        new Option('--format <format>', 'stdout')
          .choices(['text', 'json', 'markdown'])
          .default('text')
      )
      .addHelpText(
        'after',
        `
Only a failed verdict acts; pass and inconclusive print why nothing is done (exit 0).
revert open needs GITHUB_TOKEN (or GH_TOKEN) with contents: write and pull-requests: write;
GITHUB_API_URL selects GitHub Enterprise Server.

Examples:
  rollback-guard slo check --policy slo.yml --format json > evidence.json
  rollback-guard revert plan --reason evidence.json --service shop --deploy-path deploy
  rollback-guard revert open --reason evidence.json --strategy pin-digests --deploy-path deploy`
      )
      .action((flags: RevertFlags) => run(() => runRevert(mode, flags, io)))
  }
  return revert
}

/** The flags as the revert job's settings; every error names a flag. */
export async function revertSettingsOf(
  mode: 'plan' | 'open',
  flags: RevertFlags,
  io: CliIo
): Promise<RevertJobSettings> {
  assertRemoteName(flags.remote, '--remote')
  const root = (await repositoryRoot(io.cwd)) ?? io.cwd
  const { name: repository, remoteUrl } = await repositoryName(root, flags, io)
  const current = await git(['symbolic-ref', '-q', '--short', 'HEAD'], {
    cwd: root,
    allowFailure: true
  })
  const store = storeSettingsOf({ ...flags, remote: flags.remote })
  if (store.kind === 'none')
    throw new InputError('--store none keeps no manifests; use --store branch or --store file.')
  const remotes = (await git(['remote'], { cwd: root })).stdout.split('\n').map((r) => r.trim())
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || ''
  const github = gitHubSettingsFrom(io.env, token, repository ?? '')
  const links = revertLinks({
    serverUrl: io.env.GITHUB_SERVER_URL,
    apiUrl: io.env.GITHUB_API_URL,
    repository: flags.repo ?? io.env.GITHUB_REPOSITORY,
    remoteUrl,
    runId: io.env.GITHUB_RUN_ID
  })
  const planOnly = mode === 'plan' || flags.dryRun
  if (!planOnly && !token)
    throw new InputError(
      'revert open needs a token: set GITHUB_TOKEN (contents: write, pull-requests: write), or use revert plan.'
    )
  if (!planOnly && (!github.owner || !github.repo))
    throw new InputError('revert open needs the GitHub repository: give --repo owner/name.')
  return {
    root,
    mode: planOnly ? 'plan' : 'open',
    store,
    remote: remotes.includes(flags.remote) ? flags.remote : null,
    github: { ...github, serverUrl: links.serverUrl },
    signCommits: flags.signCommits,
    options: {
      service: flags.service ?? repository?.split('/')[1] ?? basename(root),
      env: flags.env,
      evidence: await readReason(flags.reason, io.cwd),
      verdict: parseVerdict(flags.verdict ?? '', '--verdict'),
      badRef: flags.bad,
      base: flags.base || (current.code === 0 ? current.stdout.trim() : '') || 'main',
      strategies: strategyOrder(flags.strategy, flags.fallbackStrategies, {
        primary: '--strategy',
        fallbacks: '--fallback-strategies'
      }),
      deployPaths: flags.deployPath,
      reason: flags.message ?? null,
      links,
      pull: {
        draft: flags.draft,
        labels: flags.label,
        reviewers: flags.reviewer,
        teamReviewers: flags.teamReviewer,
        assignees: flags.assignee
      }
    }
  }
}

async function runRevert(
  mode: 'plan' | 'open',
  flags: RevertFlags,
  io: CliIo
): Promise<CommandResult> {
  const settings = await revertSettingsOf(mode, flags, io)
  const result = await runRevertJob(settings, logPort(io))
  io.stdout(output(result, flags.format))
  return { exitCode: 0 }
}
