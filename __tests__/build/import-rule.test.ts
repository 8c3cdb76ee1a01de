/** The layer rule of docs/architecture.md is enforced by lint: an upward import fails the build. */
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` })
  return (result?.messages ?? [])
    .filter((m) => /no-restricted-imports/.test(m.ruleId ?? ''))
    .map((m) => m.message)
}

describe('the import rule', () => {
  it('refuses a use case that reaches git, GitHub or Go itself, or the wiring', async () => {
    expect(
      await importErrors(
        'src/commands/probe.ts',
        "import { git } from '../platform/git/exec.js'\nexport const x = git\n"
      )
    ).toEqual([expect.stringContaining('only through ports that src/wiring builds')])
    expect(
      await importErrors(
        'src/commands/probe.ts',
        "import { commandEngines } from '../wiring/engines.js'\nexport const x = commandEngines\n"
      )
    ).toEqual([expect.stringContaining('Upward import')])
  })

  it('lets a use case name a platform type, and nothing more', async () => {
    expect(
      await importErrors(
        'src/commands/probe.ts',
        "import type { GitHubClient } from '../platform/github/index.js'\nimport type * as files from '../platform/fs/files.js'\nexport type X = GitHubClient\nexport type Y = typeof files\n"
      )
    ).toEqual([])
    expect(
      await importErrors(
        'src/commands/probe.ts',
        "import { isDirectory } from '../platform/fs/files.js'\nimport { defaultProviderFactory } from '../slo/providers/index.js'\nexport const x = [isDirectory, defaultProviderFactory]\n"
      )
    ).toEqual([
      expect.stringContaining('only through ports that src/wiring builds'),
      expect.stringContaining('only through ports that src/wiring builds')
    ])
  })

  it('keeps the actions and the CLI apart, and the domain and edges below them', async () => {
    expect(
      await importErrors(
        'src/actions/probe.ts',
        "import { storeSettingsOf } from '../cli/store-options.js'\nexport const x = storeSettingsOf\n"
      )
    ).toEqual([expect.stringContaining('An action does not borrow from the CLI')])
    expect(
      await importErrors(
        'src/cli/probe.ts',
        "import { input } from '../actions/runtime.js'\nexport const x = input\n"
      )
    ).toEqual([expect.stringContaining('The CLI does not borrow from the actions')])
    expect(
      await importErrors(
        'src/wiring/probe.ts',
        "import { input } from '../actions/runtime.js'\nexport const x = input\n"
      )
    ).toEqual([expect.stringContaining('the wiring builds what both faces use')])
    expect(
      await importErrors(
        'src/contract/probe.ts',
        "import { openStore } from '../wiring/store.js'\nexport const x = openStore\n"
      )
    ).toEqual([expect.stringContaining('Upward import: the domain')])
    expect(
      await importErrors(
        'src/platform/probe.ts',
        "import { runSloGateJob } from '../wiring/slo-gate.js'\nexport const x = runSloGateJob\n"
      )
    ).toEqual([expect.stringContaining('Upward import: the edges')])
  })
})
