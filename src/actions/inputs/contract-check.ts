import { parseMaxSeconds } from '../../core/budget.js'
import { failOnValues, type FailOn } from '../../contract/config/types.js'
import { parseReportFormat } from '../../contract/report/render.js'
import { InputError } from '../../core/errors.js'
import type { ContractJobSettings, ContractSource } from '../../wiring/settings.js'
import { readEvent } from '../event.js'
import { gitHubSettingsFrom } from '../../wiring/github.js'
import { booleanInput, input, tokenInput, workspaceRoot } from '../runtime.js'

interface PullRequestEvent {
  number?: number
  pull_request?: {
    number: number
    labels?: { name?: string }[]
    head: { ref: string; sha: string; repo?: { full_name?: string } | null }
    base: { ref: string; sha: string; repo?: { full_name?: string } | null }
  }
}

function parseFailOn(value: string): FailOn | null {
  if (value === '') return null
  if ((failOnValues as readonly string[]).includes(value)) return value as FailOn
  throw new InputError(`input 'fail-on' must be one of ${failOnValues.join(', ')}, got '${value}'.`)
}

/** What the action does besides the report: where it goes, and the pull request it is about. */
export interface ContractCheckPresentation {
  pull: PullRequestEvent['pull_request'] | null
  wantComment: boolean
  wantAnnotations: boolean
  wantSummary: boolean
  jobId: string
  skipLabel: string
  skipped: boolean
}

/** The inputs as the contract job's settings; every error names an input. */
export async function parseContractCheckInputs(): Promise<{
  settings: ContractJobSettings
  presentation: ContractCheckPresentation
}> {
  const root = await workspaceRoot()
  const github = gitHubSettingsFrom(process.env, tokenInput())
  const runUrl = process.env.GITHUB_RUN_ID
    ? `${github.serverUrl}/${github.owner}/${github.repo}/actions/runs/${process.env.GITHUB_RUN_ID}`
    : null
  const event = await readEvent<PullRequestEvent>()
  const pull = event.pull_request ?? null
  const format = parseReportFormat(input('format') || 'text', "input 'format'")
  const failOn = parseFailOn(input('fail-on'))
  const jobId = input('comment-id') || process.env.GITHUB_JOB || 'contract-check'

  let against = input('against') || 'auto'
  if (against === 'pr-base') {
    if (!pull)
      throw new InputError(
        "input 'against: pr-base' needs a pull_request event; use 'auto' or a ref on other events."
      )
    against = pull.base.sha
  }
  const head = pull
    ? { ref: pull.head.ref, sha: pull.head.sha }
    : { ref: process.env.GITHUB_REF_NAME || null, sha: process.env.GITHUB_SHA || null }

  // One spec, no config (as oasdiff-action takes them): `base` and `revision` are two files.
  const base = input('base')
  const revision = input('revision')
  if (Boolean(base) !== Boolean(revision))
    throw new InputError(
      `input '${base ? 'revision' : 'base'}' is empty: give both 'base' and 'revision' (two spec files relative to the repository root), or neither to use the config.`
    )
  const dependencyImpact = dependencyImpactInput(input('dependency-impact'))
  const skipLabel = input('skip-label')
  const skipped = Boolean(skipLabel && pull?.labels?.some((label) => label.name === skipLabel))
  const maxSeconds = parseMaxSeconds(input('max-seconds'), "input 'max-seconds'")
  const source: ContractSource = base
    ? {
        mode: 'diff',
        kind: input('kind') || 'openapi',
        basePath: base,
        headPath: revision,
        // the config is optional here: its overrides and ignore entries apply when the file exists
        configPath: ['', '.rollback-guard.yml'].includes(input('config')) ? null : input('config'),
        engineSettings: {}
      }
    : {
        mode: 'check',
        configPath: input('config') || '.rollback-guard.yml',
        against,
        rollbackImpact: input('rollback-impact') ? booleanInput('rollback-impact', true) : null,
        service: null,
        env: null,
        manifestBranch: input('branch') || 'rollback-manifests',
        head: head.sha ? head : null,
        releasing: process.env.GITHUB_REF?.startsWith('refs/tags/')
          ? process.env.GITHUB_SHA || null
          : null
      }
  return {
    settings: {
      root,
      source,
      format,
      failOn: skipped ? 'never' : failOn,
      dependencyImpact,
      maxSeconds,
      github,
      lookupFailures: 'warn',
      markdown: {
        jobId,
        repository: github.owner && github.repo ? `${github.owner}/${github.repo}` : null,
        serverUrl: github.serverUrl,
        summaryUrl: runUrl
      },
      now: new Date()
    },
    presentation: {
      pull,
      wantComment: booleanInput('comment', true),
      wantAnnotations: booleanInput('annotations', true),
      wantSummary: booleanInput('job-summary', true),
      jobId,
      skipLabel,
      skipped
    }
  }
}

/** The `dependency-impact` input: direct, all or off (empty: the config decides). */
function dependencyImpactInput(value: string): 'direct' | 'all' | 'off' | null {
  const v = value.trim()
  if (v === '') return null
  if (v === 'direct' || v === 'all' || v === 'off') return v
  throw new InputError(`input 'dependency-impact' must be direct, all or off, got '${v}'.`)
}
