import * as core from '@actions/core'
import { InputError } from '../core/errors.js'
import { runAction } from './runtime.js'

// One action for every job (`uses: owner/rollback-guard@v1` with `command:`); each job's entry
// runs itself when imported, so the umbrella only chooses which one to load.
const jobs: Record<string, () => Promise<unknown>> = {
  manifest: () => import('./manifest.js'),
  'contract-check': () => import('./contract-check.js'),
  'slo-gate': () => import('./slo-gate.js'),
  'revert-pr': () => import('./revert-pr.js')
}

const command = core.getInput('command').trim()
const job = jobs[command]
if (job) {
  await job()
} else {
  await runAction(async () => {
    throw new InputError(
      `input 'command' must be one of ${Object.keys(jobs).join(', ')}${command ? `, got '${command}'` : ''}; or use a job's own action (owner/rollback-guard/manifest@v1).`
    )
  })
}
