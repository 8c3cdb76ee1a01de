import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { gitIn } from '../support/git-fixtures.js'
import { runCliProcess } from '../support/run-cli.js'
import { buildHistory } from './support/history.js'
import { demoEvidence } from './support/manifests.js'
import { badRelease, goodRelease, recordRelease } from './support/releases.js'

describe('the bundled CLI', () => {
  it('revert plan --dry-run prints the plan and pushes nothing', async () => {
    const history = await buildHistory()
    await recordRelease(history.work, history.good, goodRelease)
    await recordRelease(history.work, history.bad, badRelease)
    const evidence = join(history.base, 'evidence.json')
    await writeFile(evidence, JSON.stringify(await demoEvidence('failing')))
    const before = gitIn(history.remote, 'for-each-ref')
    const run = await runCliProcess(
      [
        'revert',
        'plan',
        '--dry-run',
        '--reason',
        evidence,
        '--service',
        'payments',
        '--deploy-path',
        'deploy'
      ],
      { cwd: history.work }
    )
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Revert plan for payments/production')
    expect(run.stdout).toContain(`revert -m 1 ${history.merge.slice(0, 12)}`)
    expect(run.stdout).toContain('dry run: nothing was pushed and no pull request was opened.')
    expect(gitIn(history.remote, 'for-each-ref')).toBe(before)
  })
})
