import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseMaxSeconds } from '../core/budget.js'
import { failOnValues, type FailOn } from '../contract/config/types.js'
import { renderAnnotations } from '../contract/report/github.js'
import {
  commentId,
  commentLimit,
  renderJobSummary,
  renderPrComment
} from '../contract/report/markdown.js'
import { parseReportFormat, renderReport } from '../contract/report/render.js'
import { InputError, messageOf } from '../core/errors.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { stickyMarker, upsertStickyComment } from '../platform/github/index.js'
import { gitHubClientFor, runContractJob } from '../wiring/contract.js'
import type { ContractJobSettings, ContractSource } from '../wiring/settings.js'
import { gitHubFromEnv, readEvent } from './event.js'
import { actionLog, booleanInput, input, runAction } from './runtime.js'

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
interface ContractCheckPresentation {
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
  const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd()
  const root = (await repositoryRoot(workspace)) ?? workspace
  const token = input('github-token')
  if (token) core.setSecret(token)
  const github = gitHubFromEnv(token)
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

/**
 * Prints text that quotes the specs with workflow commands turned off, so a spec cannot smuggle a
 * `::command::` into the log (the runner reads commands after leading spaces too).
 */
function logInert(text: string): void {
  const resume = randomBytes(16).toString('hex')
  process.stdout.write(`::stop-commands::${resume}\n${text}\n::${resume}::\n`)
}

export async function runContractCheckAction(): Promise<number> {
  const { settings, presentation } = await parseContractCheckInputs()
  const { pull, jobId, skipLabel, skipped, wantComment, wantAnnotations, wantSummary } =
    presentation
  const { root, format, github } = settings
  const { owner, repo } = github ?? { owner: '', repo: '' }
  const markdown = settings.markdown ?? {}
  const client = gitHubClientFor(github, actionLog)
  const result = await runContractJob(settings, actionLog, client)
  const { report } = result
  if (skipped) {
    const note = `The pull request carries the label '${skipLabel}': changes are reported, but none fails the check.`
    report.notes.push({ level: 'warning', message: note })
    core.notice(note)
  }

  const reportPath = join(process.env.RUNNER_TEMP || root, 'rollback-guard', 'contract-report.json')
  await mkdir(join(reportPath, '..'), { recursive: true })
  await writeFile(reportPath, renderReport(report, 'json'))

  // The github format is the annotations themselves; print them once.
  const annotations = renderAnnotations(report)
  if (format !== 'github') logInert(result.output.trimEnd())
  if (wantAnnotations || format === 'github')
    process.stdout.write(format === 'github' ? result.output : annotations.text)
  for (const note of report.notes)
    (note.level === 'warning' ? core.warning : core.notice)(note.message)

  let commentUrl = ''
  if (wantComment && pull) {
    const isFork = Boolean(
      pull.head.repo?.full_name &&
      pull.base.repo?.full_name &&
      pull.head.repo.full_name !== pull.base.repo.full_name
    )
    if (!client) {
      core.notice(
        'No PR comment: no github-token was given; the job summary and annotations carry the report.'
      )
    } else if (isFork && process.env.GITHUB_EVENT_NAME === 'pull_request') {
      core.notice(
        `No PR comment: this pull request comes from the fork ${pull.head.repo?.full_name}, and its token is read-only. The job summary and annotations carry the report.`
      )
    } else {
      const id = commentId(jobId)
      try {
        const outcome = await upsertStickyComment({
          client,
          owner,
          repo,
          issueNumber: pull.number,
          marker: id,
          body: renderPrComment(report, {
            ...markdown,
            marker: false,
            maxLength: commentLimit - stickyMarker(id).length - 1
          })
        })
        if (outcome.action === 'skipped') {
          core.notice(
            `No PR comment: ${outcome.reason} The job summary and annotations carry the report.`
          )
        } else {
          commentUrl = outcome.url
          core.info(`PR comment ${outcome.action}: ${outcome.url}`)
        }
      } catch (error) {
        core.warning(
          `The PR comment could not be written (${messageOf(error)}); the job summary and annotations carry the report.`
        )
      }
    }
  }

  if (wantSummary) {
    const omitted = wantAnnotations ? annotations.omitted : 0
    await core.summary
      .addRaw(renderJobSummary(report, { ...markdown, omittedAnnotations: omitted }))
      .write()
  }

  core.setOutput('breaking-count', String(report.summary.breaking))
  core.setOutput('warning-count', String(report.summary.warning))
  core.setOutput('info-count', String(report.summary.info))
  core.setOutput('ignored-count', String(report.summary.ignored))
  core.setOutput('report-path', reportPath)
  core.setOutput('semver-required', report.semver.required)
  core.setOutput('next-version', report.semver.next ?? '')
  core.setOutput('comment-url', commentUrl)
  core.setOutput('verdict', report.verdict)

  if (report.verdict === 'fail') {
    const { breaking, warning } = report.summary
    const reasons: string[] = []
    if (breaking > 0 || (report.failOn === 'warning' && warning > 0)) {
      reasons.push(
        report.failOn === 'warning'
          ? `${breaking} breaking and ${warning} warning changes`
          : `${breaking} breaking changes`
      )
    }
    if (report.semver.sufficient === false) {
      reasons.push(
        `the declared version ${report.semver.declared} is below the required ${report.semver.next}`
      )
    }
    core.setFailed(`contract check failed (fail-on: ${report.failOn}): ${reasons.join('; ')}.`)
  }
  return result.exitCode
}

await runAction(runContractCheckAction)

/** The `dependency-impact` input: direct, all or off (empty: the config decides). */
function dependencyImpactInput(value: string): 'direct' | 'all' | 'off' | null {
  const v = value.trim()
  if (v === '') return null
  if (v === 'direct' || v === 'all' || v === 'off') return v
  throw new InputError(`input 'dependency-impact' must be direct, all or off, got '${v}'.`)
}
