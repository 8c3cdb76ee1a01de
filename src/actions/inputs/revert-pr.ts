import { InputError } from '../../core/errors.js'
import { assertRemoteName } from '../../core/names.js'
import { parseEvidence, parseVerdict } from '../../commands/revert.js'
import { revertLinks } from '../../revert/links.js'
import { strategyOrder } from '../../revert/strategies.js'
import { readEvidenceText } from '../../wiring/evidence.js'
import type { RevertJobSettings } from '../../wiring/settings.js'
import { readEvent } from '../event.js'
import { gitHubSettingsFrom } from '../../wiring/github.js'
import {
  booleanInput,
  input,
  storeSettingsFromInputs,
  tokenInput,
  workspaceRoot
} from '../runtime.js'

/** A list input: one entry per line or comma. */
function listInput(name: string): string[] {
  return input(name)
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'))
}

async function readEvidenceInput(root: string) {
  const path = input('evidence-path')
  if (!path) return null
  const text = await readEvidenceText(path, {
    cwd: root,
    name: "input 'evidence-path'",
    hint: "pass the slo-gate step's evidence-path output."
  })
  return parseEvidence(text, `input 'evidence-path' ('${path}')`)
}

/** The inputs as the revert job's settings; every error names an input. */
export async function parseRevertPrInputs(): Promise<RevertJobSettings> {
  const root = await workspaceRoot()
  const github = gitHubSettingsFrom(process.env, tokenInput())
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  const links = revertLinks({
    serverUrl: process.env.GITHUB_SERVER_URL,
    apiUrl: process.env.GITHUB_API_URL,
    repository: repository || null,
    runId: process.env.GITHUB_RUN_ID
  })
  const event = await readEvent<{ repository: { default_branch?: string } }>()
  const refName = process.env.GITHUB_REF?.startsWith('refs/heads/')
    ? process.env.GITHUB_REF.slice('refs/heads/'.length)
    : ''
  const dryRun = booleanInput('dry-run', false)
  const remote = input('remote') || 'origin'
  assertRemoteName(remote, "input 'remote'")
  const store = await storeSettingsFromInputs(root)
  if (store.kind === 'none') {
    throw new InputError(
      "input 'store: none' keeps no manifests; revert-pr needs the store the manifest job writes to (branch or file)."
    )
  }
  if (!dryRun && !github.token) {
    throw new InputError(
      "input 'github-token' is empty: revert-pr opens a pull request; leave the default (${{ github.token }}) or pass a token."
    )
  }
  if (!dryRun && (!github.owner || !github.repo))
    throw new InputError('GITHUB_REPOSITORY is not set; run revert-pr in GitHub Actions.')
  return {
    root,
    mode: dryRun ? 'plan' : 'open',
    store,
    remote,
    github: { ...github, serverUrl: links.serverUrl },
    signCommits: booleanInput('sign-commits', false),
    options: {
      service: input('service') || github.repo || 'service',
      env: input('env') || 'production',
      evidence: await readEvidenceInput(root),
      verdict: parseVerdict(input('verdict'), "input 'verdict'"),
      badRef: input('bad') || 'latest',
      base: input('base') || event.repository?.default_branch || refName || 'main',
      strategies: strategyOrder(input('strategy'), input('fallback-strategies')),
      deployPaths: listInput('deploy-paths'),
      reason: input('reason') || null,
      links,
      pull: {
        draft: booleanInput('draft', false),
        labels: listInput('labels'),
        reviewers: listInput('reviewers'),
        teamReviewers: listInput('team-reviewers'),
        assignees: listInput('assignees')
      }
    }
  }
}
