import * as core from '@actions/core'
import { renderRevertText, type RevertResult } from '../commands/revert.js'
import { runRevertJob } from '../wiring/revert.js'
import { actionLog, runAction } from './runtime.js'
import { parseRevertPrInputs } from './inputs/revert-pr.js'

function summaryOf(result: RevertResult): string {
  const head = `### ↩️ revert-pr: ${result.action}${result.url ? ` [#${result.number}](${result.url})` : ''}`
  const why = result.reason ? `\n\n${result.reason}` : ''
  const plan = result.plan
    ? `\n\n\`\`\`text\n${renderRevertText(result)}\`\`\`\n\n${result.plan.body}`
    : ''
  return `${head}${why}${plan}\n`
}

export async function runRevertPrAction(): Promise<number> {
  const settings = await parseRevertPrInputs()
  const result = await runRevertJob(settings, actionLog, {
    store: "input 'store'",
    storePath: "input 'store-path'"
  })
  for (const warning of result.warnings) core.warning(warning)
  if (result.action === 'skipped' && result.reason) core.notice(`revert-pr: ${result.reason}`)
  core.info(renderRevertText(result).trimEnd())
  core.setOutput('action', result.action)
  core.setOutput('pull-request-number', result.number === null ? '' : String(result.number))
  core.setOutput('pull-request-url', result.url ?? '')
  core.setOutput('branch', result.branch ?? '')
  core.setOutput('strategy', result.strategy ?? '')
  core.setOutput('reason', result.reason ?? '')
  await core.summary.addRaw(summaryOf(result)).write()
  return 0
}

await runAction(runRevertPrAction, { maxSecondsInput: 'max-seconds', defaultMaxSeconds: 600 })
