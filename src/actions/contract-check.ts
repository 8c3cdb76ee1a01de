import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { renderAnnotations } from '../contract/report/github.js'
import {
  commentId,
  commentLimit,
  renderJobSummary,
  renderPrComment
} from '../contract/report/markdown.js'
import { renderReport } from '../contract/report/render.js'
import { messageOf } from '../core/errors.js'
import { stickyMarker, upsertStickyComment } from '../platform/github/index.js'
import { runContractJob } from '../wiring/contract.js'
import { gitHubClientFor } from '../wiring/github.js'
import { actionLog, runAction } from './runtime.js'
import { parseContractCheckInputs } from './inputs/contract-check.js'

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
