import { prepareRevert } from '../../src/revert/prepare.js'
import type { PrepareRequest, RevertWorktree } from '../../src/revert/ports.js'
import type { AttemptStatus, RevertStrategy, StrategyAttempt } from '../../src/revert/types.js'

const request: PrepareRequest = {
  base: 'main',
  good: 'a'.repeat(40),
  bad: 'b'.repeat(40),
  strategies: ['revert-commits', 'restore-paths', 'pin-digests'],
  steps: [],
  deployPaths: ['deploy/'],
  pins: [],
  trailer: 'Rollback-Guard-Revert: shop/prod/bbbb'
}

/** A worktree whose strategies end as scripted; it records what the loop asked of it. */
function scriptedTree(outcomes: Partial<Record<RevertStrategy, AttemptStatus>>) {
  const calls: string[] = []
  const tree: RevertWorktree = {
    open: async () => {
      calls.push('open')
      return 'c'.repeat(40)
    },
    reset: async (sha) => void calls.push(`reset ${sha.slice(0, 1)}`),
    apply: async (strategy): Promise<StrategyAttempt> => {
      calls.push(`apply ${strategy}`)
      const status = outcomes[strategy] ?? 'unavailable'
      return { strategy, status, detail: status, conflicts: status === 'conflict' ? ['x'] : [] }
    },
    commitEmpty: async (message) => void calls.push(`empty ${message.split('\n')[0]}`),
    head: async () => ({ head: 'h', tree: 't' })
  }
  return { tree, calls }
}

describe('the revert strategy loop (domain)', () => {
  it('keeps the first strategy that applies, each tried from a clean base', async () => {
    const { tree, calls } = scriptedTree({
      'revert-commits': 'conflict',
      'restore-paths': 'applied'
    })
    const prepared = await prepareRevert(tree, request, () => undefined)
    expect(prepared.applied?.strategy).toBe('restore-paths')
    expect(prepared.attempts.map((a) => a.status)).toEqual(['conflict', 'applied'])
    expect(prepared).toMatchObject({ head: 'h', tree: 't', baseSha: 'c'.repeat(40) })
    expect(calls).toEqual([
      'open',
      'reset c',
      'apply revert-commits',
      'reset c',
      'apply restore-paths'
    ])
  })

  it('makes a draft commit carrying the trailer when every strategy failed and one conflicted', async () => {
    const { tree, calls } = scriptedTree({ 'revert-commits': 'conflict' })
    const prepared = await prepareRevert(tree, request, () => undefined)
    expect(prepared.applied).toBeNull()
    expect(prepared.head).toBe('h')
    expect(calls.at(-1)).toBe('empty rollback-guard: revert to aaaaaaaaaaaa needs a person')
  })

  it('prepares nothing when no strategy could even start', async () => {
    const { tree, calls } = scriptedTree({})
    const prepared = await prepareRevert(tree, request, () => undefined)
    expect(prepared).toMatchObject({ applied: null, head: null, tree: null })
    expect(prepared.attempts).toHaveLength(3)
    expect(calls.some((c) => c.startsWith('empty'))).toBe(false)
  })
})
